// Time-stamps per second from LocalTimestampAuthority served over loopback HTTP, with N
// concurrent clients, next to the shared test PKI's TSA (certomancer, Python) reached by the
// same client when it is running; plus the client's own overhead per request. Build in release:
//   swift run -c release TimestampBenchmark [--seconds 3] [--peer URL]
import CMSCore
import Foundation
import LoopbackServer
import TimestampClient

@main
struct TimestampBenchmark {
    static func main() async throws {
        let arguments = CommandLine.arguments
        let seconds = arguments.firstIndex(of: "--seconds").flatMap { Double(arguments[$0 + 1]) } ?? 3
        let peerURL = arguments.firstIndex(of: "--peer").map { arguments[$0 + 1] }
            ?? ProcessInfo.processInfo.environment["INTEROP_TSA_URL"]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tsa-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sandbox = try SandboxPKI.openOrCreate(at: dir)
        let tsa = LocalTimestampAuthority(key: try sandbox.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 7, 1])
        let server = try await LoopbackHTTPServer { request in
            LoopbackHTTPServer.Reply(body: await tsa.respond(to: request.body))
        }
        defer { server.stop() }
        let digest = DigestAlgorithm.sha256.hash(Array("benchmark".utf8))

        print("EContractKit TimestampClient benchmark (\(seconds) s per measurement, 2-core machine)")
        // The TSA's own cost per request: parse a DER request, issue, serialize the reply.
        let requestDER = try TimestampRequestOptions(nonce: .fixed([0x5A, 1, 2, 3, 4, 5, 6, 7, 8])).derEncodedRequest(digest: digest)
        let issueRate = try await rate(seconds, concurrency: 1) { _ = await tsa.respond(to: requestDER) }
        let inMemory = HTTPTimestampAuthority(url: server.url, transport: InMemoryTransport(tsa: tsa))
        let clientRate = try await rate(seconds, concurrency: 1) { _ = try await inMemory.timestamp(digest: digest, algorithm: .sha256) }
        let overhead = (1 / clientRate - 1 / issueRate) * 1e6
        print(String(format: "LocalTimestampAuthority.respond(to:), in process: %8.0f replies/s (parse request, issue, encode reply)", issueRate))
        print(String(format: "HTTPTimestampAuthority over an in-memory TSA: %8.0f tokens/s → client overhead %.0f µs/request (request, nonce, reply checks)",
                     clientRate, overhead))

        for concurrency in [1, 4, 16] {
            let client = HTTPTimestampAuthority(url: server.url)
            let ours = try await rate(seconds, concurrency: concurrency) { _ = try await client.timestamp(digest: digest, algorithm: .sha256) }
            var line = String(format: "loopback HTTP, %2d concurrent: ours %7.0f tokens/s", concurrency, ours)
            if let peerURL, let url = URL(string: peerURL) {
                let peer = HTTPTimestampAuthority(url: url)
                if let theirs = try? await rate(seconds, concurrency: concurrency, { _ = try await peer.timestamp(digest: digest, algorithm: .sha256) }) {
                    line += String(format: "   certomancer %7.0f tokens/s   ours/certomancer = %.1f×", theirs, ours / theirs)
                }
            }
            print(line)
        }
        if peerURL == nil { print("(no peer TSA: start ../shared/interop/pki-up or pass --peer URL for the comparison)") }
    }

    /// Operations per second with `concurrency` tasks looping for `seconds`.
    static func rate(_ seconds: Double, concurrency: Int, _ body: @escaping @Sendable () async throws -> Void) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var count = 0
                    while clock.now < deadline {
                        try await body()
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = clock.now - start
        return Double(total) / elapsed.timeInterval
    }
}

/// An HTTPTransport that hands the request straight to a local TSA: the client's own cost
/// without sockets.
struct InMemoryTransport: HTTPTransport {
    let tsa: LocalTimestampAuthority

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["content-type": "application/timestamp-reply"], body: await tsa.respond(to: request.body))
    }
}
