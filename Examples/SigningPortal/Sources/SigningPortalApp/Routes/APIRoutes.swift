import ContractModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `/api/v1`: JSON in and out, bearer tokens from `SigningPortal issue-token`, the same access
/// policy as the pages (a token acts as the sender). Every refusal is a 4xx JSON body
/// `{"error":{"code","message"}}` described in `openapi.json`.
struct APIRoutes {
    let portal: Portal

    func register(on router: Router<PortalContext>) {
        router.get("/api/v1/openapi.json") { _, _ in
            guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = FileManager.default.contents(atPath: url.path) else {
                return Self.error(.internalServerError, "unavailable", "the OpenAPI document is missing")
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        let api = router.group("/api/v1").add(middleware: APIErrorMiddleware(portal: portal))
        api.post("/contracts") { request, context in
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/pdf") == true else {
                return Self.error(.unsupportedMediaType, "unsupported-media-type", "send the PDF as the body with Content-Type: application/pdf")
            }
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: portal.configuration.maximumUploadBytes) } catch is NIOTooManyBytesError {
                throw PortalError(.tooLarge, "the PDF is larger than \(portal.configuration.maximumUploadBytes / 1024 / 1024) MB")
            }
            let q = request.uri.queryParameters
            let upload = try await portal.createUpload(title: q.get("title") ?? "", fileName: q.get("fileName") ?? "contract.pdf", pdf: Array(buffer: body),
                                                       counterparty: q.get("counterparty"), amount: q.get("amount"), transactionDate: q.get("transactionDate"))
            return try await status(upload.id, request, context, code: .created)
        }
        api.get("/contracts/:id") { request, context in try await status(try Self.id(context), request, context) }
        api.post("/contracts/:id/participants") { request, context in
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            guard let input = try? JSONDecoder().decode(APIModels.ParticipantInput.self, from: Data(buffer: body)) else {
                throw PortalError(.invalidInput, "the body must be JSON {\"name\",\"email\",\"method\"?,\"organisation\"?}")
            }
            let id = try Self.id(context)
            _ = try await portal.addParticipant(to: id, name: input.name, email: input.email, method: input.method ?? "witness",
                                                organisation: input.organisation, by: portal.senderContext(request.info(context)))
            return try await status(id, request, context, code: .created)
        }
        api.post("/contracts/:id/send") { request, context in
            let id = try Self.id(context)
            _ = try await portal.send(id, by: portal.senderContext(request.info(context)))
            return try await status(id, request, context)
        }
        api.get("/contracts/:id/signed.pdf") { request, context in
            let id = try Self.id(context)
            guard case .contract(let contract) = try await portal.senderView(id, by: portal.senderContext(request.info(context))),
                  contract.state.kind == .completed, let file = portal.signedFile(id) else {
                throw PortalError(.notFound, "no signed PDF: the contract is not completed")
            }
            return Respond.pdf(file, fileName: "contract-signed.pdf", inline: false)
        }
        api.get("/contracts/:id/certificate.pdf") { request, context in
            let id = try Self.id(context)
            _ = try await portal.senderView(id, by: portal.senderContext(request.info(context)))
            guard let file = portal.certificateFile(id) else { throw PortalError(.notFound, "no completion certificate: the contract is not completed") }
            return Respond.pdf(file, fileName: "completion-certificate.pdf", inline: false)
        }
        api.get("/archive") { request, _ in
            let q = request.uri.queryParameters
            var parameters: [String: String] = [:]
            for key in ["from", "to", "minAmount", "maxAmount", "counterparty"] { parameters[key] = q.get(key) }
            let limit = try q.get("limit").map { guard let n = Int($0) else { throw PortalError(.invalidInput, "limit must be an integer") }; return n } ?? 100
            let offset = try q.get("offset").map { guard let n = Int($0) else { throw PortalError(.invalidInput, "offset must be an integer") }; return n } ?? 0
            return Respond.json(APIModels.archive(try await portal.searchArchive(parameters, limit: limit, offset: offset)))
        }
    }

    private func status(_ id: ContractID, _ request: Request, _ context: PortalContext, code: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = portal.senderContext(request.info(context))
        let view = try await portal.senderView(id, by: caller)
        var events: [AuditEvent] = []
        var signed = false
        if case .contract(let c) = view {
            events = try await portal.workflow.auditTrail(id, by: caller).events
            signed = c.state.kind == .completed && portal.signedFile(id) != nil
        }
        return Respond.json(APIModels.status(view, events: events, signed: signed, certificate: portal.certificateFile(id) != nil), status: code)
    }

    static func id(_ context: PortalContext) throws -> ContractID {
        let text = try context.parameters.require("id")
        guard !text.isEmpty, text.count <= 100 else { throw PortalError(.notFound, "no such contract") }
        return ContractID(text)
    }

    static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        Respond.json(APIModels.ErrorBody(error: .init(code: code, message: message)), status: status)
    }
}

/// Checks the bearer token and turns every error into a JSON body.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = PortalContext
    let portal: Portal

    func handle(_ request: Request, context: PortalContext, next: (Request, PortalContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              portal.tokens.name(of: String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)) != nil else {
            var response = APIRoutes.error(.unauthorized, "unauthorized", "a valid bearer token is required")
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        do {
            return try await next(request, context)
        } catch let error as PortalError {
            let status: HTTPResponse.Status = switch error.code {
            case .notFound: .notFound
            case .tooLarge: .contentTooLarge
            case .notPDF: .unsupportedMediaType
            case .conflict: .conflict
            default: .badRequest
            }
            return APIRoutes.error(status, error.code.rawValue, error.message)
        } catch let error as ContractError {
            let mapped = Portal.translate(error)
            return APIRoutes.error(mapped.code == .notFound ? .notFound : mapped.code == .conflict ? .conflict : .badRequest, mapped.code.rawValue, mapped.message)
        } catch let error as any HTTPResponseError where (400..<500).contains(error.status.code) {
            return APIRoutes.error(error.status, error.status == .contentTooLarge ? "too-large" : "bad-request", error.status.reasonPhrase)
        } catch {
            context.logger.error("API request failed", metadata: ["error": "\(type(of: error))"])
            return APIRoutes.error(.internalServerError, "internal", "the request failed")
        }
    }
}
