import Foundation
import X509

/// The revocation status found for one certificate of the chain.
public struct CertificateRevocationResult: Sendable, Hashable {
    public var certificate: Certificate
    public var status: RevocationStatus
}

/// What ``CMSSignatureVerifier`` found about one SignerInfo.
///
/// Layered like ETSI EN 319 102-1: ``indication`` and ``subIndication`` give the verdict;
/// ``checks`` say what was examined; ``revocation`` and ``chain`` carry the data used, so
/// that a PDF signer can embed it for long-term validation.
public struct CMSValidationReport: Sendable {
    public var indication: ValidationIndication
    public var subIndication: ValidationSubIndication?
    /// The signer's certificate, when found and parseable by swift-certificates.
    public var signerCertificate: Certificate?
    /// The encoding of the signer's certificate, when found — also when swift-certificates
    /// cannot parse it (then ``signerCertificate`` is `nil`).
    public var signerCertificateDER: [UInt8]?
    /// The signer certificate's subject, readable (also for a certificate only read field by field).
    public var signerSubject: String?
    /// Whether the signature value holds over the content, whatever the certificate's trust.
    public var integrity: CMSIntegrity
    /// Tolerated deviations and reasons in typed form (see ``CMSValidationNotice/Code``).
    public var notices: [CMSValidationNotice]
    /// The validated chain from the signer to the trust anchor (empty when none was built).
    public var chain: [Certificate]
    public var digestAlgorithm: DigestAlgorithm?
    public var signatureAlgorithm: SignatureAlgorithm?
    /// Each check in the order made.
    public var checks: [ValidationCheck]
    /// Revocation results for each certificate of the chain but the anchor.
    public var revocation: [CertificateRevocationResult]
    /// The validation time used.
    public var validationTime: Date
    /// Signing time claimed in a signing-time attribute (not proven).
    public var claimedSigningTime: Date?
    /// The commitment-type-indication signed attribute (ETSI EN 319 122-1 §5.2.3), if present.
    public var commitmentType: CMSCommitmentType?
    /// The claimed attributes of the signer-attributes-v2 signed attribute (§5.2.6.1), if present.
    public var signerAttributes: CMSSignerAttributes?
    /// Signed attributes of other types (an application's own), as found: one entry per value.
    public var otherSignedAttributes: [CMSRawAttribute] = []

    /// Whether the signature passed every check (TOTAL-PASSED).
    public var isValid: Bool { indication == .totalPassed }

    /// The weak-algorithm warnings: the details of the ``CMSValidationNotice/Code/weakAlgorithm`` notices.
    public var weakAlgorithmWarnings: [String] {
        notices.filter { $0.code == .weakAlgorithm }.map(\.detail)
    }

    /// The revocation data the checks used, for embedding (PAdES DSS).
    public var usedRevocationData: RevocationData {
        var data = RevocationData()
        for result in revocation {
            guard let evidence = result.status.evidence else { continue }
            switch result.status.source {
            case .ocsp: data.ocspResponses.append(evidence)
            case .crl: data.crls.append(evidence)
            case .none: break
            }
        }
        return data.merged(with: .empty)
    }

    init(validationTime: Date) {
        indication = .totalPassed
        integrity = .notChecked
        notices = []
        checks = []
        chain = []
        revocation = []
        self.validationTime = validationTime
    }
}
