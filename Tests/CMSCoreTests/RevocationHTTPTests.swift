@testable import CMSCore
import Foundation
import Testing
import X509

/// An ``HTTPTransport`` answering from a closure and recording the requests.
final class FakeTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HTTPRequest] = []
    let answer: @Sendable (HTTPRequest) throws -> HTTPResponse

    init(_ answer: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) { self.answer = answer }

    var requests: [HTTPRequest] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { recorded.append(request) }
        return try answer(request)
    }
}

@Suite("Revocation: HTTP data source", .enabled(if: SharedPKI.isAvailable, SharedPKI.unavailableMessage))
struct RevocationHTTPTests {
    let interm: Certificate, party: Certificate, revoked: Certificate

    init() throws {
        (interm, party, revoked) = try SharedPKI.issuerPartyAndRevoked()
    }

    @Test func postsTheOCSPRequestToTheAIAResponder() async throws {
        let canned = try await SharedPKI.ocspResponse(for: "signer-party")
        let transport = FakeTransport { _ in
            HTTPResponse(status: 200, headers: ["content-type": "application/ocsp-response"], body: canned)
        }
        var source = HTTPRevocationDataSource(transport: transport, timeout: .seconds(3))
        source.sendsNonce = false
        let body = try await source.ocspResponse(for: party, issuer: interm)
        #expect(body == canned)
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "\(SharedPKI.serviceBase)/ocsp/interm")
        #expect(request.headers["Content-Type"] == "application/ocsp-request")
        #expect(request.timeout == .seconds(3))
        #expect(try OCSPRequest(derBytes: request.body).certIDs.first?.matches(certificate: party, issuer: interm) == true)
    }

    @Test func refusesWrongStatusOrMediaType() async throws {
        let wrongType = HTTPRevocationDataSource(transport: FakeTransport { _ in
            HTTPResponse(status: 200, headers: ["content-type": "text/html"], body: [0x30])
        })
        await #expect(throws: CMSError(.badResponse, "")) { try await wrongType.ocspResponse(for: party, issuer: interm) }
        let serverError = HTTPRevocationDataSource(transport: FakeTransport { _ in
            HTTPResponse(status: 500, headers: ["content-type": "application/ocsp-response"], body: [])
        })
        await #expect(throws: CMSError(.badResponse, "")) { try await serverError.ocspResponse(for: party, issuer: interm) }
        await #expect(throws: CMSError(.badResponse, "")) { try await serverError.crls(for: party, issuer: interm) }
    }

    @Test func getsCRLsFromTheDistributionPoints() async throws {
        let canned = try await SharedPKI.crl()
        let transport = FakeTransport { _ in HTTPResponse(status: 200, headers: ["content-type": "application/pkix-crl"], body: canned) }
        let crls = try await HTTPRevocationDataSource(transport: transport).crls(for: party, issuer: interm)
        #expect(crls == [canned])
        #expect(transport.requests.map(\.method) == ["GET"])
        #expect(transport.requests.map(\.url.absoluteString) == ["\(SharedPKI.serviceBase)/crls/interm/latest.crl"])
        // A certificate without AIA/CRLDP has nothing to ask.
        let none = HTTPRevocationDataSource(transport: transport)
        #expect(try await none.ocspResponse(for: interm, issuer: try SharedPKI.certificate("root")) == nil)
    }

    @Test func transportFailuresBecomeUnknownNotErrors() async throws {
        let failing = HTTPRevocationDataSource(transport: FakeTransport { request in
            throw CMSError(.transportFailure, "\(request.url.absoluteString) refused the connection")
        })
        let checker = RevocationChecker(policy: .online(failing))
        let status = await checker.status(of: party, issuer: interm, at: Date())
        guard case .unknown(let reason) = status.outcome else {
            Issue.record("expected unknown, got \(status.outcome)")
            return
        }
        #expect(reason.contains("fetching an OCSP response failed"))
        #expect(reason.contains("fetching CRLs failed"))
        #expect(reason.contains("refused the connection"))
    }

    // MARK: Against the running test PKI (certomancer on 127.0.0.1:9419)

    @Test func onlineOCSP() async throws {
        guard await SharedPKI.serviceIsUp(for: "onlineOCSP") else { return }
        let source = HTTPRevocationDataSource(timeout: .seconds(10))
        let checker = RevocationChecker(policy: .online(source, preference: .ocspOnly))
        let good = await checker.status(of: party, issuer: interm, at: Date())
        #expect(good.outcome == .good, "\(good.outcome)")
        #expect(good.source == .ocsp)
        #expect(good.evidenceSignerCertificates.first?.subject == (try SharedPKI.certificate("ocsp")).subject)
        let bad = await checker.status(of: revoked, issuer: interm, at: Date())
        #expect(bad.outcome == .revoked(revocationTime: SharedPKI.revocationTime, reason: "keyCompromise"), "\(bad.outcome)")
        // The fetched evidence is reusable offline.
        let evidence = try #require(bad.evidence)
        let offline = await RevocationChecker(policy: .offline(RevocationData(ocspResponses: [evidence])))
            .status(of: revoked, issuer: interm, at: Date())
        #expect(offline.outcome == bad.outcome)
    }

    @Test func onlineCRL() async throws {
        guard await SharedPKI.serviceIsUp(for: "onlineCRL") else { return }
        let source = HTTPRevocationDataSource(timeout: .seconds(10))
        let crls = try await source.crls(for: party, issuer: interm)
        #expect(crls.count == 1)
        let checker = RevocationChecker(policy: .online(source, preference: .crlOnly))
        let good = await checker.status(of: party, issuer: interm, at: Date())
        #expect(good.outcome == .good, "\(good.outcome)")
        #expect(good.source == .crl)
        let bad = await checker.status(of: revoked, issuer: interm, at: Date())
        #expect(bad.outcome == .revoked(revocationTime: SharedPKI.revocationTime, reason: "keyCompromise"), "\(bad.outcome)")
        #expect(bad.source == .crl)
    }
}
