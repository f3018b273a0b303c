import ContractModel
import Foundation
import HTTPTypes
import Hummingbird

/// The counterparty's flow: invitation link → OTP → document and consent → signature → downloads.
/// The link leaves the URL at once: it is kept in a fresh server-side session.
struct SignerRoutes {
    let portal: Portal

    func register(on router: Router<PortalContext>) {
        router.get("/i/:link") { request, context in try await open(request, context) }
        router.get("/sign") { request, context in try await withSigner(request) { session, link in
            let l = request.lang
            guard session.otpVerified else {
                return Respond.html(Layout.page(l.t("本人確認", "Verification"), lang: l, path: "/sign", body: SignerPages.otp(csrf: session.csrfToken, l: l)), request: request)
            }
            let view = try await portal.workflow.openInvitation(link, request: request.info(context))
            guard view.missingFactors.isEmpty else {
                var session = session
                session.otpVerified = false
                await portal.sessions.update(session)
                return Respond.redirect("/sign", request: request)
            }
            return Respond.html(Layout.page(view.title, lang: l, path: "/sign", body: SignerPages.document(view, csrf: session.csrfToken, l: l)), request: request)
        } }
        router.get("/sign/document.pdf") { request, context in try await withSigner(request) { session, link in
            guard session.otpVerified else { return Respond.redirect("/sign", request: request) }
            return Respond.pdf(try await portal.workflow.participantDocument(link, request: request.info(context)), fileName: "contract.pdf", inline: true)
        } }
        router.post("/sign/otp") { request, context in try await withSigner(request) { session, link in
            let fields = try await formFields(request, session)
            let l = request.lang
            let info = request.info(context)
            guard await portal.otpByAddress.allow(["ip:\(context.clientAddress)"]),
                  await portal.otpByParticipant.allow(["link:\(PortalSecrets.hash(link.description))"]) else {
                return Respond.html(Layout.message(l.t("しばらくお待ちください", "Please wait"),
                                                   l.t("確認コードの入力が多すぎます。しばらくしてからもう一度お試しください。", "Too many attempts. Please try again later."),
                                                   code: "rate-limited", lang: l, path: "/sign"), status: .tooManyRequests, request: request)
            }
            do {
                try await portal.workflow.verifyOTP(link, factor: .emailOTP, code: String((fields["code"] ?? "").prefix(16)), request: info)
            } catch let error as ContractError where error.code == .authenticationFailed || error.code == .otpExpired || error.code == .invalidArgument {
                context.logger.info("OTP refused", metadata: ["contract": "\(link.contractID.rawValue)", "reason": "\(error.code)"])
                // One message for a wrong, expired or missing code: nothing to tell them apart.
                return Respond.html(Layout.page(l.t("本人確認", "Verification"), lang: l, path: "/sign",
                                                body: SignerPages.otp(csrf: session.csrfToken, l: l,
                                                                      error: l.t("確認コードが正しくないか、有効期限が切れています。", "The code is wrong or has expired."))),
                                    status: .unauthorized, request: request)
            }
            context.logger.info("OTP verified", metadata: ["contract": "\(link.contractID.rawValue)"])
            var verified = session
            verified.otpVerified = true
            await portal.sessions.update(verified)
            return Respond.redirect("/sign", request: request)
        } }
        router.post("/sign/otp/resend") { request, context in try await withSigner(request) { session, link in
            _ = try await formFields(request, session)
            do {
                try await portal.workflow.requestOTP(link, factor: .emailOTP, request: request.info(context))
            } catch let error as ContractError where error.code == .rateLimited {
                // A code was sent moments ago: the page says the same either way.
            }
            return Respond.redirect("/sign", request: request)
        } }
        router.post("/sign") { request, context in try await withSigner(request) { session, link in
            let fields = try await formFields(request, session)
            let l = request.lang
            guard session.otpVerified else { return Respond.redirect("/sign", request: request) }
            guard fields["consent"] == "yes" else {
                let view = try await portal.workflow.openInvitation(link, request: request.info(context))
                return Respond.html(Layout.page(view.title, lang: l, path: "/sign",
                                                body: SignerPages.document(view, csrf: session.csrfToken, l: l,
                                                                           error: l.t("署名するには「内容に同意して署名する」にチェックを入れてください。",
                                                                                      "Tick “内容に同意して署名する” (I agree and sign) to sign."))),
                                    status: .badRequest, request: request)
            }
            let instruction = WitnessSigningInstruction(documentSHA256: fields["documentSHA256"] ?? "", consentText: Portal.consentText, request: request.info(context))
            let evidence = try await portal.workflow.signAsWitness(link, instruction: instruction)
            context.logger.info("participant signed", metadata: ["contract": "\(evidence.contractID.rawValue)", "participant": "\(evidence.participantID.rawValue)"])
            var signed = session
            signed.signed = (evidence.contractID, evidence.participantID)
            signed.invitation = nil
            await portal.sessions.update(signed)
            return Respond.redirect("/sign/done", request: request)
        } }
        router.get("/sign/done") { request, _ in try await withSigned(request) { id, _ in
            let l = request.lang
            return Respond.html(Layout.page(l.t("署名完了", "Signed"), lang: l, path: "/sign/done",
                                            body: SignerPages.done(completed: portal.certificateFile(id) != nil, l: l)), request: request)
        } }
        router.get("/sign/signed.pdf") { request, context in try await withSigned(request) { id, _ in
            if let file = portal.signedFile(id) { return Respond.pdf(file, fileName: "contract-signed.pdf", inline: false) }
            return Respond.pdf(try await portal.workflow.document(id, by: portal.senderContext(request.info(context))), fileName: "contract-signed.pdf", inline: false)
        } }
        router.get("/sign/certificate.pdf") { request, _ in try await withSigned(request) { id, _ in
            guard let file = portal.certificateFile(id) else {
                let l = request.lang
                return Respond.html(Layout.message(l.t("まだありません", "Not yet"), l.t("合意締結証明書は全員の署名後に作られます。", "The certificate is made once everyone has signed."),
                                                   code: "not-completed", lang: l, path: "/sign/done"), status: .notFound, request: request)
            }
            return Respond.pdf(file, fileName: "completion-certificate.pdf", inline: false)
        } }
    }

    /// Opens an invitation: checks the link, sends the OTP (unless one went out moments ago),
    /// and moves the link into a new session.
    private func open(_ request: Request, _ context: PortalContext) async throws -> Response {
        let text = try context.parameters.require("link")
        guard let link = try? InvitationLink(text) else { return linkPage(ContractError(.invalidLink, ""), request) }
        do {
            try await portal.workflow.requestOTP(link, factor: .emailOTP, request: request.info(context))
        } catch let error as ContractError where error.code == .rateLimited {
            // The code sent moments ago is still valid.
        } catch let error as ContractError {
            // After completion every link is revoked: say that the contract is done rather than withdrawn.
            if error.code == .linkRevoked, let contract = try? await portal.workflow.contract(link.contractID, by: portal.senderContext(request.info(context))),
               contract.state.kind == .completed {
                return linkPage(ContractError(.linkAlreadyUsed, ""), request)
            }
            return linkPage(error, request)
        }
        // Never log the link itself: it is a secret.
        context.logger.info("invitation opened", metadata: ["contract": "\(link.contractID.rawValue)"])
        var session = await portal.sessions.create()
        session.invitation = link.description
        await portal.sessions.update(session)
        return Respond.redirect("/sign", request: request, setSession: session.id)
    }

    private func withSigner(_ request: Request, _ body: (PortalSession, InvitationLink) async throws -> Response) async throws -> Response {
        let l = request.lang
        guard let session = await portal.sessions.session(request.cookie(Respond.sessionCookie)) else {
            return Respond.html(Layout.message(l.t("セッションがありません", "No session"),
                                               l.t("招待メールのリンクから開き直してください。", "Open the link in your invitation e-mail again."),
                                               code: "no-session", lang: l, path: request.uri.path), status: .forbidden, request: request)
        }
        if session.signed != nil, session.invitation == nil { return Respond.redirect("/sign/done", request: request) }
        guard let text = session.invitation, let link = try? InvitationLink(text) else {
            return Respond.html(Layout.message(l.t("セッションがありません", "No session"),
                                               l.t("招待メールのリンクから開き直してください。", "Open the link in your invitation e-mail again."),
                                               code: "no-session", lang: l, path: request.uri.path), status: .forbidden, request: request)
        }
        do {
            return try await body(session, link)
        } catch let error as CSRFRefusal {
            return error.page(request)
        } catch let error as ContractError {
            return linkPage(error, request)
        }
    }

    private func withSigned(_ request: Request, _ body: (ContractID, ParticipantID) async throws -> Response) async throws -> Response {
        guard let session = await portal.sessions.session(request.cookie(Respond.sessionCookie)), let signed = session.signed else {
            let l = request.lang
            return Respond.html(Layout.message(l.t("セッションがありません", "No session"), l.t("署名後のページはこのブラウザでのみ開けます。", "This page opens only in the browser that signed."),
                                               code: "no-session", lang: l, path: request.uri.path), status: .forbidden, request: request)
        }
        return try await body(signed.contract, signed.participant)
    }

    private func formFields(_ request: Request, _ session: PortalSession) async throws -> [String: String] {
        var request = request
        let fields = URLEncodedFields.parse(try await request.collectBody(upTo: 64 * 1024))
        try CSRFRefusal.check(fields["csrf"], session)
        return fields
    }

    /// The page for a refused link or step: what happened and what to do.
    func linkPage(_ error: ContractError, _ request: Request) -> Response {
        let l = request.lang
        let (status, code, title, text): (HTTPResponse.Status, String, String, String)
        switch error.code {
        case .linkAlreadyUsed:
            (status, code, title, text) = (.gone, "link-used", l.t("このリンクは使用済みです", "This link was already used"),
                                           l.t("このリンクで既に署名されたか、契約は締結済みです。署名済みの文書は、署名した画面か送信者から受け取れます。", "This link was already used to sign, or the contract is completed. Get the signed document from the page where you signed, or from the sender."))
        case .linkExpired:
            (status, code, title, text) = (.gone, "link-expired", l.t("このリンクは有効期限切れです", "This link has expired"),
                                           l.t("有効期限が切れています。送信者に新しい招待を依頼してください。", "The link has expired. Ask the sender to invite you again."))
        case .linkRevoked:
            (status, code, title, text) = (.gone, "link-revoked", l.t("このリンクは取り消されました", "This link was withdrawn"),
                                           l.t("契約が訂正または取り消されました。新しい招待メールのリンクを使ってください。", "The contract was corrected or cancelled. Use the link in the newest invitation."))
        case .lockedOut:
            (status, code, title, text) = (.forbidden, "locked", l.t("ロックされました", "Locked"),
                                           l.t("確認コードを 5 回間違えたため、しばらく署名できません。時間をおいてから、送信者にご連絡ください。",
                                               "The code was wrong 5 times, so signing is locked for a while. Please wait, then contact the sender."))
        case .illegalTransition:
            (status, code, title, text) = (.gone, "contract-closed", l.t("この契約は署名を受け付けていません", "This contract is not open for signing"),
                                           l.t("契約は完了、取消、または期限切れです。", "The contract is completed, cancelled or expired."))
        case .invalidLink, .notFound:
            (status, code, title, text) = (.notFound, "link-invalid", l.t("リンクが無効です", "This link is not valid"),
                                           l.t("招待メールのリンクをそのまま開いてください。", "Open the link exactly as it appears in your invitation."))
        default:
            (status, code, title, text) = (.forbidden, "refused", l.t("処理できません", "Cannot do that"),
                                           l.t("この操作はできません。招待メールのリンクから開き直してください。", "This cannot be done now. Open the link in your invitation again."))
        }
        return Respond.html(Layout.message(title, text, code: code, lang: l, path: request.uri.path), status: status, request: request)
    }
}
