@testable import CMSCore
import Crypto
import Foundation
import SwiftASN1
import Testing
import X509
import _CryptoExtras
import TestSupport

/// Certificates swift-certificates refuses, assembled with swift-asn1 and signed by the test
/// intermediate: the signature must still be found by its sid and checked with the key, and
/// the verdict be INDETERMINATE (no chain can be built), never "no certificate matches" or a
/// broken signature.
@Suite("Signer certificates swift-certificates cannot parse")
struct UnparseableCertificateTests {
    static let content = Array("賃貸借契約書".utf8)

    /// A P-256 signer whose certificate has a negative serial number, with its CAdES signature
    /// (signed attributes with an ESS signing-certificate-v2 naming the negative serial).
    static func negativeSerialSignature() throws -> (certificate: [UInt8], signature: CMSSignature) {
        let key = P256.Signing.PrivateKey()
        let certificate = try HandmadeCMS.certificate(
            serial: [0x9C, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70], subject: "Negative Serial", spki: Array(key.publicKey.derRepresentation))
        let signature = try HandmadeCMS.signedData(
            content: content, certificate: certificate, signatureAlgorithm: HandmadeCMS.ecdsaWithSHA256,
            sign: { Array(try key.signature(for: $0).derRepresentation) })
        return (certificate, signature)
    }

    @Test("a negative serial number: parsed, matched by sid and ESS, signature verified, INDETERMINATE NO_CERTIFICATE_CHAIN_FOUND")
    func negativeSerial() async throws {
        let (certificate, signature) = try Self.negativeSerialSignature()
        #expect(throws: (any Error).self) { try Certificate(derEncoded: certificate) }
        let report = await CMSSignatureVerifier(policy: TestPKI.policy()).verify(signature, content: .bytes(Self.content))
        #expect(report.integrity == .verified, "\(report.checks)")
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .noCertificateChainFound)
        #expect(report.notices.map(\.code).contains(.unparseableSignerCertificate))
        #expect(report.checks.contains { $0.name == .signingCertificate && $0.outcome == .passed })
        #expect(report.signerCertificate == nil)
        #expect(report.signerCertificateDER == certificate)
        #expect(report.signerSubject?.contains("Negative Serial") == true)
        #expect(signature.certificateEncodings == [certificate])
    }

    @Test("with such a certificate a broken signature is still TOTAL-FAILED: the key read from the raw SPKI is really used")
    func negativeSerialStillChecked() async throws {
        let (_, signature) = try Self.negativeSerialSignature()
        var other = Self.content
        other[0] ^= 1
        let tamperedContent = await CMSSignatureVerifier(policy: TestPKI.policy()).verify(signature, content: .bytes(other))
        #expect(tamperedContent.subIndication == .hashFailure)
        let tamperedValue = try HandmadeCMS.rewritingSigner(signature) { info in
            var value = Array(info.signature)
            value[value.count / 2] ^= 0x01
            info.signature = value[...]
        }
        let report = await CMSSignatureVerifier(policy: TestPKI.policy()).verify(tamperedValue, content: .bytes(Self.content))
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .sigCryptoFailure)
    }

    @Test("an RSASSA-PSS public key (id-RSASSA-PSS SPKI): signature verified, INDETERMINATE NO_CERTIFICATE_CHAIN_FOUND")
    func pssKey() async throws {
        let key = TestPKI.rsaKey
        let spki = try HandmadeCMS.spki(CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Signature.rsassaPSS),
                                        key: Array(key.publicKey.pkcs1DERRepresentation))
        let certificate = try HandmadeCMS.certificate(serial: [0x01, 0x23, 0x45], subject: "PSS Key", spki: spki)
        #expect(throws: (any Error).self) { try Certificate(derEncoded: certificate) }
        let signature = try HandmadeCMS.signedData(
            content: Self.content, certificate: certificate, signatureAlgorithm: SignatureAlgorithm.rsaPSS(.sha256).signerInfoIdentifier,
            sign: { Array(try key.signature(for: $0, padding: .PSS).rawRepresentation) })
        let report = await CMSSignatureVerifier(policy: TestPKI.policy()).verify(signature, content: .bytes(Self.content))
        #expect(report.integrity == .verified, "\(report.checks)")
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .noCertificateChainFound)
        #expect(report.signatureAlgorithm?.scheme == .rsaPSS)
    }

    @Test("an RSA-1024 certificate (below swift-crypto's minimum): verified, then refused by the strength policy, not as a broken signature")
    func rsa1024() async throws {
        let key = try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: 1024))
        let spki = try HandmadeCMS.spki(CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Signature.rsaEncryption, parameters: CMSAlgorithmIdentifier.nullParameters),
                                        key: Array(key.publicKey.pkcs1DERRepresentation))
        let certificate = try HandmadeCMS.certificate(serial: [0x02], subject: "Old RSA", spki: spki)
        let signature = try HandmadeCMS.signedData(
            content: Self.content, certificate: certificate, signatureAlgorithm: SignatureAlgorithm.rsaPKCS1v15(.sha256).signerInfoIdentifier,
            sign: { Array(try key.signature(for: $0, padding: .insecurePKCS1v1_5).rawRepresentation) })
        let report = await CMSSignatureVerifier(policy: TestPKI.policy()).verify(signature, content: .bytes(Self.content))
        #expect(report.integrity == .verified, "\(report.checks)")
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .cryptoConstraintsFailureNoPOE)
        #expect(report.notices.contains { $0.code == .weakAlgorithm && $0.detail.contains("RSA-1024") })
    }

    @Test("the sid matches on the raw issuer and serial even when the serial's encoding is not minimal (BER)")
    func nonMinimalSerial() throws {
        let certificate = try RawCertificate(encoded: HandmadeCMS.certificate(serial: [0x00, 0x00, 0x42], subject: "Padded", spki: Array(P256.Signing.PrivateKey().publicKey.derRepresentation))[...])
        let sid = CMSIssuerAndSerialNumber(issuer: certificate.issuer, serialNumber: [0x42])
        #expect(sid.matches(certificate))
        #expect(!CMSIssuerAndSerialNumber(issuer: certificate.issuer, serialNumber: [0xC2]).matches(certificate))
        #expect(!CMSIssuerAndSerialNumber(issuer: TestPKI.root.subject.derBytes[...], serialNumber: [0x42]).matches(certificate))
    }
}

extension DistinguishedName {
    var derBytes: [UInt8] { try! DER.Serializer.serialized(element: self) }
}
