#if canImport(CMSCoreOpenSSL)
import CMSCore
import CMSCoreOpenSSL
import Foundation
import SwiftASN1
import Testing

/// Signatures made by `openssl cms -sign` with algorithms swift-crypto lacks, verified through
/// CMSSignatureVerifier with the libcrypto extension scoped to the test (and refused without it).
@Suite("libcrypto extension: openssl cms signatures verify", .enabled(if: OpenSSLTestPKI.openssl != nil, "needs the openssl command line tool"))
struct OpenSSLCMSVerificationTests {
    static let content = Array("業務委託契約書 libcrypto extension test\n".utf8)

    /// Signs `content` with openssl cms (detached, DER) and reads the result.
    static func sign(_ pki: OpenSSLTestPKI, _ leaf: OpenSSLTestPKI.Leaf, digest: String?) async throws -> CMSSignature {
        try Data(content).write(to: URL(fileURLWithPath: pki.path("content.txt")))
        let name = "\(leaf.rawValue)-\(digest ?? "default").p7s"
        try await pki.openssl(["cms", "-sign", "-binary", "-in", "content.txt", "-signer", pki.certificate(leaf), "-inkey", pki.key(leaf),
                               "-outform", "DER", "-out", name] + (digest.map { ["-md", $0] } ?? []))
        return try CMSSignature(berEncoded: Array(try Data(contentsOf: URL(fileURLWithPath: pki.path(name)))))
    }

    static func verify(_ signature: CMSSignature, _ pki: OpenSSLTestPKI, content: [UInt8] = content,
                       trusting anchors: OpenSSLTestPKI? = nil) async throws -> CMSValidationReport {
        let policy = CMSVerificationPolicy(trustAnchors: try PEMFiles.certificates(inFile: (anchors ?? pki).rootCertificate),
                                           validationTime: pki.validationTime, requiresSigningCertificateAttribute: false)
        return await CMSSignatureVerifier(policy: policy).verify(signature, content: .bytes(content))
    }

    // OpenSSL 3.0's `cms -sign` writes SHA-3 only with RSA (ECDSA with SHA-3 and Ed448 fail with
    // "unsupported signature algorithm" / "operation not supported"): those come from pyHanko
    // in PyHankoPDFTests.
    @Test("SHA3-256 and SHA3-512 with RSA: fully valid (chain and all) with the extension, unsupported without")
    func sha3WithRSA() async throws {
        let pki = try await OpenSSLTestPKI.make([.rsa])
        defer { pki.remove() }
        for (leaf, digest) in [(OpenSSLTestPKI.Leaf.rsa, "sha3-256"), (.rsa, "sha3-384"), (.rsa, "sha3-512")] {
            let signature = try await Self.sign(pki, leaf, digest: digest)
            let report = try await CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) {
                try await Self.verify(signature, pki)
            }
            #expect(report.indication == .totalPassed, "\(leaf) \(digest): \(report.checks)")
            #expect(report.digestAlgorithm?.description == digest)
            let tampered = try await CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) {
                try await Self.verify(signature, pki, content: Self.content + [0x0A])
            }
            #expect(tampered.subIndication == .hashFailure, "\(leaf) \(digest): \(tampered.checks)")

            let without = try await Self.verify(signature, pki)
            #expect(without.indication == .indeterminate && without.subIndication == .cryptoConstraintsFailure, "\(without.checks)")
            #expect(without.notices.contains { $0.code == .unsupportedAlgorithm })
        }
    }

    @Test("brainpool P256r1/P384r1/P512r1 and DSA: the signature verifies and the chain is built; a changed byte breaks it")
    func otherKeyTypes() async throws {
        let leaves: [(OpenSSLTestPKI.Leaf, String?)] = [
            (.brainpoolP256r1, "sha256"), (.brainpoolP384r1, "sha384"), (.brainpoolP512r1, "sha512"), (.dsa, "sha256"),
        ]
        let pki = try await OpenSSLTestPKI.make(Array(Set(leaves.map(\.0))))
        defer { pki.remove() }
        for (leaf, digest) in leaves {
            let signature = try await Self.sign(pki, leaf, digest: digest)
            let report = try await CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) {
                try await Self.verify(signature, pki)
            }
            let what = "\(leaf) \(digest ?? "default")"
            #expect(report.integrity == .verified, "\(what): \(report.checks)")
            #expect(report.checks.contains { $0.name == .signatureValue && $0.outcome == .passed }, "\(what): \(report.checks)")
            #expect(!report.notices.contains { $0.code == .unsupportedAlgorithm }, "\(what): \(report.notices)")
            // swift-certificates cannot parse these leaves: CMSCore checks them against their issuer.
            #expect(report.checks.contains { $0.name == .chain && $0.outcome == .passed }, "\(what): \(report.checks)")
            #expect(report.chain.count == 1, "\(what): the chain above the leaf is the root")
            if leaf == .dsa {
                // Weak, as the policy's algorithm constraints say: reported, not hidden.
                #expect(report.notices.contains { $0.code == .weakAlgorithm }, "\(what): \(report.notices)")
                #expect(report.indication == .indeterminate && report.subIndication == .cryptoConstraintsFailureNoPOE, "\(what): \(report.checks)")
            } else {
                #expect(!report.notices.contains { $0.code == .weakAlgorithm }, "\(what): \(report.notices)")
                #expect(report.indication == .totalPassed, "\(what): \(report.checks)")
            }

            let tampered = try await CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) {
                try await Self.verify(signature, pki, content: Self.content + [0x0A])
            }
            #expect(tampered.indication == .totalFailed && tampered.integrity == .failed, "\(what): \(tampered.checks)")

            // Deny by default: without the extension the key type is unsupported, never "valid".
            let without = try await Self.verify(signature, pki)
            #expect(without.integrity != .verified && without.subIndication == .cryptoConstraintsFailure, "\(what): \(without.checks)")
        }
    }

    @Test("a brainpool leaf: another PKI's root, or a changed byte in the leaf's certificate signature, gives no chain")
    func extensionKeyLeafRefusals() async throws {
        let pki = try await OpenSSLTestPKI.make([.brainpoolP256r1])
        let other = try await OpenSSLTestPKI.make([])
        defer { pki.remove(); other.remove() }
        let signature = try await Self.sign(pki, .brainpoolP256r1, digest: "sha256")
        let untrusted = try await CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) {
            try await Self.verify(signature, pki, trusting: other)
        }
        #expect(untrusted.integrity == .verified, "\(untrusted.checks)")
        #expect(untrusted.indication == .indeterminate && untrusted.subIndication == .noCertificateChainFound, "\(untrusted.checks)")

        // The leaf's certificate with its last signature byte changed, inside the CMS structure.
        try await pki.openssl(["x509", "-in", pki.certificate(.brainpoolP256r1), "-outform", "DER", "-out", "leaf.der"])
        let leaf = Array(try Data(contentsOf: URL(fileURLWithPath: pki.path("leaf.der"))))
        var bytes = try signature.derEncoded()
        let start = try #require(bytes.indices.first { bytes[$0...].starts(with: leaf) }, "the leaf is in the signature")
        bytes[start + leaf.count - 1] ^= 0x01
        let forged = try await CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) {
            try await Self.verify(try CMSSignature(berEncoded: bytes), pki)
        }
        #expect(forged.indication == .indeterminate, "\(forged.checks)")
        #expect(!forged.checks.contains { $0.name == .chain && $0.outcome == .passed }, "\(forged.checks)")
    }

    @Test("plain ECDSA (BSI TR-03111, r‖s) over brainpool: a re-encoded openssl signature verifies; the DER form under the plain OID does not")
    func plainECDSA() async throws {
        let pki = try await OpenSSLTestPKI.make([.brainpoolP256r1])
        defer { pki.remove() }
        try Data(Self.content).write(to: URL(fileURLWithPath: pki.path("content.txt")))
        // openssl writes ECDSA-Sig-Value; the BSI format is r ‖ s under ecdsa-plain-SHA256.
        try await pki.openssl(["dgst", "-sha256", "-sign", pki.key(.brainpoolP256r1), "-out", "sig.der", "content.txt"])
        let der = Array(try Data(contentsOf: URL(fileURLWithPath: pki.path("sig.der"))))
        let plain = try PlainSignatureFixture.plain(fromDER: der, coordinateBytes: 32)
        try await pki.openssl(["x509", "-in", pki.certificate(.brainpoolP256r1), "-outform", "DER", "-out", "leaf.der"])
        let certificate = try RawCertificate(encoded: ArraySlice(try Data(contentsOf: URL(fileURLWithPath: pki.path("leaf.der")))))
        let plainOID: ASN1ObjectIdentifier = [0, 4, 0, 127, 0, 7, 1, 1, 4, 1, 3]
        let valid = try CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) {
            try PlainSignatureFixture.verify(signature: plain, content: Self.content, algorithm: plainOID, certificate: certificate)
        }
        #expect(valid)
        let derUnderPlain = try CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) {
            try PlainSignatureFixture.verify(signature: der, content: Self.content, algorithm: plainOID, certificate: certificate)
        }
        #expect(!derUnderPlain)
        var flipped = plain
        flipped[5] ^= 0x01
        let broken = try CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) {
            try PlainSignatureFixture.verify(signature: flipped, content: Self.content, algorithm: plainOID, certificate: certificate)
        }
        #expect(!broken)
    }
}
#endif
