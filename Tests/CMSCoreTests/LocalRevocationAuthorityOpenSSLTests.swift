@testable import CMSCore
import Foundation
import Testing
import X509
import TestSupport

/// OpenSSL must accept what the local revocation authority makes.
@Suite("Local revocation authority: OpenSSL cross-check",
       .enabled(if: ExternalTools.openssl != nil, "openssl is not installed; cannot cross-check OCSP responses and CRLs"))
struct LocalRevocationAuthorityOpenSSLTests {
    typealias PKI = RevocationTestPKI

    func write(_ certificate: Certificate, _ name: String, in dir: URL) throws {
        try Data(certificate.serializeAsPEM().pemString.utf8).write(to: dir.appendingPathComponent(name))
    }

    @discardableResult
    func openssl(_ arguments: [String], in dir: URL) async throws -> ExternalTools.Result {
        let result = try await ExternalTools.run(ExternalTools.openssl!, arguments, in: dir)
        print("$ openssl \(arguments.joined(separator: " "))\n\(result.output)")
        return result
    }

    @Test func opensslAcceptsOCSPResponsesAndCRLs() async throws {
        let dir = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(TestPKI.root, "root.pem", in: dir)
        try write(TestPKI.intermediate, "ca.pem", in: dir)
        try write(PKI.good, "good.pem", in: dir)
        try write(PKI.revoked, "revoked.pem", in: dir)

        let authority = try PKI.authority(clock: Date())
        let responderCertificate = PKI.responderCertificate(ocspSigning: true)
        let delegated = try PKI.authority(
            clock: Date(), responder: .init(certificate: responderCertificate, key: PKI.responderKeyProvider(responderCertificate)),
            responderID: .byName)
        try Data(try #require(try await authority.ocspResponse(for: PKI.good, issuer: TestPKI.intermediate)))
            .write(to: dir.appendingPathComponent("good.ocsp.der"))
        try Data(try #require(try await authority.ocspResponse(for: PKI.revoked, issuer: TestPKI.intermediate)))
            .write(to: dir.appendingPathComponent("revoked.ocsp.der"))
        try Data(try #require(try await delegated.ocspResponse(for: PKI.revoked, issuer: TestPKI.intermediate)))
            .write(to: dir.appendingPathComponent("delegated.ocsp.der"))
        let nonceRequest = try RevocationChecker.ocspRequestDER(for: PKI.good, issuer: TestPKI.intermediate, nonce: Array(repeating: 0x5A, count: 16))
        try Data(nonceRequest).write(to: dir.appendingPathComponent("req.der"))
        try Data(await authority.respond(toRequest: nonceRequest)).write(to: dir.appendingPathComponent("nonce.ocsp.der"))
        try Data(try await authority.currentCRL()).write(to: dir.appendingPathComponent("crl.der"))

        // OCSP, signed by the CA itself (byKey).
        let good = try await openssl(["ocsp", "-respin", "good.ocsp.der", "-CAfile", "root.pem", "-verify_other", "ca.pem",
                                "-issuer", "ca.pem", "-cert", "good.pem", "-resp_text"], in: dir)
        #expect(good.status == 0)
        #expect(good.output.contains("Response verify OK"))
        #expect(good.stdout.contains("good.pem: good"))
        #expect(good.stdout.contains("Cert Status: good"))
        let revoked = try await openssl(["ocsp", "-respin", "revoked.ocsp.der", "-CAfile", "root.pem", "-verify_other", "ca.pem",
                                   "-issuer", "ca.pem", "-cert", "revoked.pem", "-resp_text"], in: dir)
        #expect(revoked.status == 0)
        #expect(revoked.output.contains("Response verify OK"))
        #expect(revoked.stdout.contains("revoked.pem: revoked"))
        #expect(revoked.stdout.contains("Reason: keyCompromise"))
        // OCSP, signed by a delegated responder (byName), the responder certificate included.
        let byDelegate = try await openssl(["ocsp", "-respin", "delegated.ocsp.der", "-CAfile", "root.pem", "-verify_other", "ca.pem",
                                      "-issuer", "ca.pem", "-cert", "revoked.pem", "-resp_text"], in: dir)
        #expect(byDelegate.status == 0)
        #expect(byDelegate.output.contains("Response verify OK"))
        #expect(byDelegate.stdout.contains("revoked.pem: revoked"))
        #expect(byDelegate.stdout.contains("Test OCSP Responder"))
        // An answer to a request with a nonce: openssl checks the echo against the request
        // (-no_nonce only stops openssl adding a nonce of its own to the loaded request).
        let nonce = try await openssl(["ocsp", "-reqin", "req.der", "-respin", "nonce.ocsp.der", "-no_nonce", "-CAfile", "root.pem",
                                 "-verify_other", "ca.pem", "-resp_text"], in: dir)
        #expect(nonce.status == 0)
        #expect(nonce.output.contains("Response verify OK"))
        #expect(nonce.stdout.contains("OCSP Nonce"))
        #expect(!nonce.output.contains("WARNING: no nonce"))
        #expect(!nonce.output.contains("Nonce Verify error"))
        // Control: the same response does not answer a request with another nonce.
        let otherRequest = try RevocationChecker.ocspRequestDER(for: PKI.good, issuer: TestPKI.intermediate, nonce: Array(repeating: 0x33, count: 16))
        try Data(otherRequest).write(to: dir.appendingPathComponent("other-req.der"))
        let mismatch = try await openssl(["ocsp", "-reqin", "other-req.der", "-respin", "nonce.ocsp.der", "-no_nonce", "-CAfile", "root.pem",
                                    "-verify_other", "ca.pem"], in: dir)
        #expect(mismatch.status != 0)
        #expect(mismatch.output.contains("Nonce Verify error"))

        // The CRL: signature, then use by `openssl verify -crl_check`.
        try Data((TestPKI.root.serializeAsPEM().pemString + "\n" + TestPKI.intermediate.serializeAsPEM().pemString + "\n").utf8)
            .write(to: dir.appendingPathComponent("chain.pem"))
        let crl = try await openssl(["crl", "-inform", "DER", "-in", "crl.der", "-CAfile", "chain.pem", "-noout", "-text"], in: dir)
        #expect(crl.status == 0)
        #expect(crl.output.contains("verify OK"))
        #expect(crl.stdout.contains("X509v3 CRL Number"))
        #expect(crl.stdout.contains("Key Compromise"))
        try await openssl(["crl", "-inform", "DER", "-in", "crl.der", "-out", "crl.pem"], in: dir)
        let verifyGood = try await openssl(["verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "ca.pem", "-CRLfile", "crl.pem", "good.pem"], in: dir)
        #expect(verifyGood.status == 0)
        #expect(verifyGood.stdout.contains("good.pem: OK"))
        let verifyRevoked = try await openssl(["verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "ca.pem", "-CRLfile", "crl.pem", "revoked.pem"], in: dir)
        #expect(verifyRevoked.status != 0)
        #expect(verifyRevoked.output.contains("certificate revoked"))
    }
}
