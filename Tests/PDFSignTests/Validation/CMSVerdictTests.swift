import CMSCore
import Foundation
@testable import PDFSign
import SwiftASN1
import Testing
import X509

@Suite("PDF verdicts for CMS objects that other validators accept, and for those they refuse")
struct CMSVerdictTests {
    static let policy = PDFSignatureValidationPolicy(trustAnchors: [SigningFixtures.pki.root], revocation: .none)

    static func validate(_ bytes: [UInt8], policy: PDFSignatureValidationPolicy = policy) async throws -> PDFSignatureReport {
        let report = await PDFSignatureValidator(policy: policy).validate(try PDFDocument(bytes: bytes))
        return try #require(report.signatures.first)
    }

    /// `bytes` with the page text "(Contract)" changed: a signed byte altered.
    static func tampered(_ bytes: [UInt8]) throws -> [UInt8] {
        var bytes = bytes
        let at = try #require(bytes.firstRange(of: Array("(Contract)".utf8)))
        bytes[at.lowerBound + 1] = UInt8(ascii: "D")
        return bytes
    }

    @Test("PKCS#7 without signed attributes: intact, TOTAL-PASSED, level none; a changed byte is TOTAL-FAILED")
    func noSignedAttributes() async throws {
        let document = try HandmadePDFSignature()
        let signedBytes = document.signedBytes
        let cms = try HandmadePDFSignature.rewriting(try await document.cades()) { signedData in
            signedData.signerInfos[0].signedAttrs = nil
            signedData.signerInfos[0].signedAttrsEncoding = nil
        }
        let value = try await HandmadePDFSignature.key.sign(SignatureRequest(message: signedBytes, algorithm: .ecdsa(.sha256)))
        let plain = try HandmadePDFSignature.rewriting(cms) { $0.signerInfos[0].signature = value[...] }
        let file = try document.embedding(plain)
        let report = try await Self.validate(file)
        #expect(report.intact)
        #expect(report.indication == .totalPassed, "\(report)")
        #expect(report.level == nil)
        #expect(report.findings.isEmpty, "\(report.findings)")
        let broken = try await Self.validate(try Self.tampered(file))
        #expect(!broken.intact)
        #expect(broken.indication == .totalFailed && broken.subIndication == .sigCryptoFailure, "\(broken)")
    }

    @Test("/adbe.pkcs7.sha1: the SHA-1 digest of the byte ranges encapsulated and signed is intact, reported weak, level none")
    func pkcs7SHA1() async throws {
        let document = try HandmadePDFSignature(subFilter: "adbe.pkcs7.sha1")
        let signer = CAdESSigner(key: HandmadePDFSignature.key)
        let file = try document.embedding(try await signer.sign(encapsulating: DigestAlgorithm.sha1.hash(document.signedBytes)))
        let report = try await Self.validate(file)
        #expect(report.subFilter == "adbe.pkcs7.sha1")
        #expect(report.intact, "\(report)")
        #expect(report.level == nil)
        #expect(report.indication == .indeterminate && report.subIndication == .cryptoConstraintsFailureNoPOE, "\(report)")
        #expect(report.findings.map(\.code) == [.weakAlgorithm])
        #expect(await PDFSignatureValidator().validate(try PDFDocument(bytes: file)).valid, "intact, so valid when trust is not judged")

        let changed = try await Self.validate(try Self.tampered(file))
        #expect(!changed.intact && changed.subIndication == .hashFailure, "\(changed)")
        let otherDigest = try document.embedding(try await signer.sign(encapsulating: DigestAlgorithm.sha1.hash(Array("other".utf8))))
        let wrong = try await Self.validate(otherDigest)
        #expect(!wrong.intact && wrong.indication == .totalFailed && wrong.subIndication == .hashFailure)
        #expect(wrong.findings.map(\.code).contains(.digestMismatch))
    }

    @Test("two SignerInfos, both valid or one broken, in either order: TOTAL-FAILED FORMAT_FAILURE (ISO 32000-2 §12.8.3.3)")
    func twoSignerInfos() async throws {
        let document = try HandmadePDFSignature()
        let cms = try await document.cades()
        let good = cms.signedData.signerInfos[0]
        var broken = good
        var value = Array(broken.signature)
        value[value.count / 2] ^= 0x01
        broken.signature = value[...]
        for pair in [[good, good], [good, broken], [broken, good]] {
            let doubled = try HandmadePDFSignature.rewriting(cms) { $0.signerInfos = pair }
            let report = try await Self.validate(try document.embedding(doubled))
            #expect(report.indication == .totalFailed && report.subIndication == .formatFailure, "\(report)")
            #expect(report.findings.map(\.code).contains(.signerInfoCount))
        }
    }

    @Test("signed with the TSA's certificate (EKU timeStamping only): INDETERMINATE CHAIN_CONSTRAINTS_FAILURE, the purpose named")
    func tsaCertificateSigner() async throws {
        let signer = PDFSigner(key: try SigningFixtures.pki.timestampAuthorityKey(), level: .b)
        let file = try await signer.sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        let report = try await Self.validate(file)
        #expect(report.intact)
        #expect(report.indication == .indeterminate && report.subIndication == .chainConstraintsFailure, "\(report)")
        #expect(report.findings.map(\.code).contains(.signerCertificatePurpose))
    }

    @Test("a signer certificate swift-certificates refuses (negative serial) is no longer 'not a CMS SignedData': intact, INDETERMINATE, named")
    func unparseableCertificate() async throws {
        let document = try HandmadePDFSignature()
        let certificate = try await HandmadePDFSignature.negativeSerialCertificate()
        #expect(throws: (any Error).self) { try Certificate(derEncoded: certificate) }
        let cms = try await document.cades()
        let original = cms.signedData.signerInfos[0]
        // content-type and message-digest stay; the ESS attribute named the sandbox certificate.
        var info = try CMSSignerInfo(
            sid: .issuerAndSerialNumber(CMSIssuerAndSerialNumber(RawCertificate(encoded: certificate[...]))), digestAlgorithm: original.digestAlgorithm,
            signedAttrs: original.signedAttrs?.filter { $0.attrType != CMSObjectIdentifier.Attribute.signingCertificateV2 },
            signatureAlgorithm: original.signatureAlgorithm, signature: [])
        info.signature = try await HandmadePDFSignature.key.sign(SignatureRequest(message: try #require(info.dataToBeSigned()), algorithm: .ecdsa(.sha256)))[...]
        let handmade = try HandmadePDFSignature.rewriting(cms) {
            $0.signerInfos = [info]
            $0.certificates = [certificate[...]]
        }
        let report = try await Self.validate(try document.embedding(handmade))
        #expect(report.intact, "\(report)")
        #expect(report.indication == .indeterminate && report.subIndication == .noCertificateChainFound, "\(report)")
        #expect(report.findings.map(\.code) == [.unparseableCertificate])
        #expect(report.signer?.contains("Negative Serial") == true)
    }

    @Test("ECDSA named by its curve's OID: TOTAL-PASSED with a nonStandardAlgorithmIdentifier warning")
    func curveIdentifier() async throws {
        let document = try HandmadePDFSignature()
        let cms = try HandmadePDFSignature.rewriting(try await document.cades()) {
            $0.signerInfos[0].signatureAlgorithm = CMSAlgorithmIdentifier(algorithm: [1, 2, 840, 10045, 3, 1, 7])
        }
        let report = try await Self.validate(try document.embedding(cms))
        #expect(report.intact)
        #expect(report.indication == .totalPassed, "\(report)")
        #expect(report.findings.map(\.code) == [.nonStandardAlgorithmIdentifier])
    }

    @Test("an unsupported signature or digest algorithm: INDETERMINATE naming it, not intact, never TOTAL-FAILED",
          arguments: [(false, "ecdsa-with-SHA3-256"), (true, "SHA3-256")])
    func unsupportedAlgorithm(digest: Bool, name: String) async throws {
        let document = try HandmadePDFSignature()
        let cms = try HandmadePDFSignature.rewriting(try await document.cades()) {
            if digest {
                $0.signerInfos[0].digestAlgorithm = CMSAlgorithmIdentifier(algorithm: [2, 16, 840, 1, 101, 3, 4, 2, 8])
            } else {
                $0.signerInfos[0].signatureAlgorithm = CMSAlgorithmIdentifier(algorithm: [2, 16, 840, 1, 101, 3, 4, 3, 10])
            }
        }
        let file = try document.embedding(cms)
        let report = try await Self.validate(file)
        #expect(!report.intact)
        #expect(report.indication == .indeterminate && report.subIndication == .cryptoConstraintsFailure, "\(report)")
        #expect(report.findings.contains { $0.code == .unsupportedAlgorithm && $0.message.contains(name) }, "\(report.findings)")

        // The byte-range checks still come first: a first range that stops short of /Contents
        // (the gap is more than the signature's hex string) is TOTAL-FAILED.
        let range = document.prepared.byteRange
        let original = "/ByteRange [0 \(range[1]) \(range[2]) \(range[3])]"
        let shortened = "/ByteRange [0 \(range[1] - 1) \(range[2]) \(range[3])]".padding(toLength: original.count, withPad: " ", startingAt: 0)
        var forged = file
        forged.replaceSubrange(try #require(file.firstRange(of: Array(original.utf8))), with: Array(shortened.utf8))
        let forgedReport = try await Self.validate(forged)
        #expect(forgedReport.indication == .totalFailed && forgedReport.subIndication == .formatFailure, "\(forgedReport)")
        #expect(forgedReport.findings.map(\.code).contains(.signatureWrapping), "\(forgedReport.findings)")
    }
}
