@testable import CMSCore
import Crypto
import Foundation
import SwiftASN1
import Testing
import X509
import TestSupport

/// What the verifier tolerates (ECDSA named by its curve) and what it cannot check (algorithms
/// swift-crypto lacks): never a broken signature for either.
@Suite("Algorithm identifiers: tolerated producer bugs and algorithms this library cannot compute")
struct AlgorithmToleranceTests {
    static let content = Array("業務委託契約書".utf8)

    static func signed(_ type: TestPKI.KeyType, digest: DigestAlgorithm = .sha256) async throws -> CMSSignature {
        var options = CAdESSigningOptions()
        options.digestAlgorithm = digest
        return try await CAdESSigner(key: TestPKI.signingKey(type), options: options).sign(content: content)
    }

    static func verify(_ signature: CMSSignature) async -> CMSValidationReport {
        await CMSSignatureVerifier(policy: TestPKI.policy()).verify(signature, content: .bytes(content))
    }

    static let curveCases: [(TestPKI.KeyType, DigestAlgorithm, ASN1ObjectIdentifier)] = [
        (.p256, .sha256, [1, 2, 840, 10045, 3, 1, 7]),  // prime256v1
        (.p384, .sha384, [1, 3, 132, 0, 34]),  // secp384r1
        (.p521, .sha512, [1, 3, 132, 0, 35]),  // secp521r1
        (.p256, .sha256, [1, 2, 840, 10045, 2, 1]),  // id-ecPublicKey
    ]

    @Test("ECDSA whose signatureAlgorithm is the curve's OID: read with the digestAlgorithm, TOTAL-PASSED with a typed warning",
          arguments: curveCases)
    func curveIdentifier(type: TestPKI.KeyType, digest: DigestAlgorithm, oid: ASN1ObjectIdentifier) async throws {
        let signature = try HandmadeCMS.rewritingSigner(try await Self.signed(type, digest: digest)) {
            $0.signatureAlgorithm = CMSAlgorithmIdentifier(algorithm: oid)
        }
        let report = await Self.verify(signature)
        #expect(report.indication == .totalPassed, "\(report.checks)")
        #expect(report.signatureAlgorithm == .ecdsa(digest))
        #expect(report.notices.map(\.code) == [.keyIdentifierAsSignatureAlgorithm])
        #expect(report.checks.contains { $0.name == .signatureAlgorithm && $0.outcome == .warning })
    }

    @Test("the curve OID does not make an RSA signature pass as ECDSA")
    func curveIdentifierWithRSAKey() async throws {
        let signature = try HandmadeCMS.rewritingSigner(try await Self.signed(.rsa2048)) {
            $0.signatureAlgorithm = CMSAlgorithmIdentifier(algorithm: [1, 2, 840, 10045, 3, 1, 7])
        }
        let report = await Self.verify(signature)
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .sigCryptoFailure)
    }

    /// Identifiers put in place of the digestAlgorithm (`true`) or the signatureAlgorithm, with the name the report must give.
    static let unsupported: [(Bool, ASN1ObjectIdentifier, String)] = [
        (true, [2, 16, 840, 1, 101, 3, 4, 2, 8], "SHA3-256"),
        (true, [2, 16, 840, 1, 101, 3, 4, 2, 12], "SHAKE256"),
        (true, [1, 3, 36, 3, 2, 1], "RIPEMD-160"),
        (false, [2, 16, 840, 1, 101, 3, 4, 3, 10], "ecdsa-with-SHA3-256"),
        (false, [2, 16, 840, 1, 101, 3, 4, 3, 14], "RSA-PKCS1v1.5-with-SHA3-256"),
        (false, [0, 4, 0, 127, 0, 7, 1, 1, 4, 1, 3], "ecdsa-plain-SHA256"),
        (false, [2, 16, 840, 1, 101, 3, 4, 3, 2], "dsa-with-SHA256"),
        (false, [1, 2, 840, 10040, 4, 1], "DSA"),
        (false, [1, 2, 3, 4, 5], "1.2.3.4.5"),
    ]

    @Test("an algorithm swift-crypto lacks: INDETERMINATE CRYPTO_CONSTRAINTS_FAILURE naming it, never TOTAL-FAILED",
          arguments: unsupported)
    func unsupportedAlgorithm(digest: Bool, oid: ASN1ObjectIdentifier, name: String) async throws {
        let signature = try HandmadeCMS.rewritingSigner(try await Self.signed(.p256)) {
            if digest { $0.digestAlgorithm = CMSAlgorithmIdentifier(algorithm: oid) } else { $0.signatureAlgorithm = CMSAlgorithmIdentifier(algorithm: oid) }
        }
        let report = await Self.verify(signature)
        #expect(report.indication == .indeterminate, "\(report.checks)")
        #expect(report.subIndication == .cryptoConstraintsFailure)
        #expect(report.integrity == .notChecked)
        #expect(report.notices.contains { $0.code == .unsupportedAlgorithm && $0.detail.contains(name) }, "\(report.notices)")
        #expect(report.signerSubject != nil)
    }

    @Test("a signer key on a curve swift-crypto lacks (brainpoolP256r1): INDETERMINATE naming the curve")
    func brainpoolKey() async throws {
        let brainpoolP256r1: ASN1ObjectIdentifier = [1, 3, 36, 3, 3, 2, 8, 1, 1, 7]
        let ecPublicKey = CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Signature.ecPublicKey, parameters: try ASN1Any(erasing: brainpoolP256r1))
        let point = [0x04] + (0..<64).map { _ in UInt8.random(in: 0...255) }
        let certificate = try HandmadeCMS.certificate(serial: [0x0B], subject: "Brainpool", spki: HandmadeCMS.spki(ecPublicKey, key: point))
        let signature = try HandmadeCMS.signedData(
            content: Self.content, certificate: certificate, signatureAlgorithm: HandmadeCMS.ecdsaWithSHA256,
            sign: { _ in Array(try P256.Signing.PrivateKey().signature(for: [0]).derRepresentation) })
        let report = await Self.verify(signature)
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .cryptoConstraintsFailure)
        #expect(report.notices.contains { $0.code == .unsupportedAlgorithm && $0.detail.contains("brainpoolP256r1") }, "\(report.notices)")
        #expect(report.signerCertificateDER == certificate)
    }

    @Test("Ed25519 with a SHA-1 digestAlgorithm (not RFC 8419's SHA-512): intact, refused by the algorithm policy, not broken")
    func ed25519WithSHA1() async throws {
        let key = try Curve25519.Signing.PrivateKey(derRepresentation: TestPKI.privateKeys[.ed25519]!)
        let signature = try HandmadeCMS.signedData(
            content: Self.content, certificate: DER.Serializer.serialized(element: TestPKI.leaf(.ed25519)),
            extraCertificates: [DER.Serializer.serialized(element: TestPKI.intermediate)], digest: .sha1,
            signatureAlgorithm: SignatureAlgorithm.ed25519.signerInfoIdentifier, sign: { Array(try key.signature(for: $0)) })
        let report = await Self.verify(signature)
        #expect(report.integrity == .verified, "\(report.checks)")
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .cryptoConstraintsFailureNoPOE)
        #expect(report.notices.contains { $0.code == .weakAlgorithm && $0.detail.contains("RFC 8419") }, "\(report.notices)")
    }

    @Test("a digestAlgorithm that contradicts a combined signatureAlgorithm stays a FORMAT_FAILURE")
    func contradiction() async throws {
        let signature = try HandmadeCMS.rewritingSigner(try await Self.signed(.p256)) {
            $0.signatureAlgorithm = CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Signature.ecdsaWithSHA384)
        }
        let report = await Self.verify(signature)
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .formatFailure)
    }
}
