import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import SigningPortalApp

/// Each security check: the refusal, and beside it the allowed control.
@Suite("SigningPortal security")
struct SecurityTests {
    @Test("a POST without or with a wrong CSRF token is refused with 403; with the session's token it succeeds")
    func csrf() async throws {
        let harness = try await PortalHarness()
        try await harness.run { client in
            let sender = Browser(client)
            try await Flow.loginSender(harness, sender)
            let token = try #require(Browser.csrf(try await sender.request("/contracts")))
            let pdf = try PortalHarness.samplePDF()
            let missing = try await sender.postMultipart("/contracts", ["title": "t"], file: pdf)
            #expect(missing.status == .forbidden)
            #expect(Browser.errorCode(missing) == "csrf")
            let wrong = try await sender.postMultipart("/contracts", ["title": "t", "csrf": String(token.reversed())], file: pdf)
            #expect(wrong.status == .forbidden)
            // A cross-site form has no session cookie at all (SameSite=Strict): refused too.
            let crossSite = Browser(client)
            let foreign = try await crossSite.postMultipart("/contracts", ["title": "t", "csrf": token], file: pdf)
            #expect(foreign.status == .forbidden)
            let allowed = try await sender.postMultipart("/contracts", ["title": "t", "csrf": token], file: pdf)
            #expect(allowed.status == .seeOther)
            #expect(allowed.headers[.location]?.hasPrefix("/contracts/") == true)
        }
    }

    @Test("cookies are HttpOnly and SameSite=Strict")
    func cookies() async throws {
        let harness = try await PortalHarness()
        try await harness.run { client in
            let link = try await harness.portal.issueSenderLogin()
            let response = try await client.execute(uri: PortalHarness.path(link), method: .get)
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("sp_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
        }
    }

    @Test("five wrong OTPs lock the participant out, even for the right code; another participant's right code passes")
    func otpLockout() async throws {
        let harness = try await PortalHarness()
        try await harness.run { client in
            let sender = Browser(client)
            try await Flow.loginSender(harness, sender)
            _ = try await Flow.createAndSend(harness, sender, email: "locked@example.com")
            _ = try await Flow.createAndSend(harness, sender, email: "control@example.com")

            let victim = Browser(client)
            try await victim.request(try #require(try Flow.invitation(harness, "locked@example.com")))
            let csrf = try #require(Browser.csrf(try await victim.request("/sign")))
            let right = try #require(try Flow.code(harness, "locked@example.com"))
            let wrong = right == "000000" ? "111111" : "000000"
            for attempt in 1...4 {
                let page = try await victim.post("/sign/otp", ["csrf": csrf, "code": wrong])
                #expect(page.status == .unauthorized, "attempt \(attempt)")
            }
            let fifth = try await victim.post("/sign/otp", ["csrf": csrf, "code": wrong])
            #expect(fifth.status == .forbidden)
            #expect(Browser.errorCode(fifth) == "locked")
            let afterwards = try await victim.post("/sign/otp", ["csrf": csrf, "code": right])
            #expect(Browser.errorCode(afterwards) == "locked")

            let control = Browser(client)
            try await control.request(try #require(try Flow.invitation(harness, "control@example.com")))
            let controlCSRF = try #require(Browser.csrf(try await control.request("/sign")))
            let passed = try await control.post("/sign/otp", ["csrf": controlCSRF, "code": try #require(try Flow.code(harness, "control@example.com"))])
            #expect(passed.status == .seeOther)
        }
    }

    @Test("an expired invitation link is refused with 410 and a page that explains it; a fresh one opens")
    func expiredLink() async throws {
        let harness = try await PortalHarness(invitationLifetime: 1)
        try await harness.run { client in
            let sender = Browser(client)
            try await Flow.loginSender(harness, sender)
            _ = try await Flow.createAndSend(harness, sender, email: "late@example.com")
            let link = try #require(try Flow.invitation(harness, "late@example.com"))
            try await Task.sleep(for: .milliseconds(1500))
            let page = try await Browser(client).request(link)
            #expect(page.status == .gone)
            #expect(Browser.errorCode(page) == "link-expired")
            #expect(page.text.contains("有効期限"))
        }
        let fresh = try await PortalHarness()
        try await fresh.run { client in
            let sender = Browser(client)
            try await Flow.loginSender(fresh, sender)
            _ = try await Flow.createAndSend(fresh, sender, email: "ontime@example.com")
            let page = try await Browser(client).request(try #require(try Flow.invitation(fresh, "ontime@example.com")))
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/sign")
        }
    }

    @Test("a non-PDF upload gets 415 with a clear message, an oversized one 413; a PDF is accepted")
    func uploads() async throws {
        let harness = try await PortalHarness()
        try await harness.run { client in
            let sender = Browser(client)
            try await Flow.loginSender(harness, sender)
            let csrf = try #require(Browser.csrf(try await sender.request("/contracts")))
            let text = try await sender.postMultipart("/contracts", ["csrf": csrf, "title": "t"], file: Array("hello, not a PDF".utf8), fileName: "a.pdf")
            #expect(text.status == .unsupportedMediaType)
            #expect(Browser.errorCode(text) == "not-pdf")
            #expect(text.text.contains("PDF ではありません"))
            let fake = try await sender.postMultipart("/contracts", ["csrf": csrf, "title": "t"], file: Array("%PDF-1.7\ngarbage".utf8))
            #expect(fake.status == .unsupportedMediaType)
            var big = try PortalHarness.samplePDF()
            big += [UInt8](repeating: 0x20, count: 21 * 1024 * 1024)
            let oversized = try await sender.postMultipart("/contracts", ["csrf": csrf, "title": "t"], file: big)
            #expect(oversized.status == .contentTooLarge)
            #expect(Browser.errorCode(oversized) == "too-large")
            let good = try await sender.postMultipart("/contracts", ["csrf": csrf, "title": "t"], file: try PortalHarness.samplePDF())
            #expect(good.status == .seeOther)
        }
    }

    @Test("no enumeration: a made-up invitation token and a made-up contract get the same page; used and unknown login links too")
    func noEnumeration() async throws {
        let harness = try await PortalHarness()
        try await harness.run { client in
            let sender = Browser(client)
            try await Flow.loginSender(harness, sender)
            let id = try await Flow.createAndSend(harness, sender)
            let token = String(repeating: "A", count: 43)
            let realContract = try await Browser(client).request("/i/\(id)~\(token)")
            let noContract = try await Browser(client).request("/i/\(UUID().uuidString.lowercased())~\(token)")
            #expect(realContract.status == noContract.status)
            #expect(Self.withoutLanguageLink(realContract.text) == Self.withoutLanguageLink(noContract.text))
            #expect(realContract.status == .notFound)

            let link = PortalHarness.path(try await harness.portal.issueSenderLogin())
            #expect(try await Browser(client).request(link).status == .seeOther)
            let used = try await Browser(client).request(link)
            let unknown = try await Browser(client).request("/login/" + String(repeating: "B", count: 43))
            #expect(used.status == unknown.status && Self.withoutLanguageLink(used.text) == Self.withoutLanguageLink(unknown.text))
            #expect(used.status == .gone)

            // Wrong code and no code: one message.
            let signer = Browser(client)
            try await signer.request(try #require(try Flow.invitation(harness, "taro@example.com")))
            let csrf = try #require(Browser.csrf(try await signer.request("/sign")))
            let wrong = try await signer.post("/sign/otp", ["csrf": csrf, "code": "12"])
            let empty = try await signer.post("/sign/otp", ["csrf": csrf, "code": ""])
            #expect(wrong.status == .unauthorized && empty.status == .unauthorized)
            #expect(Browser.attribute(in: wrong.text, after: "id=\"otp-error\" class=\"notice\">") == Browser.attribute(in: empty.text, after: "id=\"otp-error\" class=\"notice\">"))
        }
    }

    /// The page without its language switch (which links back to the path that was asked for).
    static func withoutLanguageLink(_ text: String) -> String {
        text.split(separator: "\n").filter { !$0.contains("id=\"lang-switch\"") }.joined(separator: "\n")
    }

    @Test("every page carries a strict CSP, no framing and no referrer; PDFs may be framed only by the portal")
    func headers() async throws {
        let harness = try await PortalHarness()
        try await harness.run { client in
            let page = try await Browser(client).request("/")
            let csp = try #require(page.headers[.contentSecurityPolicy])
            #expect(csp.contains("default-src 'none'"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(!csp.contains("script-src"))
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(!page.text.contains("<script"))
            let sender = Browser(client)
            try await Flow.loginSender(harness, sender)
            let id = try await Flow.createAndSend(harness, sender)
            let pdf = try await sender.request("/contracts/\(id)/document.pdf")
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.headers[.contentSecurityPolicy] == "frame-ancestors 'self'")
        }
    }

    @Test("the API refuses a missing or bad bearer token with 401 JSON and serves a good one")
    func apiBearer() async throws {
        let harness = try await PortalHarness()
        let token = try harness.portal.tokens.issue(name: "test")
        try await harness.run { client in
            let none = try await client.execute(uri: "/api/v1/archive", method: .get)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.contentType] == "application/json")
            #expect(none.headers[.wwwAuthenticate] == "Bearer")
            let bad = try await client.execute(uri: "/api/v1/archive", method: .get, headers: [.authorization: "Bearer sp_" + String(repeating: "x", count: 43)])
            #expect(bad.status == .unauthorized)
            let good = try await client.execute(uri: "/api/v1/archive", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(good.status == .ok)
            let missing = try await client.execute(uri: "/api/v1/contracts/nope", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(missing.status == .notFound)
            #expect(String(buffer: missing.body).contains("\"code\":\"not-found\""))
        }
        // Only the hash is stored.
        let stored = try String(contentsOf: harness.directory.appendingPathComponent("api-tokens.json"), encoding: .utf8)
        #expect(!stored.contains(token))
    }
}

@Suite("SigningPortal rate limits")
struct RateLimitTests {
    @Test("OTP attempts from one address are limited across participants: within the limit 401, over it 429")
    func perAddress() async throws {
        let harness = try await PortalHarness(otpAttemptsPerAddress: 3)
        try await harness.run { client in
            let sender = Browser(client)
            try await Flow.loginSender(harness, sender)
            _ = try await Flow.createAndSend(harness, sender, email: "a@example.com")
            _ = try await Flow.createAndSend(harness, sender, email: "b@example.com")
            var statuses: [HTTPResponse.Status] = []
            for (email, tries) in [("a@example.com", 2), ("b@example.com", 2)] {
                let browser = Browser(client)
                try await browser.request(try #require(try Flow.invitation(harness, email)))
                let csrf = try #require(Browser.csrf(try await browser.request("/sign")))
                for _ in 0..<tries { statuses.append(try await browser.post("/sign/otp", ["csrf": csrf, "code": "99999x"]).status) }
            }
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests])
        }
    }
}
