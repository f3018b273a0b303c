// TEMPORARY STUB, fail-closed: replaced by the modifications branch (PDFModificationAnalyzer).
public struct PDFModificationAnalyzer {
    let document: PDFDocument
    public init(document: PDFDocument) { self.document = document }
    public func analyze(signedRevision: Int, signatureField: PDFObjectReference?) -> PDFModificationReport {
        guard signedRevision < document.revisions.count - 1 else { return PDFModificationReport(level: .none) }
        return PDFModificationReport(level: .disallowed, findings: [
            PDFValidationFinding(.disallowedModification, "later revisions are not analysed yet"),
        ])
    }
}
