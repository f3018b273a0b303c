/// The document information dictionary (the trailer's /Info): producers rewrite it on every
/// save (pyHanko's `DocInfoRule`).
struct PDFDocInfoRule: PDFModificationRule {
    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        guard change.number == revision.structure.info else { return nil }
        return .approving(change.new)
    }
}
