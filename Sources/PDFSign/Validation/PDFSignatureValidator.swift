import CMSCore
import Foundation
import Logging
import TimestampClient
import X509

/// Validates every signature and document timestamp of a PDF (ISO 32000-2 §12.8, ETSI EN
/// 319 142-1, EN 319 102-1), strictly and fail-closed: byte ranges, integrity, the CMS
/// signature and its certificate binding, the chain and revocation at the time the
/// timestamps prove — from the document's own DSS unless the policy allows the network —,
/// coverage, modifications after signing, and the PAdES level reached.
///
/// Validation never throws: a file that cannot be parsed yields a report with an
/// ``PDFValidationFinding/Code/unparseable`` finding and no valid signature.
public struct PDFSignatureValidator: Sendable {
    /// What to trust and how to check revocation.
    public var policy: PDFSignatureValidationPolicy
    /// Where each signature's verdict is logged (`debug`, one line per signature).
    public var logger: Logger

    /// A validator.
    public init(policy: PDFSignatureValidationPolicy = .init(), logger: Logger = Logger(label: "econtract.validator")) {
        self.policy = policy
        self.logger = logger
    }

    /// Opens and validates the file at `path`; an encrypted file is opened with `password`
    /// (its user or owner password; `nil` tries the empty user password). Signatures are
    /// checked over the file's bytes as stored; only reading objects decrypts.
    public func validate(fileAt path: String, password: String? = nil) async -> PDFValidationReport {
        do {
            return await validate(try PDFDocument(contentsOfFile: path, password: password))
        } catch {
            return failure("the file cannot be read as a PDF: \(error)")
        }
    }

    /// Validates `document`.
    public func validate(_ document: PDFDocument) async -> PDFValidationReport {
        let fields: [PDFFormField]
        do {
            fields = try document.formFields()
        } catch {
            var report = failure("the signature fields cannot be read: \(error)")
            report.findings = Self.structureFindings(document, signatures: nil) + report.findings
            return report
        }
        let embedded = document.embeddedSignatures(of: fields)
        // A cross-reference structure repaired past the signed bytes, signatures no longer reached.
        let structure = Self.structureFindings(document, signatures: embedded)
        let dss = PDFDocumentSecurityStore(document: document)
        let context = Context(document: document, dss: dss, policy: policy)
        var timestamps: [(PDFEmbeddedSignature, PDFSignatureReport)] = []
        for signature in embedded where signature.isDocumentTimestamp {
            timestamps.append((signature, await context.validateDocumentTimestamp(signature)))
        }
        var signatures: [PDFSignatureReport] = []
        for signature in embedded where !signature.isDocumentTimestamp {
            signatures.append(await context.validateSignature(signature, documentTimestamps: timestamps))
        }
        // Fail closed: a signed field whose signature dictionary cannot be read is reported, not skipped.
        let readable = Set(embedded.map(\.field.reference))
        for field in fields where field.isSigned && !readable.contains(field.reference) {
            signatures.append(Context.unreadable(field))
        }
        for report in timestamps.map(\.1) + signatures {
            logger.debug("signature verdict", metadata: [
                "field": "\(report.field)", "indication": "\(report.indication.rawValue)",
                "subIndication": "\(report.subIndication?.rawValue ?? "-")", "level": "\(report.level?.rawValue ?? "none")",
            ])
        }
        var findings = structure
        if embedded.isEmpty { findings.append(PDFValidationFinding(.noSignatures, "the document has no signatures")) }
        return PDFValidationReport(
            signatures: signatures, documentTimestamps: timestamps.map(\.1), findings: findings,
            trustJudged: !policy.trustAnchors.isEmpty, validationTime: policy.validationTime ?? Date())
    }

    private func failure(_ message: String) -> PDFValidationReport {
        PDFValidationReport(
            signatures: [], documentTimestamps: [], findings: [PDFValidationFinding(.unparseable, message)],
            trustJudged: !policy.trustAnchors.isEmpty, validationTime: policy.validationTime ?? Date())
    }
}
