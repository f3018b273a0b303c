import CMSCore
import Foundation

/// Why a signature's CMS object cannot be checked against the document at all.
struct PDFSignedContentFailure: Error {
    let subIndication: ValidationSubIndication
    let finding: PDFValidationFinding
}

extension PDFSignatureValidator.Context {
    /// The one SignerInfo a PDF signature may hold (ISO 32000-2 §12.8.3.3: "shall … only one
    /// SignerInfo"), or the finding that says it holds another number.
    static func soleSigner(of cms: CMSSignature) -> Result<CMSSignerSummary, PDFSignedContentFailure> {
        let signers = cms.signers
        guard signers.count == 1, let signer = signers.first else {
            return .failure(PDFSignedContentFailure(subIndication: .formatFailure, finding: PDFValidationFinding(
                .signerInfoCount, "the CMS object holds \(signers.count) SignerInfos; a PDF signature holds exactly one (ISO 32000-2 §12.8.3.3)")))
        }
        return .success(signer)
    }

    /// What the CMS signature is checked against: for /adbe.pkcs7.sha1 the encapsulated
    /// content, once it is shown to be the SHA-1 digest of the byte ranges (ISO 32000-1
    /// §12.8.3.3.1); for the detached formats the byte ranges' digest with `algorithm`.
    func signedContent(of signature: PDFEmbeddedSignature, cms: CMSSignature, algorithm: DigestAlgorithm) -> Result<SignedContent, PDFSignedContentFailure> {
        let isSHA1 = signature.signatureDictionary.isPKCS7SHA1
        guard let digest = try? digestOfRanges(signature.byteRange, algorithm: isSHA1 ? .sha1 : algorithm) else {
            return .failure(PDFSignedContentFailure(subIndication: .formatFailure, finding: PDFValidationFinding(.unparseable, "the signed byte ranges cannot be read")))
        }
        guard isSHA1 else { return .success(.digest(digest, algorithm: algorithm)) }
        guard cms.contentType == CMSObjectIdentifier.ContentType.data, let encapsulated = cms.encapsulatedContent else {
            return .failure(PDFSignedContentFailure(subIndication: .formatFailure, finding: PDFValidationFinding(
                .cmsInvalid, "/adbe.pkcs7.sha1 encapsulates the SHA-1 digest of the byte ranges as id-data; this SignedData has no such content")))
        }
        guard encapsulated == digest else {
            return .failure(PDFSignedContentFailure(subIndication: .hashFailure, finding: PDFValidationFinding(
                .digestMismatch, "the encapsulated content is not the SHA-1 digest of the byte ranges (/adbe.pkcs7.sha1)")))
        }
        return .success(.encapsulated)
    }

    /// The CMS layer's verdict with the findings its typed notices call for; for
    /// /adbe.pkcs7.sha1 also the finding that the document digest is SHA-1, and the verdict
    /// the algorithm policy gives that — the one the CMS layer gives a SHA-1 message digest:
    /// INDETERMINATE CRYPTO_CONSTRAINTS_FAILURE_NO_POE unless the CMS verdict is already worse.
    static func cmsVerdict(_ cmsReport: CMSValidationReport, signatureDictionary: PDFSignatureDictionary,
                           findings: inout [PDFValidationFinding]) -> (ValidationIndication, ValidationSubIndication?) {
        findings += Self.findings(for: cmsReport)
        guard signatureDictionary.isPKCS7SHA1 else { return (cmsReport.indication, cmsReport.subIndication) }
        findings.append(PDFValidationFinding(.weakAlgorithm, "/adbe.pkcs7.sha1 signs the SHA-1 digest of the document; SHA-1 is below the algorithm policy"))
        guard cmsReport.indication == .totalPassed else { return (cmsReport.indication, cmsReport.subIndication) }
        return (.indeterminate, .cryptoConstraintsFailureNoPOE)
    }

    /// The findings the CMS layer's typed notices call for. SignerInfos without signed
    /// attributes need none: they are valid PKCS#7, reported at level "none".
    static func findings(for cmsReport: CMSValidationReport) -> [PDFValidationFinding] {
        cmsReport.notices.compactMap { notice in
            switch notice.code {
            case .unsupportedAlgorithm: PDFValidationFinding(.unsupportedAlgorithm, notice.detail)
            case .weakAlgorithm: PDFValidationFinding(.weakAlgorithm, notice.detail)
            case .keyIdentifierAsSignatureAlgorithm: PDFValidationFinding(.nonStandardAlgorithmIdentifier, notice.detail)
            case .unparseableSignerCertificate: PDFValidationFinding(.unparseableCertificate, notice.detail)
            case .signerCertificatePurpose: PDFValidationFinding(.signerCertificatePurpose, notice.detail)
            default: nil
            }
        }
    }

    /// The verdict when the CMS layer did not check the signature value (an unsupported
    /// algorithm, no signer certificate, a malformed SignerInfo): the structure first, as
    /// `conclude` judges it, then the CMS verdict — INDETERMINATE when the CMS layer could not
    /// decide, never SIG_CRYPTO_FAILURE. Not intact: integrity is unknown.
    /// Findings that already say why the CMS layer did not pass a signature.
    static let cmsExplanations: Set<PDFValidationFinding.Code> = [
        .unsupportedAlgorithm, .weakAlgorithm, .unparseableCertificate, .signerCertificatePurpose, .cmsInvalid, .signerInfoCount,
    ]

    static func concludeUnchecked(_ report: PDFSignatureReport, inspection: PDFByteRangeInspection,
                                  indication: ValidationIndication, subIndication: ValidationSubIndication?,
                                  checks: [ValidationCheck]) -> PDFSignatureReport {
        var report = report
        report.intact = false
        let byteRangesSound = inspection.findings.allSatisfy { $0.code == .signedRevisionNotAtEOF }
        if !byteRangesSound || report.coverage == .partial || report.modifications == .disallowed {
            report.indication = .totalFailed
            report.subIndication = .formatFailure
        } else {
            report.indication = indication
            report.subIndication = subIndication
        }
        if !report.findings.contains(where: { cmsExplanations.contains($0.code) }), let failed = checks.first(where: { $0.outcome == .failed }) {
            report.findings.append(PDFValidationFinding(.cmsInvalid, "\(failed.name): \(failed.detail)"))
        }
        return report
    }
}
