import ContractModel

/// The counterparty's pages: OTP, document with consent, done.
enum SignerPages {
    static func otp(csrf: String, l: Lang, error: String? = nil) -> String {
        let notice = error.map { "<p id=\"otp-error\" class=\"notice\">\(esc($0))</p>" } ?? ""
        return """
            <p>\(l.t("ご本人確認のため、メールで届いた 6 桁の確認コードを入力してください。", "To confirm it is you, enter the 6-digit code we e-mailed to you."))</p>
            \(notice)
            <form id="otp-form" method="post" action="/sign/otp">
            \(Layout.csrf(csrf))
            <label for="otp-code">\(l.t("確認コード", "Code"))</label>
            <input id="otp-code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required>
            <button id="otp-submit" type="submit">\(l.t("確認", "Confirm"))</button>
            </form>
            <form id="otp-resend-form" method="post" action="/sign/otp/resend">
            \(Layout.csrf(csrf))
            <button id="otp-resend-button" class="secondary" type="submit">\(l.t("コードを再送する", "Send a new code"))</button>
            </form>
            """
    }

    static func document(_ view: ParticipantInvitationView, csrf: String, l: Lang, error: String? = nil) -> String {
        let notice = error.map { "<p id=\"sign-error\" class=\"notice\">\(esc($0))</p>" } ?? ""
        return """
            <p>\(l.t("契約書の内容をご確認ください。", "Please read the contract."))</p>
            <iframe id="document-frame" class="pdf" src="/sign/document.pdf" title="\(esc(view.title))"></iframe>
            <p><a id="document-link" href="/sign/document.pdf">\(l.t("PDF を別に開く", "Open the PDF on its own"))</a></p>
            \(notice)
            <form id="sign-form" method="post" action="/sign">
            \(Layout.csrf(csrf))
            <input type="hidden" name="documentSHA256" value="\(esc(view.documentSHA256))">
            <p class="consent"><input id="consent" name="consent" type="checkbox" value="yes" required>
            <label for="consent">\(Portal.consentText)</label></p>
            <button id="sign-button" type="submit">\(l.t("署名する", "Sign"))</button>
            </form>
            """
    }

    static func done(completed: Bool, l: Lang) -> String {
        let certificate = completed ? "<a id=\"download-certificate\" href=\"/sign/certificate.pdf\">\(l.t("合意締結証明書", "Completion certificate"))</a>"
            : "<span id=\"certificate-pending\">\(l.t("合意締結証明書は全員の署名後にダウンロードできます。", "The completion certificate is available once everyone has signed."))</span>"
        return """
            <p id="done-message" class="ok">\(l.t("署名が完了しました。", "You have signed."))</p>
            <p class="downloads"><a id="download-signed" href="/sign/signed.pdf">\(l.t("署名済み PDF", "Signed PDF"))</a> \(certificate)</p>
            """
    }
}
