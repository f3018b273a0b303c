import CMSCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import PDFSign
import Testing
import TestSupport
import X509
@testable import SigningPortalApp

/// The whole flow through HTTP, as two people would do it.
@Suite("SigningPortal flow")
struct FlowTests {
    @Test("sender creates and sends; counterparty opens, passes the OTP, consents and signs; the PDF is intact at B-LTA with the sandbox root")
    func fullFlow() async throws {
        let harness = try await PortalHarness()
        let handler = CapturingLogHandler()
        try await harness.run(logger: Logger(label: "test") { _ in handler }) { client in
            let sender = Browser(client)
            try await Flow.loginSender(harness, sender)
            let id = try await Flow.createAndSend(harness, sender)
            let status = try await sender.request("/contracts/\(id)")
            #expect(Browser.attribute(in: status.text, after: "id=\"contract-state\" class=\"state\" data-state=\"") == "sent")

            let signer = Browser(client)
            let open = try await signer.request(try #require(try Flow.invitation(harness, "taro@example.com")))
            #expect(open.status == .seeOther)
            let otpPage = try await signer.request("/sign")
            #expect(otpPage.text.contains("id=\"otp-form\""))
            let csrf = try #require(Browser.csrf(otpPage))
            let verified = try await signer.post("/sign/otp", ["csrf": csrf, "code": try #require(try Flow.code(harness, "taro@example.com"))])
            #expect(verified.status == .seeOther)
            let document = try await signer.request("/sign")
            #expect(document.text.contains("id=\"document-frame\""))
            #expect(document.text.contains("内容に同意して署名する"))
            let viewed = try await signer.request("/sign/document.pdf")
            #expect(viewed.bytes.starts(with: Array("%PDF-".utf8)))
            let sha = try #require(Browser.attribute(in: document.text, after: "name=\"documentSHA256\" value=\""))
            let withoutConsent = try await signer.post("/sign", ["csrf": csrf, "documentSHA256": sha])
            #expect(withoutConsent.status == .badRequest)
            let signed = try await signer.post("/sign", ["csrf": csrf, "documentSHA256": sha, "consent": "yes"])
            #expect(signed.status == .seeOther)
            #expect(signed.headers[.location] == "/sign/done")
            let done = try await signer.request("/sign/done")
            #expect(done.text.contains("id=\"download-certificate\""))
            let signerCopy = try await signer.request("/sign/signed.pdf")
            let certificate = try await signer.request("/sign/certificate.pdf")
            #expect(certificate.bytes.starts(with: Array("%PDF-".utf8)))

            // The used link is refused with a page that explains it.
            let reused = try await Browser(client).request(try #require(try Flow.invitation(harness, "taro@example.com")))
            #expect(reused.status == .gone)
            #expect(Browser.errorCode(reused) == "link-used")

            let completed = try await sender.request("/contracts/\(id)")
            #expect(Browser.attribute(in: completed.text, after: "id=\"contract-state\" class=\"state\" data-state=\"") == "completed")
            #expect(completed.text.contains("id=\"download-signed\"") && completed.text.contains("id=\"download-certificate\""))
            // States and audit actions in the page's language; raw values only in data-* attributes.
            #expect(completed.text.contains("data-state=\"signed\">署名済み</td>"))
            #expect(completed.text.contains("data-action=\"otpSent\"") && completed.text.contains(">確認コード送信</td>"))
            #expect(!completed.text.contains(">otpSent<") && !completed.text.contains(">signed<"))
            let download = try await sender.request("/contracts/\(id)/signed.pdf")
            #expect(download.bytes == signerCopy.bytes)

            let root = try Certificate(pemEncoded: String(contentsOf: harness.directory.appendingPathComponent("sandbox-root.pem"), encoding: .utf8))
            let report = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [root])).validate(try PDFDocument(bytes: download.bytes))
            #expect(report.signatures.count == 1)
            #expect(!report.documentTimestamps.isEmpty)
            #expect(report.valid, "\(report)")
            #expect(report.signatures.allSatisfy { $0.intact && $0.level == .lta }, "\(report.signatures.map(\.level))")

            let archive = try await sender.request("/archive?counterparty=%E3%83%86%E3%82%B9%E3%83%88")
            #expect(archive.text.contains("業務委託契約書"))
            let outside = try await sender.request("/archive?counterparty=zzz")
            #expect(outside.status == .ok && !outside.text.contains("業務委託契約書"))
        }
        // No secret reached the logs at info level: OTPs, invitation and login tokens, session ids.
        let secrets = try harness.outbox().flatMap { [$0.code, $0.link.map { String($0.split(separator: "/").last ?? "") }] }.compactMap { $0 }
        #expect(secrets.count >= 3)
        #expect(handler.lines(atLeast: .info).count >= 4, "the capture saw \(handler.lines(atLeast: .trace))")
        for line in handler.lines(atLeast: .info) { for secret in secrets { #expect(!line.contains(secret)) } }
    }
}
