import CMSCore
import Crypto
import Foundation
@testable import PDFSign
import Testing
import X509

/// B-LT when the signature carries only the signer's certificate: the missing issuers come
/// from an `IssuerCertificateSource` (in the app: AIA caIssuers over HTTP).
@Suite("LTV: issuers missing from the chain are fetched")
struct IssuerCompletionTests {
    /// Knows the sandbox's issuing CA and root, and records what it was asked.
    final class SandboxIssuers: IssuerCertificateSource, @unchecked Sendable {
        // @unchecked: `asked` is guarded by `lock`.
        private let lock = NSLock()
        private var asked: [DistinguishedName] = []
        var requests: [DistinguishedName] { lock.withLock { asked } }

        func issuerCandidates(for certificate: Certificate) async throws -> [Certificate] {
            lock.withLock { asked.append(certificate.subject) }
            return [SigningFixtures.pki.issuingCA, SigningFixtures.pki.root].filter { $0.subject == certificate.issuer }
        }
    }

    /// A B-B signature whose CMS carries the signer's certificate and nothing else.
    static func leafOnlySignature() async throws -> (signed: [UInt8], leaf: Certificate) {
        let key = P256.Signing.PrivateKey()
        let leaf = try SigningFixtures.pki.issueLeaf(publicKey: .init(key.publicKey), commonName: "Leaf Only")
        let signer = try SoftwareSigningKey(privateKeyDER: Array(key.derRepresentation), certificateChain: [leaf])
        let signed = try await PDFSigner(key: signer).sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        #expect(try SignedPDFReadback(signed).cms.certificates == [leaf])
        return (signed, leaf)
    }

    @Test("the issuing CA and the root are fetched, put in the DSS, and the signature validates from it")
    func fetchesIssuers() async throws {
        let (signed, leaf) = try await Self.leafOnlySignature()
        let issuers = SandboxIssuers()
        let ltv = PDFLongTermValidation(revocationSource: try SigningFixtures.pki.revocationDataSource(), issuerSource: issuers)
        let extended = try await ltv.addingValidationData(to: PDFDocument(bytes: signed))
        // The leaf's issuer, then the issuing CA's (the root); the root itself needs none.
        #expect(issuers.requests == [leaf.subject, SigningFixtures.pki.issuingCA.subject])
        let report = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [SigningFixtures.pki.root]))
            .validate(try PDFDocument(bytes: extended))
        #expect(report.signatures.first?.indication == .totalPassed, "\(report.signatures.map { "\($0.indication) \($0.findings)" })")
    }

    @Test("without an issuer source the missing issuer is a typed error naming it")
    func refusesWithoutSource() async throws {
        let (signed, _) = try await Self.leafOnlySignature()
        let ltv = PDFLongTermValidation(revocationSource: try SigningFixtures.pki.revocationDataSource(), issuerSource: nil)
        let error = await #expect(throws: PDFError.self) { try await ltv.addingValidationData(to: PDFDocument(bytes: signed)) }
        #expect(error?.code == .validationDataUnavailable)
        #expect(error?.reason.contains("\(SigningFixtures.pki.issuingCA.subject)") == true)
    }
}
