import ContractModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The sender's pages: login link, contract list and creation, participants, sending, status
/// with the audit trail, downloads and archive search. Every route needs a sender session; every
/// POST needs the session's CSRF token.
struct SenderRoutes {
    let portal: Portal

    func register(on router: Router<PortalContext>) {
        router.get("/login/:token") { request, context in try await login(request, context) }
        router.get("/contracts") { request, context in try await withSender(request) { session in
            Respond.html(Layout.page(request.lang.t("契約", "Contracts"), lang: request.lang, path: "/contracts", sender: true,
                                     body: SenderPages.list(try await portal.allContracts(by: portal.senderContext(request.info(context))), csrf: session.csrfToken, l: request.lang)),
                         request: request)
        } }
        router.post("/contracts") { request, context in try await create(request, context) }
        router.get("/contracts/:id") { request, context in try await withSender(request) { session in
            try await statusPage(request, context, session, id: try contractID(context))
        } }
        router.post("/contracts/:id/participants") { request, context in try await withSender(request) { session in
            let id = try contractID(context)
            let fields = try await formFields(request, context, session)
            do {
                _ = try await portal.addParticipant(to: id, name: fields["name"] ?? "", email: fields["email"] ?? "", method: fields["method"] ?? "witness",
                                                    organisation: fields["organisation"], by: portal.senderContext(request.info(context)))
            } catch let error as PortalError where error.code == .invalidInput || error.code == .conflict {
                return try await statusPage(request, context, session, id: id, error: error.message, status: .badRequest)
            }
            return Respond.redirect("/contracts/\(id.rawValue)", request: request)
        } }
        router.post("/contracts/:id/send") { request, context in try await withSender(request) { session in
            let id = try contractID(context)
            _ = try await formFields(request, context, session)
            do {
                _ = try await portal.send(id, by: portal.senderContext(request.info(context)))
            } catch let error as PortalError where error.code == .conflict || error.code == .invalidInput {
                return try await statusPage(request, context, session, id: id, error: error.message, status: .conflict)
            }
            return Respond.redirect("/contracts/\(id.rawValue)", request: request)
        } }
        router.get("/contracts/:id/document.pdf") { request, context in try await withSender(request) { _ in
            let id = try contractID(context)
            if let pending = await portal.uploads.get(id) { return Respond.pdf(pending.pdf, fileName: pending.upload.fileName, inline: true) }
            guard case .contract(let contract) = try await portal.senderView(id, by: portal.senderContext(request.info(context))) else {
                throw PortalError(.notFound, "no such contract")
            }
            return Respond.pdf(try await portal.workflow.document(id, by: portal.senderContext(request.info(context))),
                               fileName: contract.document.fileName, inline: true)
        } }
        router.get("/contracts/:id/signed.pdf") { request, context in try await withSender(request) { _ in
            let id = try contractID(context)
            _ = try await portal.senderView(id, by: portal.senderContext(request.info(context)))
            if let file = portal.signedFile(id) { return Respond.pdf(file, fileName: "contract-signed.pdf", inline: false) }
            return Respond.pdf(try await portal.workflow.document(id, by: portal.senderContext(request.info(context))), fileName: "contract-signed-so-far.pdf", inline: false)
        } }
        router.get("/contracts/:id/certificate.pdf") { request, context in try await withSender(request) { _ in
            let id = try contractID(context)
            _ = try await portal.senderView(id, by: portal.senderContext(request.info(context)))
            guard let file = portal.certificateFile(id) else { throw PortalError(.notFound, "no completion certificate yet") }
            return Respond.pdf(file, fileName: "completion-certificate.pdf", inline: false)
        } }
        router.get("/archive") { request, context in try await withSender(request) { _ in
            let l = request.lang
            var parameters: [String: String] = [:]
            for key in ["from", "to", "minAmount", "maxAmount", "counterparty"] { parameters[key] = request.uri.queryParameters.get(key) }
            do {
                let page = try await portal.searchArchive(parameters)
                return Respond.html(Layout.page(l.t("保管文書の検索", "Archive search"), lang: l, path: "/archive", sender: true,
                                                body: SenderPages.archive(page.records, query: parameters, l: l)), request: request)
            } catch let error as PortalError {
                return Respond.html(Layout.page(l.t("保管文書の検索", "Archive search"), lang: l, path: "/archive", sender: true,
                                                body: SenderPages.archive([], query: parameters, l: l, error: error.message)), status: .badRequest, request: request)
            }
        } }
    }

    private func contractID(_ context: PortalContext) throws -> ContractID {
        ContractID(try context.parameters.require("id"))
    }

    /// Runs `body` for a logged-in sender; otherwise a 403 page. Portal errors become pages.
    private func withSender(_ request: Request, _ body: (PortalSession) async throws -> Response) async throws -> Response {
        let l = request.lang
        guard let session = await portal.sessions.session(request.cookie(Respond.sessionCookie)), session.isSender else {
            return Respond.html(Layout.message(l.t("ログインが必要です", "Login required"),
                                               l.t("送信者用のログインリンクから開いてください。", "Open the portal through the sender's login link."),
                                               code: "login-required", lang: l, path: request.uri.path), status: .forbidden, request: request)
        }
        do {
            return try await body(session)
        } catch let error as CSRFRefusal {
            return error.page(request)
        } catch let error as PortalError {
            let status: HTTPResponse.Status = error.code == .notFound ? .notFound : error.code == .tooLarge ? .contentTooLarge : .badRequest
            return Respond.html(Layout.message(l.t("処理できません", "Cannot do that"), error.message, code: error.code.rawValue, lang: l,
                                               path: request.uri.path, sender: true), status: status, request: request)
        }
    }

    /// The form's fields, after checking its CSRF token.
    private func formFields(_ request: Request, _ context: PortalContext, _ session: PortalSession) async throws -> [String: String] {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        let fields = URLEncodedFields.parse(body)
        try CSRFRefusal.check(fields["csrf"], session)
        return fields
    }

    private func login(_ request: Request, _ context: PortalContext) async throws -> Response {
        let l = request.lang
        guard await portal.logins.redeem(try context.parameters.require("token")) else {
            return Respond.html(Layout.message(l.t("リンクは使えません", "Link not valid"),
                                               l.t("このログインリンクは使用済みか、期限切れか、無効です。新しいリンクを発行してください。",
                                                   "This login link was already used, has expired, or is not valid. Issue a new one."),
                                               code: "login-link-invalid", lang: l, path: request.uri.path), status: .gone, request: request)
        }
        context.logger.info("sender logged in")
        var session = await portal.sessions.create()
        session.isSender = true
        await portal.sessions.update(session)
        return Respond.redirect("/contracts", request: request, setSession: session.id)
    }

    private func create(_ request: Request, _ context: PortalContext) async throws -> Response {
        try await withSender(request) { session in
            let l = request.lang
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: context.maxUploadSize)
            } catch is NIOTooManyBytesError {
                throw PortalError(.tooLarge, l.t("ファイルが大きすぎます(20 MB まで)。", "The file is too large (20 MB at most)."))
            }
            guard let form = MultipartForm(contentType: request.headers[.contentType], body: body) else {
                throw CSRFRefusal()
            }
            try CSRFRefusal.check(form.fields["csrf"], session)
            guard let file = form.files["pdf"], !file.bytes.isEmpty else {
                throw PortalError(.invalidInput, l.t("PDF ファイルを選んでください。", "Choose a PDF file."))
            }
            let upload: PendingUpload
            do {
                upload = try await portal.createUpload(title: form.fields["title"] ?? "", fileName: file.fileName, pdf: file.bytes,
                                                       counterparty: form.fields["counterparty"], amount: form.fields["amount"],
                                                       transactionDate: form.fields["transactionDate"])
            } catch let error as PortalError {
                let message: String
                switch error.code {
                case .notPDF: message = l.t("アップロードされたファイルは PDF ではありません。PDF ファイルを選んでください。",
                                            "The uploaded file is not a PDF. Choose a PDF file.")
                case .tooLarge: message = l.t("ファイルが大きすぎます(20 MB まで)。", "The file is too large (20 MB at most).")
                default: message = error.message
                }
                let views = try await portal.allContracts(by: portal.senderContext(request.info(context)))
                let status: HTTPResponse.Status = error.code == .tooLarge ? .contentTooLarge : error.code == .notPDF ? .unsupportedMediaType : .badRequest
                var page = Layout.page(l.t("契約", "Contracts"), lang: l, path: "/contracts", sender: true,
                                       body: SenderPages.list(views, csrf: session.csrfToken, l: l, error: message))
                page = page.replacingOccurrences(of: "<p id=\"error-message\" class=\"notice\">", with: "<p id=\"error-message\" class=\"notice\" data-code=\"\(error.code.rawValue)\">")
                return Respond.html(page, status: status, request: request)
            }
            context.logger.info("contract uploaded", metadata: ["contract": "\(upload.id.rawValue)", "bytes": "\(file.bytes.count)"])
            return Respond.redirect("/contracts/\(upload.id.rawValue)", request: request)
        }
    }

    private func statusPage(_ request: Request, _ context: PortalContext, _ session: PortalSession, id: ContractID,
                            error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let caller = portal.senderContext(request.info(context))
        let view = try await portal.senderView(id, by: caller)
        var events: [AuditEvent] = []
        var title = ""
        var hasSigned = false
        switch view {
        case .contract(let c):
            events = try await portal.workflow.auditTrail(id, by: caller).events
            title = c.title
            hasSigned = c.participants.contains { $0.state == .signed }
        case .pending(let p): title = p.title
        }
        let body = SenderPages.status(view, events: events, csrf: session.csrfToken, l: request.lang, hasSigned: hasSigned,
                                      hasCertificate: portal.certificateFile(id) != nil, error: error)
        return Respond.html(Layout.page(title, lang: request.lang, path: "/contracts/\(id.rawValue)", sender: true, body: body), status: status, request: request)
    }
}

/// A POST without the session's CSRF token: 403 with a page that says so.
struct CSRFRefusal: Error {
    static func check(_ token: String?, _ session: PortalSession?) throws {
        guard let token, let session, PortalSecrets.constantTimeEqual(token, session.csrfToken) else { throw CSRFRefusal() }
    }

    func page(_ request: Request) -> Response {
        let l = request.lang
        return Respond.html(Layout.message(l.t("リクエストを受け付けられません", "Request refused"),
                                           l.t("フォームの有効期限が切れたか、別のサイトから送信されました。ページを開き直してください。",
                                               "The form has expired or was sent from another site. Reload the page and try again."),
                                           code: "csrf", lang: l, path: request.uri.path), status: .forbidden, request: request)
    }
}
