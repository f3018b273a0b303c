import CMSCore
import Foundation
import LoopbackServer
import SwiftASN1
import Testing
import X509
@testable import TimestampClient
import TestSupport

@Suite("HTTP TSA client against a loopback server")
struct HTTPAuthorityTests {
    let pki = TestPKI.shared
    let data = Array("contract body".utf8)
    var digest: [UInt8] { DigestAlgorithm.sha256.hash(data) }

    /// A client with short backoff, so failure tests stay fast. The default timeout is long:
    /// the loopback server answers at once, but its handler runs on the cooperative pool, which
    /// the parallel test run keeps busy with CPU-bound suites for tens of seconds on a 2-core
    /// machine, so a short wall-clock bound made the verdict depend on the load. Tests of the
    /// timeout itself pass their own short one and a server that delays.
    func client(_ server: LoopbackHTTPServer, attempts: Int = 1, timeout: Duration = .seconds(120),
                policy: ASN1ObjectIdentifier? = nil, authentication: HTTPTimestampAuthority.Authentication = .none) -> HTTPTimestampAuthority {
        HTTPTimestampAuthority(url: server.url, requestedPolicy: policy, timeout: timeout, maximumAttempts: attempts,
                               initialBackoff: .milliseconds(50), authentication: authentication,
                               additionalHeaders: ["X-Test": "1"])
    }

    /// A server that answers with the local TSA, after `transform` may rewrite the request.
    func tsaServer(_ tsa: LocalTimestampAuthority? = nil, transform: @escaping @Sendable (TimeStampReq) -> TimeStampReq = { $0 }) async throws -> LoopbackHTTPServer {
        let authority = try tsa ?? pki.localTSA()
        return try await LoopbackHTTPServer { request in
            guard let parsed = try? TimeStampReq(derEncoded: request.body),
                  let body = try? await authority.respond(to: transform(parsed).derEncoded())
            else { return .init(status: 400, contentType: "text/plain", body: Array("bad".utf8)) }
            return .init(body: body)
        }
    }

    @Test func grantedTokenOverHTTP() async throws {
        let server = try await tsaServer()
        defer { server.stop() }
        let tsa = client(server, authentication: .bearer("sesame"))
        let response = try await tsa.requestResponse(digest: digest, algorithm: .sha256)
        let token = try #require(response.token)
        #expect(token.nonce?.count == 9)
        #expect(await pki.verifier().verify(token, data: data).isValid)
        #expect(try TimestampResponse(derEncoded: response.derEncoded).token == token)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.headers["content-type"] == "application/timestamp-query")
        #expect(request.headers["authorization"] == "Bearer sesame")
        #expect(request.headers["x-test"] == "1")
        let sent = try TimeStampReq(derEncoded: request.body)
        #expect(sent.certReq)
        #expect(sent.nonce == token.nonce)
        #expect(sent.messageImprint.hashedMessage == digest)
    }

    @Test func basicAuthenticationAndPolicy() async throws {
        let local = LocalTimestampAuthority(key: try pki.tsa.provider(), policy: TestPKI.policy, acceptedPolicies: [TestPKI.otherPolicy])
        let server = try await tsaServer(local)
        defer { server.stop() }
        let token = try await client(server, policy: TestPKI.otherPolicy, authentication: .basic(username: "alice", password: "pw"))
            .timestamp(digest: digest, algorithm: .sha256)
        #expect(token.policy == TestPKI.otherPolicy)
        #expect(server.requests.first?.headers["authorization"] == "Basic " + Data("alice:pw".utf8).base64EncodedString())
        #expect(try TimeStampReq(derEncoded: server.requests[0].body).reqPolicy == TestPKI.otherPolicy)
    }

    @Test func http500() async throws {
        let server = try await LoopbackHTTPServer { _ in .init(status: 500, contentType: "text/plain", body: Array("boom".utf8)) }
        defer { server.stop() }
        let error = await #expect(throws: TimestampError.self) { try await client(server).timestamp(digest: digest, algorithm: .sha256) }
        #expect(error?.code == .httpError)
        #expect(error?.httpStatus == 500)
        #expect(error?.reason.contains("500") == true)
    }

    @Test func slowServerTimesOut() async throws {
        // The server would answer after 30 s; the client must give up with a timeout error, not
        // wait for the answer. (No wall-clock bound: under load the test runner's threads may be
        // busy for seconds, and timings are not asserted in tests.)
        let server = try await LoopbackHTTPServer { _ in .init(body: [], delay: 30) }
        defer { server.stop() }
        let error = await #expect(throws: TimestampError.self) {
            try await client(server, timeout: .milliseconds(400)).timestamp(digest: digest, algorithm: .sha256)
        }
        #expect(error?.code == .timeout, "\(String(describing: error))")
    }

    @Test func transportReportsItsOwnTimeout() async throws {
        let server = try await LoopbackHTTPServer { _ in .init(body: [], delay: 30) }
        defer { server.stop() }
        let error = await #expect(throws: CMSError.self) {
            try await DefaultHTTPTransport().send(HTTPRequest(url: server.url, method: "POST", body: [1], timeout: .milliseconds(300)))
        }
        #expect(error?.code == .timeout, "\(String(describing: error))")
    }

    @Test func timeoutsAreRetried() async throws {
        let server = try await LoopbackHTTPServer { _ in .init(body: [], delay: 30) }
        defer { server.stop() }
        let error = await #expect(throws: TimestampError.self) {
            try await client(server, attempts: 2, timeout: .seconds(1)).timestamp(digest: digest, algorithm: .sha256)
        }
        #expect(error?.code == .timeout, "\(String(describing: error))")
        // Both attempts reached the server (allow a moment for the last one to be logged).
        for _ in 0..<100 where server.requests.count < 2 { try await Task.sleep(for: .milliseconds(100)) }
        #expect(server.requests.count == 2)
    }

    @Test func wrongContentType() async throws {
        let server = try await LoopbackHTTPServer { _ in .init(contentType: "text/html", body: Array("<html/>".utf8)) }
        defer { server.stop() }
        let error = await #expect(throws: TimestampError.self) { try await client(server).timestamp(digest: digest, algorithm: .sha256) }
        #expect(error?.code == .unexpectedMediaType)
        #expect(error?.reason.contains("text/html") == true)
    }

    @Test func garbageBody() async throws {
        let server = try await LoopbackHTTPServer { _ in .init(body: Array("this is not DER".utf8)) }
        defer { server.stop() }
        let error = await #expect(throws: TimestampError.self) { try await client(server).timestamp(digest: digest, algorithm: .sha256) }
        #expect(error?.code == .malformedResponse)
    }

    @Test func rejectionCarriesFailInfo() async throws {
        // The local TSA offers only TestPKI.policy; asking for another is rejected with unacceptedPolicy.
        let server = try await tsaServer()
        defer { server.stop() }
        let error = await #expect(throws: TimestampError.self) {
            try await client(server, policy: TestPKI.otherPolicy).timestamp(digest: digest, algorithm: .sha256)
        }
        #expect(error?.code == .rejected)
        #expect(error?.status == .rejection)
        #expect(error?.failureInfo == .unacceptedPolicy)
        #expect(error?.reason.contains("unacceptedPolicy") == true)

        let busy = try await LoopbackHTTPServer { _ in
            .init(body: try! TimestampResponse(status: PKIStatusInfo(status: .rejection, statusStrings: ["clock lost"],
                                                                     failInfo: [.timeNotAvailable])).derEncoded)
        }
        defer { busy.stop() }
        let busyError = await #expect(throws: TimestampError.self) { try await client(busy).timestamp(digest: digest, algorithm: .sha256) }
        #expect(busyError?.failureInfo == .timeNotAvailable)
        #expect(busyError?.reason.contains("clock lost") == true)
    }

    @Test func waitingIsRetriedThenGranted() async throws {
        let authority = try pki.localTSA()
        let counter = Counter()
        let server = try await LoopbackHTTPServer { request in
            if counter.increment() == 1 {
                return .init(body: try! TimestampResponse(status: PKIStatusInfo(status: .waiting)).derEncoded)
            }
            return .init(body: await authority.respond(to: request.body))
        }
        defer { server.stop() }
        let token = try await client(server, attempts: 3).timestamp(digest: digest, algorithm: .sha256)
        #expect(token.messageImprint.hashedMessage == digest)
        #expect(server.requests.count == 2)
    }

    @Test func waitingUntilRetriesRunOut() async throws {
        let server = try await LoopbackHTTPServer { _ in
            .init(body: try! TimestampResponse(status: PKIStatusInfo(status: .waiting)).derEncoded)
        }
        defer { server.stop() }
        let error = await #expect(throws: TimestampError.self) { try await client(server, attempts: 3).timestamp(digest: digest, algorithm: .sha256) }
        #expect(error?.code == .waiting)
        #expect(server.requests.count == 3)
    }

    @Test func backoffDoublesUpToTheMaximum() {
        let tsa = HTTPTimestampAuthority(url: URL(string: "http://127.0.0.1:9/")!, initialBackoff: .milliseconds(100), maximumBackoff: .milliseconds(350))
        #expect(tsa.backoff(afterAttempt: 1) == .milliseconds(100))
        #expect(tsa.backoff(afterAttempt: 2) == .milliseconds(200))
        #expect(tsa.backoff(afterAttempt: 3) == .milliseconds(350))
    }

    @Test func wrongNonce() async throws {
        let server = try await tsaServer { request in
            var changed = request
            changed.nonce = [0x01, 0x02]
            return changed
        }
        defer { server.stop() }
        let error = await #expect(throws: TimestampError.self) { try await client(server).timestamp(digest: digest, algorithm: .sha256) }
        #expect(error?.code == .nonceMismatch, "\(String(describing: error))")
    }

    @Test func wrongImprint() async throws {
        let server = try await tsaServer { request in
            var changed = request
            changed.messageImprint = MessageImprint(algorithm: .sha256, digest: DigestAlgorithm.sha256.hash([0xff]))
            return changed
        }
        defer { server.stop() }
        let error = await #expect(throws: TimestampError.self) { try await client(server).timestamp(digest: digest, algorithm: .sha256) }
        #expect(error?.code == .imprintMismatch)
    }

    @Test func wrongPolicyAndMissingCertificate() async throws {
        let policyServer = try await tsaServer { request in
            var changed = request
            changed.reqPolicy = nil
            return changed
        }
        defer { policyServer.stop() }
        let policyError = await #expect(throws: TimestampError.self) {
            try await client(policyServer, policy: TestPKI.otherPolicy).timestamp(digest: digest, algorithm: .sha256)
        }
        // The server drops reqPolicy, so the local TSA issues under its default policy.
        #expect(policyError?.code == .policyMismatch, "\(String(describing: policyError))")

        let certServer = try await tsaServer { request in
            var changed = request
            changed.certReq = false
            return changed
        }
        defer { certServer.stop() }
        let certError = await #expect(throws: TimestampError.self) { try await client(certServer).timestamp(digest: digest, algorithm: .sha256) }
        #expect(certError?.code == .certificateMissing)
    }

    @Test func tokenOfWrongContentType() async throws {
        let signer = try pki.tsa.provider()
        let server = try await LoopbackHTTPServer { _ in
            let signature = try! await CAdESSigner(key: signer).sign(encapsulating: [1, 2, 3])
            let status = PKIStatusInfo(status: .granted)
            var coder = DER.Serializer()
            try! coder.serialize(TimeStampRespMessage(status: status, timeStampToken: ASN1Any(derEncoded: DER.parse(signature.derEncoded()))))
            return .init(body: coder.serializedBytes)
        }
        defer { server.stop() }
        let error = await #expect(throws: TimestampError.self) { try await client(server).timestamp(digest: digest, algorithm: .sha256) }
        #expect(error?.code == .unexpectedContentType)
    }

    @Test func connectionRefusedIsATransportFailure() async throws {
        let server = try await LoopbackHTTPServer { _ in .init() }
        let url = server.url
        server.stop()
        let tsa = HTTPTimestampAuthority(url: url, timeout: .seconds(3), maximumAttempts: 2, initialBackoff: .milliseconds(10))
        let error = await #expect(throws: TimestampError.self) { try await tsa.timestamp(digest: digest, algorithm: .sha256) }
        #expect(error?.code == .transportFailure || error?.code == .timeout)
    }

    @Test func tokensFromBadTSAsObtainButDoNotVerify() async throws {
        for (identity, expected) in [(pki.tsaNonCriticalEKU, ValidationSubIndication.chainConstraintsFailure),
                                     (pki.untrustedTSA, ValidationSubIndication.noCertificateChainFound)] {
            let server = try await tsaServer(try pki.localTSA(identity))
            defer { server.stop() }
            let token = try await client(server).timestamp(digest: digest, algorithm: .sha256)
            let report = await pki.verifier().verify(token, digest: digest, algorithm: .sha256, nonce: token.nonce)
            #expect(report.indication == .indeterminate)
            #expect(report.subIndication == expected)
        }
    }

    @Test func invalidDigestLength() async throws {
        let tsa = HTTPTimestampAuthority(url: URL(string: "http://127.0.0.1:9/")!)
        #expect(throws: TimestampError(.invalidArgument, "")) { try tsa.makeRequest(digest: [1, 2, 3], algorithm: .sha256) }
    }
}

/// A thread-safe counter for server handlers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value
    }
}
