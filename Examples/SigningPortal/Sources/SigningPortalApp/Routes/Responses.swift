import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Response helpers: HTML pages, PDFs, redirects and JSON, each with the portal's cookies.
enum Respond {
    static let sessionCookie = "sp_session"

    /// An HTML page; `?lang=` is remembered in a cookie.
    static func html(_ body: String, status: HTTPResponse.Status = .ok, request: Request, setSession: String? = nil) -> Response {
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: body)))
        cookies(&response, request: request, setSession: setSession)
        return response
    }

    /// A PDF, inline (for the viewer) or as a download.
    static func pdf(_ bytes: [UInt8], fileName: String, inline: Bool) -> Response {
        let safe = fileName.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
        let name = safe.isEmpty ? "document.pdf" : String(String.UnicodeScalarView(safe))
        return Response(status: .ok, headers: [.contentType: "application/pdf",
                                               .contentDisposition: "\(inline ? "inline" : "attachment"); filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A 303 to `location` (a path of this portal).
    static func redirect(_ location: String, request: Request, setSession: String? = nil) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        cookies(&response, request: request, setSession: setSession)
        return response
    }

    /// JSON with `status`.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func cookies(_ response: inout Response, request: Request, setSession: String?) {
        if let id = setSession {
            response.setCookie(Cookie(name: sessionCookie, value: id, path: "/", secure: false, httpOnly: true, sameSite: .strict))
        }
        if let value = request.uri.queryParameters.get("lang"), Lang(rawValue: value) != nil {
            response.setCookie(Cookie(name: "lang", value: value, maxAge: 365 * 86400, path: "/", secure: false, httpOnly: true, sameSite: .strict))
        }
    }
}
