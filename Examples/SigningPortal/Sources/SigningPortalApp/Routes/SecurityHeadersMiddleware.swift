import HTTPTypes
import Hummingbird

/// Adds the security headers to every response: a strict Content-Security-Policy (nothing but
/// the portal's own stylesheet and its own PDFs in a frame; no scripts at all), no framing by
/// other sites, no MIME sniffing, no referrer (invitation links are secrets), no caching.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var pagePolicy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; object-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    static var xFrameOptions: HTTPField.Name { HTTPField.Name("X-Frame-Options")! }
    static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }
    static var openerPolicy: HTTPField.Name { HTTPField.Name("Cross-Origin-Opener-Policy")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        let isPDF = response.headers[.contentType] == "application/pdf"
        // The PDF is shown inside the portal's own page; pages themselves are never framed.
        response.headers[.contentSecurityPolicy] = isPDF ? "frame-ancestors 'self'" : Self.pagePolicy
        response.headers[Self.xFrameOptions] = isPDF ? "SAMEORIGIN" : "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "no-referrer"
        response.headers[.cacheControl] = "no-store"
        response.headers[Self.openerPolicy] = "same-origin"
        return response
    }
}
