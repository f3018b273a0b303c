import CMSCore
import Foundation
import LoopbackServer
import Logging
import Testing
@testable import TimestampClient
import TestSupport

/// What the HTTP TSA client logs: requests, retries and failures — never its credentials.
@Suite("HTTP TSA client logging")
struct LoggingTests {
    let pki = TestPKI.shared
    let digest = DigestAlgorithm.sha256.hash(Array("logged contract".utf8))
    static let secrets = ["sesame-BEARER-7f3a", "pa55-BASIC-91c2", "url-PASSWORD-55e1", "query-APIKEY-0d9b", "header-SECRET-aa12"]

    /// A client logging into `store`, with every kind of credential set. Its time limit is long
    /// (as in HTTPAuthorityTests): a loaded machine must not turn the server's `waiting`
    /// answer into a client-side timeout and change what the test reads.
    func client(_ server: LoopbackHTTPServer, _ authentication: HTTPTimestampAuthority.Authentication,
                attempts: Int, store: CapturingLogHandler.Store) throws -> HTTPTimestampAuthority {
        let url = try #require(URL(string: "http://alice:\(Self.secrets[2])@127.0.0.1:\(server.port)/tsa?apikey=\(Self.secrets[3])"))
        return HTTPTimestampAuthority(url: url, timeout: .seconds(120), maximumAttempts: attempts, initialBackoff: .milliseconds(20),
                                      authentication: authentication, additionalHeaders: ["X-Api-Key": Self.secrets[4]],
                                      logger: CapturingLogHandler.logger("econtract.tsa", into: store))
    }

    /// A server that answers `waiting` first, then grants.
    func waitingOnceServer() async throws -> LoopbackHTTPServer {
        let authority = try pki.localTSA()
        let counter = Counter()
        return try await LoopbackHTTPServer { request in
            if counter.increment() == 1 {
                return .init(body: try! TimestampResponse(status: PKIStatusInfo(status: .waiting)).derEncoded)
            }
            return .init(body: await authority.respond(to: request.body))
        }
    }

    func expectNoSecrets(in records: [CapturingLogHandler.Record]) {
        for record in records {
            for secret in Self.secrets {
                #expect(!record.text.contains(secret), "a credential was logged: \(record.text)")
            }
            #expect(!record.text.contains("Authorization") && !record.text.contains("Bearer"), "\(record.text)")
        }
    }

    @Test("a retry is logged at info with the attempt and the reason; requests and the grant at debug", arguments: [
        HTTPTimestampAuthority.Authentication.bearer(LoggingTests.secrets[0]),
        .basic(username: "alice", password: LoggingTests.secrets[1]),
    ])
    func retryIsLogged(authentication: HTTPTimestampAuthority.Authentication) async throws {
        let server = try await waitingOnceServer()
        defer { server.stop() }
        let store = CapturingLogHandler.Store()
        _ = try await client(server, authentication, attempts: 3, store: store).timestamp(digest: digest, algorithm: .sha256)
        // The credentials did reach the server: what is absent from the log was really there.
        let authorization = try #require(server.requests.first?.headers["authorization"])
        #expect(authorization.contains("Bearer \(Self.secrets[0])") || authorization.hasPrefix("Basic "))

        let records = store.records
        let retries = records.filter { $0.message.contains("retrying") }
        #expect(retries.count == 1, "\(records.map(\.text))")
        let retry = try #require(retries.first)
        #expect(retry.level == .info)
        #expect(retry.label == "econtract.tsa")
        #expect(retry.metadata["attempt"] == "1")
        #expect(retry.metadata["code"] == "waiting")
        #expect(retry.metadata["url"] == "http://127.0.0.1:\(server.port)/tsa?…")
        #expect(records.filter { $0.message == "requesting a time-stamp" && $0.level == .debug }.count == 2)
        #expect(records.contains { $0.message == "time-stamp granted" && $0.level == .debug })
        expectNoSecrets(in: records)
    }

    @Test("transport failures are logged as retries and the final failure at debug, without credentials")
    func failureIsLogged() async throws {
        // A server that is gone: connection refused on every attempt.
        let server = try await LoopbackHTTPServer { _ in .init() }
        server.stop()
        let store = CapturingLogHandler.Store()
        let tsa = try client(server, .bearer(Self.secrets[0]), attempts: 2, store: store)
        await #expect(throws: TimestampError.self) { try await tsa.timestamp(digest: digest, algorithm: .sha256) }
        let records = store.records
        #expect(records.filter { $0.message.contains("retrying") && $0.level == .info }.count == 1, "\(records.map(\.text))")
        #expect(records.contains { $0.message == "time-stamp request failed" && $0.metadata["attempt"] == "2" })
        expectNoSecrets(in: records)
    }
}
