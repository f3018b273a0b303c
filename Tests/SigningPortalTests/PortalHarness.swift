import Foundation
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdTesting
import NIOCore
import PDFSign
@testable import SigningPortalApp

/// A portal on a fresh data folder, driven in process (HummingbirdTesting's router framework),
/// with a cookie jar per "browser".
struct PortalHarness {
    let portal: Portal
    let directory: URL

    init(invitationLifetime: TimeInterval = 7 * 86400, otpAttemptsPerAddress: Int = 200) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signing-portal-\(UUID().uuidString)")
        portal = try await Portal(configuration: PortalConfiguration(dataDirectory: directory, invitationLifetime: invitationLifetime, printsOutbox: false,
                                                                     otpAttemptsPerAddress: otpAttemptsPerAddress))
    }

    /// Runs `body` against the application.
    func run(logger: Logger? = nil, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await buildApplication(portal, logger: logger, announce: false).test(.router) { client in try await body(client) }
    }

    /// The outbox entries.
    func outbox() throws -> [OutboxNotifier.Entry] { try OutboxNotifier.entries(in: portal.configuration.outboxFile) }

    /// The path of an absolute link from the outbox.
    static func path(_ link: String) -> String {
        guard let range = link.range(of: "://") , let slash = link[range.upperBound...].firstIndex(of: "/") else { return link }
        return String(link[slash...])
    }

    /// A small valid PDF made with PDFSign's composer.
    static func samplePDF() throws -> [UInt8] {
        try PDFTextDocument(paragraphs: [.init("業務委託契約書", fontSize: 20), .init("甲と乙は、次のとおり契約する。")],
                            font: .predefined(.heiseiKakuGothicW5), title: "業務委託契約書").pdfBytes()
    }
}

/// One browser: a cookie jar and helpers for pages and forms.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page { var status: HTTPResponse.Status; var headers: HTTPFields; var text: String; var bytes: [UInt8] }

    @discardableResult
    func request(_ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: [UInt8]? = nil) async throws -> Page {
        var headers = headers
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        let bytes = Array(buffer: response.body)
        return Page(status: response.status, headers: response.headers, text: String(decoding: bytes, as: UTF8.self), bytes: bytes)
    }

    /// POSTs an urlencoded form.
    @discardableResult
    func post(_ uri: String, _ fields: [String: String]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await request(uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: Array(body.utf8))
    }

    /// POSTs a multipart form with one file field `pdf`.
    @discardableResult
    func postMultipart(_ uri: String, _ fields: [String: String], file: [UInt8], fileName: String = "contract.pdf", type: String = "application/pdf") async throws -> Page {
        let boundary = "----portal-test-\(UUID().uuidString)"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"pdf\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
        body += file
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return try await request(uri, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }

    /// The first CSRF token on a page.
    static func csrf(_ page: Page) -> String? { attribute(in: page.text, after: "name=\"csrf\" value=\"") }

    /// The value following `marker` up to the next quote.
    static func attribute(in text: String, after marker: String) -> String? {
        guard let start = text.range(of: marker) else { return nil }
        return String(text[start.upperBound...].prefix { $0 != "\"" })
    }

    /// `data-code` of the page's `#error-message`.
    static func errorCode(_ page: Page) -> String? { attribute(in: page.text, after: "data-code=\"") }
}

/// Sender and counterparty steps shared by the tests.
enum Flow {
    /// Logs the sender in through a fresh login link.
    static func loginSender(_ harness: PortalHarness, _ browser: Browser) async throws {
        let link = try await harness.portal.issueSenderLogin()
        try await browser.request(PortalHarness.path(link))
    }

    /// Creates a contract with one witness participant and sends it; returns its id.
    static func createAndSend(_ harness: PortalHarness, _ sender: Browser, email: String = "taro@example.com") async throws -> String {
        let list = try await sender.request("/contracts")
        let csrf = Browser.csrf(list) ?? ""
        let created = try await sender.postMultipart("/contracts", ["csrf": csrf, "title": "業務委託契約書", "counterparty": "株式会社テスト",
                                                                   "amount": "110000", "transactionDate": "2026-04-01"], file: try PortalHarness.samplePDF())
        let location = created.headers[.location] ?? ""
        let id = String(location.dropFirst("/contracts/".count))
        try await sender.post("/contracts/\(id)/participants", ["csrf": csrf, "name": "山田太郎", "email": email, "method": "witness"])
        try await sender.post("/contracts/\(id)/send", ["csrf": csrf])
        return id
    }

    /// The newest invitation path and OTP code for `email`.
    static func invitation(_ harness: PortalHarness, _ email: String) throws -> String? {
        try harness.outbox().last { $0.kind == "invitation" && $0.to == email }.flatMap { $0.link }.map(PortalHarness.path)
    }

    static func code(_ harness: PortalHarness, _ email: String) throws -> String? {
        try harness.outbox().last { $0.kind == "otp" && $0.to == email }?.code
    }
}

/// Keeps every log record (all levels), to show that none at info or above carries a secret.
final class CapturingLogHandler: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var records: [(Logger.Level, String)] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let all = self.metadata.merging(metadata ?? [:]) { $1 }
        lock.withLock { records.append((level, "\(message) \(all)")) }
    }

    /// The records at `level` or above.
    func lines(atLeast level: Logger.Level) -> [String] { lock.withLock { records.filter { $0.0 >= level }.map(\.1) } }
}
