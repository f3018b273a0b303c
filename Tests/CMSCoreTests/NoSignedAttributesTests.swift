@testable import CMSCore
import Crypto
import Foundation
import SwiftASN1
import Testing
import X509
import _CryptoExtras
import TestSupport

/// Plain PKCS#7: a SignerInfo without signed attributes signs the content itself (RFC 5652
/// §5.4). Older `adbe.pkcs7.detached` producers write these; they used to be FORMAT_FAILURE.
@Suite("SignerInfos without signed attributes are verified over the content")
struct NoSignedAttributesTests {
    static let content = Array("請負契約書 — plain PKCS#7".utf8)
    /// PKCS#7 carries no ESS signing-certificate attribute; CAdES would require one.
    static let pkcs7Policy = CMSVerificationPolicy(trustAnchors: [TestPKI.root], requiresSigningCertificateAttribute: false)

    enum Kind: String, CaseIterable, Sendable { case rsaPKCS1, rsaPSS, p256, p384, ed25519 }

    static func digest(_ kind: Kind) -> DigestAlgorithm {
        switch kind {
        case .p384: .sha384
        case .ed25519: .sha512
        default: .sha256
        }
    }

    /// A detached PKCS#7 over `content` (or over `signedBytes` when given), signed by hand with swift-crypto.
    static func signed(_ kind: Kind, over signedBytes: [UInt8]? = nil) throws -> CMSSignature {
        let type: TestPKI.KeyType = switch kind {
        case .rsaPKCS1, .rsaPSS: .rsa2048
        case .p256: .p256
        case .p384: .p384
        case .ed25519: .ed25519
        }
        let key = TestPKI.privateKeys[type]!
        let algorithm: SignatureAlgorithm = switch kind {
        case .rsaPKCS1: .rsaPKCS1v15(.sha256)
        case .rsaPSS: .rsaPSS(.sha256)
        case .p256, .p384: .ecdsa(digest(kind))
        case .ed25519: .ed25519
        }
        let sign: ([UInt8]) throws -> [UInt8] = { message in
            let message = signedBytes ?? message
            switch kind {
            case .rsaPKCS1: return Array(try _RSA.Signing.PrivateKey(derRepresentation: key).signature(for: message, padding: .insecurePKCS1v1_5).rawRepresentation)
            case .rsaPSS: return Array(try _RSA.Signing.PrivateKey(derRepresentation: key).signature(for: message, padding: .PSS).rawRepresentation)
            case .p256: return Array(try P256.Signing.PrivateKey(derRepresentation: key).signature(for: message).derRepresentation)
            case .p384: return Array(try P384.Signing.PrivateKey(derRepresentation: key).signature(for: message).derRepresentation)
            case .ed25519: return Array(try Curve25519.Signing.PrivateKey(derRepresentation: key).signature(for: message))
            }
        }
        return try HandmadeCMS.signedData(
            content: content, certificate: DER.Serializer.serialized(element: TestPKI.leaf(type)),
            extraCertificates: [DER.Serializer.serialized(element: TestPKI.intermediate)], digest: digest(kind),
            signatureAlgorithm: algorithm.signerInfoIdentifier, signedAttributes: false, sign: sign)
    }

    static func verify(_ signature: CMSSignature, _ content: SignedContent, policy: CMSVerificationPolicy = pkcs7Policy) async -> CMSValidationReport {
        await CMSSignatureVerifier(policy: policy).verify(signature, content: content)
    }

    @Test("verifies TOTAL-PASSED with the content as bytes and as a digest (how the PDF layer passes it)",
          arguments: [Kind.rsaPKCS1, .rsaPSS, .p256, .p384])
    func verifies(kind: Kind) async throws {
        let signature = try Self.signed(kind)
        #expect(signature.signers[0].hasSignedAttributes == false)
        let digest = Self.digest(kind)
        for content in [SignedContent.bytes(Self.content), .digest(digest.hash(Self.content), algorithm: digest)] {
            let report = await Self.verify(signature, content)
            #expect(report.indication == .totalPassed, "\(kind) \(report.checks)")
            #expect(report.integrity == .verified)
            #expect(report.notices.map(\.code) == [.noSignedAttributes])
            #expect(report.chain.count == 3)
        }
    }

    @Test("other content → TOTAL-FAILED SIG_CRYPTO_FAILURE, integrity failed", arguments: [Kind.rsaPKCS1, .rsaPSS, .p256, .p384, .ed25519])
    func otherContent(kind: Kind) async throws {
        var other = Self.content
        other[0] ^= 1
        let digest = Self.digest(kind)
        let report = await Self.verify(try Self.signed(kind), kind == .ed25519 ? .bytes(other) : .digest(digest.hash(other), algorithm: digest))
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .sigCryptoFailure)
        #expect(report.integrity == .failed)
    }

    @Test("a signature made over other bytes than the content fails even though the structure is right")
    func signedOtherBytes() async throws {
        let report = await Self.verify(try Self.signed(.rsaPKCS1, over: Array("something else".utf8)), .bytes(Self.content))
        #expect(report.subIndication == .sigCryptoFailure)
    }

    @Test("Ed25519 signs the content itself: verified from the bytes, INDETERMINATE from a digest alone")
    func ed25519() async throws {
        let signature = try Self.signed(.ed25519)
        #expect(await Self.verify(signature, .bytes(Self.content)).indication == .totalPassed)
        let fromDigest = await Self.verify(signature, .digest(DigestAlgorithm.sha512.hash(Self.content), algorithm: .sha512))
        #expect(fromDigest.indication == .indeterminate)
        #expect(fromDigest.integrity == .notChecked)
    }

    @Test("a CAdES policy still requires the ESS binding: INDETERMINATE SIG_CONSTRAINTS_FAILURE, but intact")
    func cadesPolicy() async throws {
        let report = await Self.verify(try Self.signed(.p256), .bytes(Self.content), policy: TestPKI.policy())
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .sigConstraintsFailure)
        #expect(report.integrity == .verified)
    }

    @Test("without signed attributes the content must be id-data (RFC 5652 §5.3): otherwise FORMAT_FAILURE")
    func onlyData() async throws {
        var signature = try Self.signed(.p256)
        signature.signedData.encapContentInfo.eContentType = CMSObjectIdentifier.ContentType.tstInfo
        let report = await Self.verify(signature, .bytes(Self.content))
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .formatFailure)
    }
}
