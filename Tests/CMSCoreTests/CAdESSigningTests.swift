import CMSCore
import Foundation
import SwiftASN1
import Testing
import X509
import TestSupport

@Suite("CAdES signing and verification round trips")
struct CAdESSigningTests {
    static let content = Array("電子契約書 — contract body".utf8)

    static let algorithmCases: [(TestPKI.KeyType, DigestAlgorithm, Bool)] = [
        (.rsa2048, .sha256, false), (.rsa2048, .sha384, false), (.rsa2048, .sha512, false),
        (.rsa2048, .sha256, true), (.rsa2048, .sha512, true),
        (.p256, .sha256, false), (.p384, .sha384, false), (.p521, .sha512, false), (.p256, .sha512, false),
        (.ed25519, .sha512, false),
    ]

    @Test("every key type and digest signs and verifies TOTAL-PASSED", arguments: algorithmCases)
    func roundTrip(type: TestPKI.KeyType, digest: DigestAlgorithm, pss: Bool) async throws {
        var options = CAdESSigningOptions()
        options.digestAlgorithm = digest
        options.usesRSAPSS = pss
        let signature = try await CAdESSigner(key: TestPKI.signingKey(type), options: options).sign(content: Self.content)
        let reparsed = try CMSSignature(berEncoded: signature.derEncoded())
        let report = await CMSSignatureVerifier(policy: TestPKI.policy()).verify(reparsed, content: .bytes(Self.content))
        #expect(report.indication == .totalPassed, "\(report.checks)")
        #expect(report.signatureAlgorithm?.digest == digest)
        #expect(report.signatureAlgorithm?.scheme == (pss ? .rsaPSS : type == .rsa2048 ? .rsaPKCS1v15 : type == .ed25519 ? .ed25519 : .ecdsa))
        #expect(report.chain.count == 3)
    }

    @Test("the signed attributes are CAdES-B-B: content-type, message-digest, signing-certificate-v2, no signing-time")
    func signedAttributes() async throws {
        let signature = try await CAdESSigner(key: TestPKI.signingKey(.p256)).sign(content: Self.content)
        let types = try #require(signature.signers.first).signedAttributeTypes
        typealias OID = CMSObjectIdentifier.Attribute
        #expect(Set(types) == [OID.contentType, OID.messageDigest, OID.signingCertificateV2])
        #expect(signature.encapsulatedContent == nil)
        // The root is not embedded by default; leaf and intermediate are.
        #expect(signature.certificates == [signature.certificates[0], TestPKI.intermediate])
    }

    @Test("signing-time and algorithm protection are added on request and checked")
    func optionalAttributes() async throws {
        var options = CAdESSigningOptions()
        options.signingTime = Date(timeIntervalSince1970: 1_800_000_000)
        options.includesAlgorithmProtection = true
        options.includesRootCertificate = true
        let signature = try await CAdESSigner(key: TestPKI.signingKey(.rsa2048), options: options).sign(content: Self.content)
        let types = try #require(signature.signers.first).signedAttributeTypes
        #expect(types.contains(CMSObjectIdentifier.Attribute.signingTime))
        #expect(types.contains(CMSObjectIdentifier.Attribute.cmsAlgorithmProtection))
        #expect(signature.certificates.count == 3)
        let report = await CMSSignatureVerifier(policy: TestPKI.policy()).verify(signature, content: .bytes(Self.content))
        #expect(report.isValid)
        #expect(report.claimedSigningTime == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(report.checks.contains { $0.name == .algorithmProtection && $0.outcome == .passed })
    }

    @Test("signing a digest, a file and bytes gives equivalent signatures")
    func signingInputs() async throws {
        let signer = CAdESSigner(key: try TestPKI.signingKey(.p256))
        let dir = try ExternalTools.temporaryDirectory()
        let file = dir.appendingPathComponent("content.bin")
        try Data(Self.content).write(to: file)
        let verifier = CMSSignatureVerifier(policy: TestPKI.policy())
        for signature in [
            try await signer.sign(digest: DigestAlgorithm.sha256.hash(Self.content)),
            try await signer.sign(fileAt: file.path),
            try await signer.sign(content: Self.content),
        ] {
            #expect(await verifier.verify(signature, content: .bytes(Self.content)).isValid)
            #expect(await verifier.verify(signature, content: .file(path: file.path)).isValid)
            #expect(await verifier.verify(signature, content: .digest(DigestAlgorithm.sha256.hash(Self.content), algorithm: .sha256)).isValid)
        }
    }

    @Test("an enveloping signature carries its content and verifies as encapsulated")
    func enveloping() async throws {
        let signature = try await CAdESSigner(key: TestPKI.signingKey(.p384)).sign(encapsulating: Self.content)
        #expect(signature.encapsulatedContent == Self.content)
        #expect(await CMSSignatureVerifier(policy: TestPKI.policy()).verify(signature, content: .encapsulated).isValid)
    }

    @Test("an unsigned attribute added after signing keeps the signature valid")
    func unsignedAttribute() async throws {
        let signature = try await CAdESSigner(key: TestPKI.signingKey(.p256)).sign(content: Self.content)
        let extended = try signature.addingUnsignedAttribute(
            type: CMSObjectIdentifier.Attribute.signatureTimeStampToken, valueDER: [0x04, 0x02, 0xAB, 0xCD])
        let reparsed = try CMSSignature(berEncoded: extended.derEncoded())
        #expect(reparsed.signers[0].unsignedAttributeValues(type: CMSObjectIdentifier.Attribute.signatureTimeStampToken) == [[0x04, 0x02, 0xAB, 0xCD]])
        #expect(reparsed.signers[0].signatureValue == signature.signers[0].signatureValue)
        #expect(await CMSSignatureVerifier(policy: TestPKI.policy()).verify(reparsed, content: .bytes(Self.content)).isValid)
        #expect(throws: CMSError(.signerNotFound, "")) {
            try signature.addingUnsignedAttribute(type: CMSObjectIdentifier.Attribute.signingTime, valueDER: [0x05, 0x00], signerIndex: 3)
        }
        #expect(throws: CMSError(.malformedEncoding, "")) {
            try signature.addingUnsignedAttribute(type: CMSObjectIdentifier.Attribute.signingTime, valueDER: [0x04, 0x09])
        }
    }

    @Test("an external signer closure receives message and digest")
    func externalSigner() async throws {
        let software = try TestPKI.signingKey(.p256)
        let external = ExternalSigningKey(certificateChain: software.certificateChain) { request in
            #expect(request.digest == request.algorithm.digest.hash(request.message))
            return try await software.sign(request)
        }
        let signature = try await CAdESSigner(key: external).sign(content: Self.content)
        #expect(await CMSSignatureVerifier(policy: TestPKI.policy()).verify(signature, content: .bytes(Self.content)).isValid)
    }
}

@Suite("Signing refusals")
struct SigningRefusalTests {
    @Test("SHA-1 is refused for new signatures")
    func sha1Refused() async throws {
        var options = CAdESSigningOptions()
        options.digestAlgorithm = .sha1
        await #expect(throws: CMSError(.weakAlgorithmRefused, "")) {
            try await CAdESSigner(key: TestPKI.signingKey(.p256), options: options).sign(content: [1, 2, 3])
        }
    }

    @Test("a digest of the wrong length is refused")
    func wrongDigestLength() async throws {
        await #expect(throws: CMSError(.invalidArgument, "")) {
            try await CAdESSigner(key: TestPKI.signingKey(.p256)).sign(digest: [1, 2, 3])
        }
    }

    @Test("Ed25519 picks SHA-512 by itself when no digest was chosen (RFC 8419)")
    func ed25519DefaultsToSHA512() async throws {
        let signer = CAdESSigner(key: try TestPKI.signingKey(.ed25519))
        let content = CAdESSigningTests.content
        #expect(try await signer.digestAlgorithm() == .sha512)
        let signature = try await signer.sign(content: content)
        #expect(signature.signers.first?.digestAlgorithm == .sha512)
        let report = await CMSSignatureVerifier(policy: TestPKI.policy()).verify(signature, content: .bytes(content))
        #expect(report.indication == ValidationIndication.totalPassed, "\(report.checks)")
        #expect(report.signatureAlgorithm == SignatureAlgorithm.ed25519)
        // Other keys keep SHA-256 unless asked otherwise.
        #expect(try await CAdESSigner(key: try TestPKI.signingKey(.p256)).digestAlgorithm() == .sha256)
    }

    @Test("an explicit digest that contradicts Ed25519 is refused as an invalid argument", arguments: [DigestAlgorithm.sha256, .sha384])
    func ed25519RefusesOtherDigests(digest: DigestAlgorithm) async throws {
        var options = CAdESSigningOptions()
        options.digestAlgorithm = digest
        let signer = CAdESSigner(key: try TestPKI.signingKey(.ed25519), options: options)
        await #expect(throws: CMSError(.invalidArgument, "")) { try await signer.digestAlgorithm() }
        let error = await #expect(throws: CMSError.self) { try await signer.sign(content: [1, 2, 3]) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.reason.contains("SHA-512") == true)
    }

    @Test("a key that does not match the certificate is refused when loading")
    func mismatchedKey() throws {
        #expect(throws: CMSError(.invalidCertificate, "")) {
            try SoftwareSigningKey(privateKeyDER: TestPKI.privateKeys[.p256]!, certificateChain: [TestPKI.leaf(.p384)])
        }
    }

    @Test("a key provider that returns a wrong signature is caught")
    func wrongSignatureCaught() async throws {
        let chain = try TestPKI.signingKey(.p256).certificateChain
        let other = try TestPKI.signingKey(.p256, leaf: TestPKI.leaf(.p256, name: "Other"))
        let liar = ExternalSigningKey(certificateChain: [TestPKI.leaf(.p384)] + chain.dropFirst()) { try await other.sign($0) }
        await #expect(throws: CMSError.self) {
            try await CAdESSigner(key: liar).sign(content: [1, 2, 3])
        }
        let failing = ExternalSigningKey(certificateChain: chain) { _ in throw CancellationError() }
        await #expect(throws: CMSError(.signingFailed, "")) {
            try await CAdESSigner(key: failing).sign(content: [1, 2, 3])
        }
    }

    @Test("private keys that are not keys are refused with a typed error")
    func garbageKeys() {
        #expect(throws: CMSError(.invalidKey, "")) { try SoftwareSigningKey(privateKeyDER: [0x30, 0x03, 0x02, 0x01, 0x00], certificateChain: [TestPKI.root]) }
        #expect(throws: CMSError(.invalidKey, "")) { try SoftwareSigningKey(privateKeyPEM: "not pem", certificateChain: [TestPKI.root]) }
        #expect(throws: CMSError(.invalidKey, "")) {
            try SoftwareSigningKey(privateKeyPEM: "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----", certificateChain: [TestPKI.root])
        }
    }
}
