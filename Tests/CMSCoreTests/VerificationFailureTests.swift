@testable import CMSCore
import Crypto
import Foundation
import SwiftASN1
import Testing
import X509
import _CryptoExtras
import TestSupport

@Suite("Verification rejects what it must, with the right ETSI indication")
struct VerificationFailureTests {
    static let content = Array("売買契約書".utf8)

    static func signed(_ type: TestPKI.KeyType = .p256, leaf: Certificate? = nil) async throws -> CMSSignature {
        try await CAdESSigner(key: TestPKI.signingKey(type, leaf: leaf)).sign(content: content)
    }

    static func verify(_ signature: CMSSignature, content: [UInt8] = content, policy: CMSVerificationPolicy = TestPKI.policy()) async -> CMSValidationReport {
        await CMSSignatureVerifier(policy: policy).verify(signature, content: .bytes(content))
    }

    @Test("tampered content → TOTAL-FAILED HASH_FAILURE")
    func tamperedContent() async throws {
        var tampered = Self.content
        tampered[0] ^= 1
        let report = await Self.verify(try await Self.signed(), content: tampered)
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .hashFailure)
    }

    @Test("a flipped signature byte → TOTAL-FAILED SIG_CRYPTO_FAILURE", arguments: [TestPKI.KeyType.rsa2048, .p256, .ed25519])
    func tamperedSignature(type: TestPKI.KeyType) async throws {
        var options = CAdESSigningOptions()
        options.digestAlgorithm = type == .ed25519 ? .sha512 : .sha256
        let signature = try await CAdESSigner(key: TestPKI.signingKey(type), options: options).sign(content: Self.content)
        var der = try signature.derEncoded()
        let value = signature.signers[0].signatureValue
        let index = try #require(der.firstRange(of: value)).lowerBound + value.count / 2
        der[index] ^= 0x40
        let report = await Self.verify(try CMSSignature(berEncoded: der))
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .sigCryptoFailure)
    }

    @Test("a tampered signed attribute → TOTAL-FAILED")
    func tamperedSignedAttributes() async throws {
        let signature = try await Self.signed()
        var der = try signature.derEncoded()
        // The content-type OID inside the signed attributes: change id-data's last arc.
        let idData: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01]
        let ranges = der.ranges(of: idData)
        #expect(ranges.count == 2)  // eContentType and the content-type attribute
        der[ranges[1].upperBound - 1] = 0x05
        let report = await Self.verify(try CMSSignature(berEncoded: der))
        #expect(report.indication == .totalFailed)
    }

    /// The signature with its embedded certificates replaced.
    static func replacingCertificates(_ signature: CMSSignature, with certificates: [Certificate]) throws -> CMSSignature {
        var copy = signature
        copy.signedData.certificates = try certificates.map { try DER.Serializer.serialized(element: $0)[...] }
        return try CMSSignature(berEncoded: copy.derEncoded())
    }

    @Test("a swapped certificate (same issuer and serial, other key) → TOTAL-FAILED SIG_CRYPTO_FAILURE")
    func swappedCertificate() async throws {
        let genuine = TestPKI.leaf(.p256)
        let signature = try await Self.signed(.p256, leaf: genuine)
        let impostor = try Certificate(
            version: .v3, serialNumber: genuine.serialNumber, publicKey: TestPKI.publicKey(.p384),
            notValidBefore: genuine.notValidBefore, notValidAfter: genuine.notValidAfter,
            issuer: genuine.issuer, subject: genuine.subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: genuine.extensions, issuerPrivateKey: .init(TestPKI.intermediateKey))
        let report = await Self.verify(try Self.replacingCertificates(signature, with: [impostor, TestPKI.intermediate]))
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .sigCryptoFailure)
    }

    @Test("a signer certificate absent from the signature → INDETERMINATE NO_SIGNING_CERTIFICATE_FOUND")
    func missingSignerCertificate() async throws {
        let signature = try await Self.signed()
        let stranger = TestPKI.leaf(.p256, name: "Someone else")
        let report = await Self.verify(try Self.replacingCertificates(signature, with: [stranger, TestPKI.intermediate]))
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .noSigningCertificateFound)
    }

    @Test("an ESS signing-certificate-v2 naming another certificate → INDETERMINATE NO_SIGNING_CERTIFICATE_FOUND")
    func signingCertificateBinding() async throws {
        // Sign with leaf A, then present leaf B that has the same key, issuer and serial but other contents:
        // the signature verifies, but the ESS hash binds A, not B.
        let leafA = TestPKI.leaf(.p256, name: "A")
        let signature = try await Self.signed(.p256, leaf: leafA)
        let leafB = try Certificate(
            version: .v3, serialNumber: leafA.serialNumber, publicKey: leafA.publicKey,
            notValidBefore: leafA.notValidBefore.addingTimeInterval(-1), notValidAfter: leafA.notValidAfter,
            issuer: leafA.issuer, subject: leafA.subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: leafA.extensions, issuerPrivateKey: .init(TestPKI.intermediateKey))
        let report = await Self.verify(try Self.replacingCertificates(signature, with: [leafB, TestPKI.intermediate]))
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .noSigningCertificateFound)
        #expect(report.checks.contains { $0.name == .signatureValue && $0.outcome == .passed })
    }

    @Test("an untrusted root → INDETERMINATE NO_CERTIFICATE_CHAIN_FOUND")
    func untrustedRoot() async throws {
        let report = await Self.verify(try await Self.signed(), policy: TestPKI.policy(anchors: [TestPKI.otherRoot]))
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .noCertificateChainFound || report.subIndication == .chainConstraintsFailure)
        let none = await Self.verify(try await Self.signed(), policy: TestPKI.policy(anchors: []))
        #expect(none.subIndication == .noCertificateChainFound)
    }

    @Test("validation after the certificate expired → INDETERMINATE OUT_OF_BOUNDS_NO_POE; before it began → NOT_YET_VALID")
    func validityPeriod() async throws {
        let signature = try await Self.signed()
        let leaf = signature.certificates[0]
        let late = await Self.verify(signature, policy: TestPKI.policy(at: leaf.notValidAfter.addingTimeInterval(86400)))
        #expect(late.indication == .indeterminate)
        #expect(late.subIndication == .outOfBoundsNoPOE)
        let early = await Self.verify(signature, policy: TestPKI.policy(at: leaf.notValidBefore.addingTimeInterval(-86400)))
        #expect(early.subIndication == .notYetValid)
        let inside = await Self.verify(signature, policy: TestPKI.policy(at: leaf.notValidBefore.addingTimeInterval(60)))
        #expect(inside.isValid)
    }

    @Test("a certificate without digitalSignature or nonRepudiation → INDETERMINATE CHAIN_CONSTRAINTS_FAILURE")
    func keyUsage() async throws {
        let leaf = TestPKI.leaf(.p256, keyUsage: KeyUsage(keyEncipherment: true))
        let report = await Self.verify(try await Self.signed(.p256, leaf: leaf))
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .chainConstraintsFailure)
    }

    @Test("detached signature without content → INDETERMINATE SIGNED_DATA_NOT_FOUND")
    func noContent() async throws {
        let report = await CMSSignatureVerifier(policy: TestPKI.policy()).verify(try await Self.signed(), content: .encapsulated)
        #expect(report.subIndication == .signedDataNotFound)
    }

    @Test("a digest made with another algorithm than the signer's is not silently compared")
    func digestAlgorithmMismatch() async throws {
        let report = await CMSSignatureVerifier(policy: TestPKI.policy()).verify(
            try await Self.signed(), content: .digest(DigestAlgorithm.sha512.hash(Self.content), algorithm: .sha512))
        #expect(!report.isValid)
    }

    @Test("an RSA-1024 signer is refused for new signatures")
    func weakRSA() async throws {
        let weakKey = try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: 1024))
        let leaf = try Certificate(
            version: .v3, serialNumber: TestPKI.serialNumber(), publicKey: .init(weakKey.publicKey),
            notValidBefore: TestPKI.now.addingTimeInterval(-60), notValidAfter: TestPKI.now.addingTimeInterval(86400),
            issuer: TestPKI.intermediate.subject, subject: try DistinguishedName { CommonName("Weak") },
            signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(), issuerPrivateKey: .init(TestPKI.intermediateKey))
        let external = ExternalSigningKey(certificateChain: [leaf, TestPKI.intermediate]) { _ in
            Issue.record("the key must not be asked to sign")
            return []
        }
        await #expect(throws: CMSError(.weakAlgorithmRefused, "")) {
            try await CAdESSigner(key: external).sign(content: Self.content)
        }
    }
}

extension DER.Serializer {
    static func serialized(element: some DERSerializable) throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serialize(element)
        return coder.serializedBytes
    }
}
