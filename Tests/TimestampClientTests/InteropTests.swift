import CMSCore
import Foundation
import SwiftASN1
import Testing
import X509
@testable import TimestampClient
import TestSupport

/// Checks against tools written elsewhere: the certomancer TSA of the shared test PKI and
/// OpenSSL. Each test prints why it skips when the tools or services are absent.
@Suite("Interop with the test PKI and OpenSSL", .serialized)
struct InteropTests {
    static let tsaURL = URL(string: "http://127.0.0.1:9419/interop/tsa/tsa")!

    /// `../shared/interop` next to the package root.
    static let interopDirectory: String? = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = packageRoot.appendingPathComponent("../shared/interop").standardized.path
        return FileManager.default.fileExists(atPath: candidate + "/pki/certs/root.cert.pem") ? candidate : nil
    }()

    static func openssl() -> String? {
        ["/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func pkiIsUp() async -> Bool {
        let request = HTTPRequest(url: URL(string: "http://127.0.0.1:9419/interop/certs/root/ca.crt")!, timeout: .seconds(3))
        return (try? await DefaultHTTPTransport().send(request).status) == 200
    }

    struct Environment {
        let directory: String
        let openssl: String
        var certs: String { directory + "/pki/certs" }
        var keys: String { directory + "/pki/keys" }
        var root: Certificate { get throws { try PEMFiles.certificates(inFile: certs + "/root.cert.pem")[0] } }
    }

    /// The environment, or nil after printing why the test skips.
    static func environment(needsTSA: Bool, _ test: String = #function) async -> Environment? {
        guard let directory = interopDirectory else {
            print("SKIP \(test): the interop kit (../shared/interop) is absent")
            return nil
        }
        guard let openssl = openssl() else {
            print("SKIP \(test): openssl is not installed")
            return nil
        }
        if needsTSA, !(await pkiIsUp()) {
            print("SKIP \(test): the test PKI is not running at 127.0.0.1:9419 (eval \"$(\(directory)/pki-up)\")")
            return nil
        }
        return Environment(directory: directory, openssl: openssl)
    }

    /// Runs a tool off the concurrency pool; standard input is empty (never inherited: a
    /// prompting tool must not hang the tests), both streams are returned interleaved.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let result = try await ExternalTool.run(executable, arguments, standardError: .merged)
        return (result.status, result.stdoutText)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tsa-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func ourClientRepliesVerifyWithOpenSSL() async throws {
        guard let env = await Self.environment(needsTSA: true) else { return }
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = Array("interop data \(UUID())".utf8)
        try Data(data).write(to: dir.appendingPathComponent("data.bin"))
        for algorithm in [DigestAlgorithm.sha256, .sha512] {
            let tsa = HTTPTimestampAuthority(url: Self.tsaURL, digestAlgorithm: algorithm, timeout: .seconds(10))
            let response = try await tsa.requestResponse(digest: algorithm.hash(data), algorithm: algorithm)
            let reply = dir.appendingPathComponent("reply-\(algorithm).tsr")
            try Data(response.derEncoded).write(to: reply)
            let result = try await Self.run(env.openssl, ["ts", "-verify", "-data", dir.appendingPathComponent("data.bin").path, "-in", reply.path,
                                                     "-CAfile", env.certs + "/root.cert.pem", "-untrusted", env.certs + "/tsa.cert.pem"])
            print("openssl ts -verify (\(algorithm)): \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
            #expect(result.status == 0)
            #expect(result.output.contains("Verification: OK"))
            // And our verifier agrees.
            let token = try #require(response.token)
            let report = await TimestampVerifier(policy: TimestampVerificationPolicy(trustAnchors: [try env.root])).verify(token, data: data)
            #expect(report.isValid, "\(report.checks)")
            // The certomancer TSTInfo re-serializes to its exact bytes.
            #expect(try token.info.derEncoded() == token.signature.encapsulatedContent)
        }
    }

    @Test func openSSLQueryPostedAndVerifiedByUs() async throws {
        guard let env = await Self.environment(needsTSA: true) else { return }
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dataURL = dir.appendingPathComponent("data.bin")
        let data = Array("openssl query \(UUID())".utf8)
        try Data(data).write(to: dataURL)
        let query = dir.appendingPathComponent("req.tsq")
        let made = try await Self.run(env.openssl, ["ts", "-query", "-data", dataURL.path, "-cert", "-sha256", "-out", query.path])
        #expect(made.status == 0)
        let queryBytes = Array(try Data(contentsOf: query))
        let request = try TimeStampReq(derEncoded: queryBytes)
        #expect(try request.derEncoded() == queryBytes)
        #expect(request.certReq)
        #expect(request.nonce != nil)
        let response = try await HTTPTimestampAuthority(url: Self.tsaURL, timeout: .seconds(10)).send(requestDER: queryBytes)
        let token = try response.requireToken()
        let report = await TimestampVerifier(policy: TimestampVerificationPolicy(trustAnchors: [try env.root]))
            .verify(token, data: data, nonce: request.nonce)
        print("our verifier on the certomancer reply to an openssl query: \(report.indication.rawValue)")
        #expect(report.isValid, "\(report.checks)")
        let other = await TimestampVerifier(policy: TimestampVerificationPolicy(trustAnchors: [try env.root]))
            .verify(token, data: data + [0])
        #expect(other.subIndication == .hashFailure)
    }

    @Test func localTSATokensVerifyWithOpenSSL() async throws {
        guard let env = await Self.environment(needsTSA: false) else { return }
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try SoftwareSigningKey.load(keyFile: env.keys + "/tsa.key.pem", certificateFile: env.certs + "/tsa.cert.pem")
        let tsa = LocalTimestampAuthority(key: key, policy: TestPKI.policy)
        let dataURL = dir.appendingPathComponent("data.bin")
        try Data("local tsa data".utf8).write(to: dataURL)
        let query = dir.appendingPathComponent("req.tsq")
        #expect(try await Self.run(env.openssl, ["ts", "-query", "-data", dataURL.path, "-cert", "-sha256", "-out", query.path]).status == 0)
        let reply = await tsa.respond(to: Array(try Data(contentsOf: query)))
        let replyURL = dir.appendingPathComponent("reply.tsr")
        try Data(reply).write(to: replyURL)
        let result = try await Self.run(env.openssl, ["ts", "-verify", "-queryfile", query.path, "-in", replyURL.path,
                                                 "-CAfile", env.certs + "/root.cert.pem", "-untrusted", env.certs + "/tsa.cert.pem"])
        print("openssl ts -verify -queryfile on a LocalTimestampAuthority reply: \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        #expect(result.status == 0)
        #expect(result.output.contains("Verification: OK"))
    }

    @Test func cadesTVerifiesWithOpenSSL() async throws {
        guard let env = await Self.environment(needsTSA: true) else { return }
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let content = Array("CAdES-T interop \(UUID())".utf8)
        let contentURL = dir.appendingPathComponent("content.bin")
        try Data(content).write(to: contentURL)
        let key = try SoftwareSigningKey.load(keyFile: env.keys + "/signer-party.key.pem", certificateFile: env.certs + "/signer-party.cert.pem",
                                              chainFiles: [env.certs + "/interm.cert.pem"])
        let signature = try await CAdESSigner(key: key).sign(content: content)
        let upgraded = try await addingSignatureTimestamp(to: signature, using: HTTPTimestampAuthority(url: Self.tsaURL, timeout: .seconds(10)))
        let sigURL = dir.appendingPathComponent("sig.p7s")
        try Data(try upgraded.derEncoded()).write(to: sigURL)

        let verified = try await Self.run(env.openssl, ["cms", "-verify", "-binary", "-inform", "DER", "-in", sigURL.path, "-content", contentURL.path,
                                                   "-CAfile", env.certs + "/root.cert.pem", "-certfile", env.certs + "/interm.cert.pem",
                                                   "-purpose", "any", "-out", "/dev/null"])
        print("openssl cms -verify on our CAdES-T: \(verified.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        #expect(verified.status == 0)
        #expect(verified.output.contains("Verification successful"))
        let printed = try await Self.run(env.openssl, ["cms", "-cmsout", "-print", "-inform", "DER", "-in", sigURL.path])
        let hasAttribute = printed.output.contains("id-smime-aa-timeStampToken") || printed.output.contains("1.2.840.113549.1.9.16.2.14")
        print("openssl cms -cmsout -print shows the signature-time-stamp attribute: \(hasAttribute)")
        #expect(hasAttribute)

        let reports = await TimestampVerifier(policy: TimestampVerificationPolicy(trustAnchors: [try env.root])).verifySignatureTimestamps(of: upgraded)
        #expect(reports.count == 1)
        #expect(reports.first?.isValid == true)
    }
}
