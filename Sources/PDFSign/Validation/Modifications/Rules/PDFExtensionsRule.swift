/// Developer extensions (ESIC and others, ISO 32000-2 §7.12) declared in an indirect dictionary
/// the catalog's /Extensions points at: signers add theirs.
struct PDFExtensionsRule: PDFModificationRule {
    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        guard change.number == revision.catalogEntry("Extensions"), revision.new.dictionary(change.new) != nil else { return nil }
        return .approving(change.new)
    }
}
