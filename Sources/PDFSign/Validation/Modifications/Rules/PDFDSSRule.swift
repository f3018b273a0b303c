/// The document security store (ETSI EN 319 142-1 §5.4: /DSS, its /VRI, certificates, OCSP
/// responses and CRLs): long-term validation updates it after any signature.
struct PDFDSSRule: PDFModificationRule {
    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        guard revision.structure.dss.contains(change.number) else { return nil }
        return .approving(change.new)
    }
}
