@testable import CMSCore
import Foundation
import LoopbackServer
import SwiftASN1
import Testing
import X509
import TestSupport

/// Fetching a missing issuer from the AIA caIssuers location (RFC 5280 §4.2.2.1) over a
/// loopback HTTP server.
@Suite("Issuer certificates from AIA caIssuers over HTTP")
struct IssuerFetchTests {
    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serialize(certificate)
        return coder.serializedBytes
    }

    /// A "certs-only" SignedData (no signers), as CAs serve in `.p7c` files.
    static func certsOnly(_ certificates: [Certificate]) throws -> [UInt8] {
        let signedData = CMSSignedData(
            version: 1, digestAlgorithms: [],
            encapContentInfo: CMSEncapsulatedContentInfo(eContentType: CMSObjectIdentifier.ContentType.data, eContent: nil),
            certificates: try certificates.map { try der($0)[...] }, crls: nil, signerInfos: [])
        return try CMSSignature(signedData: signedData).derEncoded()
    }

    /// The source under test, with a long time limit: these tests are about what a loopback
    /// server answers, and a loaded machine must not turn a slow answer into a timeout.
    static let source = HTTPIssuerCertificateSource(timeout: .seconds(120))

    /// A server publishing `files` by path, 404 for anything else.
    static func server(_ files: [String: (type: String, body: [UInt8])]) async throws -> LoopbackHTTPServer {
        try await LoopbackHTTPServer { request in
            guard let file = files[request.path] else { return .init(status: 404, contentType: "text/plain", body: Array("no".utf8)) }
            return .init(status: 200, contentType: file.type, body: file.body)
        }
    }

    /// A leaf under the test intermediate whose AIA names `paths` on `server` as caIssuers.
    static func leaf(_ server: LoopbackHTTPServer, _ paths: [String]) -> Certificate {
        TestPKI.leaf(.p256, name: "AIA", authorityInformationAccess: AuthorityInformationAccess(paths.map {
            .init(method: .issuingCA, location: .uniformResourceIdentifier("http://127.0.0.1:\(server.port)\($0)"))
        }))
    }

    @Test("a DER certificate (application/pkix-cert) is fetched and checked against the certificate")
    func derCertificate() async throws {
        let server = try await Self.server(["/interm.cer": ("application/pkix-cert", try Self.der(TestPKI.intermediate))])
        defer { server.stop() }
        let issuers = try await Self.source.issuerCandidates(for: Self.leaf(server, ["/interm.cer"]))
        #expect(issuers == [TestPKI.intermediate])
        #expect(server.requests.map(\.method) == ["GET"])
        #expect(server.requests.map(\.path) == ["/interm.cer"])
    }

    @Test("a certs-only PKCS#7 (.p7c) yields only the certificate that issued it")
    func certsOnlyBundle() async throws {
        let bundle = try Self.certsOnly([TestPKI.root, TestPKI.intermediate])
        let server = try await Self.server(["/ca.p7c": ("application/pkcs7-mime", bundle)])
        defer { server.stop() }
        let issuers = try await Self.source.issuerCandidates(for: Self.leaf(server, ["/ca.p7c"]))
        #expect(issuers == [TestPKI.intermediate])
    }

    @Test("PEM is accepted, and a failing location is skipped when the next one answers")
    func pemAfterAFailure() async throws {
        let pem = try TestPKI.intermediate.serializeAsPEM().pemString
        let server = try await Self.server(["/interm.pem": ("application/x-pem-file", Array(pem.utf8))])
        defer { server.stop() }
        let issuers = try await Self.source.issuerCandidates(for: Self.leaf(server, ["/gone.cer", "/interm.pem"]))
        #expect(issuers == [TestPKI.intermediate])
        #expect(server.requests.map(\.path) == ["/gone.cer", "/interm.pem"])
    }

    @Test("a certificate that did not issue it, a 404 and garbage are bad responses, not issuers")
    func refusals() async throws {
        let server = try await Self.server([
            "/other.cer": ("application/pkix-cert", try Self.der(TestPKI.otherRoot)),
            "/garbage": ("application/pkix-cert", [0x30, 0x03, 0x02, 0x01]),
        ])
        defer { server.stop() }
        for path in ["/other.cer", "/missing.cer", "/garbage"] {
            let error = await #expect(throws: CMSError.self) {
                try await Self.source.issuerCandidates(for: Self.leaf(server, [path]))
            }
            #expect(error?.code == .badResponse, "\(path): \(String(describing: error))")
        }
    }

    @Test("a certificate without caIssuers asks nobody")
    func noLocation() async throws {
        struct FailingTransport: HTTPTransport {
            func send(_ request: HTTPRequest) async throws -> HTTPResponse { throw CMSError(.transportFailure, "must not be called") }
        }
        let issuers = try await HTTPIssuerCertificateSource(transport: FailingTransport()).issuerCandidates(for: TestPKI.leaf(.p256))
        #expect(issuers.isEmpty)
    }

    @Test("URLs in logs and messages lose their user, password and query")
    func redaction() throws {
        let url = try #require(URL(string: "http://alice:s3cret@tsa.example:8080/tsr?apikey=XYZ"))
        #expect(url.redactedForLogging == "http://tsa.example:8080/tsr?…")
        #expect(!url.redactedForLogging.contains("s3cret") && !url.redactedForLogging.contains("XYZ"))
        #expect(URL(string: "http://127.0.0.1:9419/crl")?.redactedForLogging == "http://127.0.0.1:9419/crl")
    }
}
