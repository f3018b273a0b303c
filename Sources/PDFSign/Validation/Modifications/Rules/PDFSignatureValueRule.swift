/// A signature dictionary present when signed (the /V of a signature field) is never rewritten.
struct PDFSignatureValueRule: PDFModificationRule {
    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        guard revision.structure.signatureValues.contains(change.number) else { return nil }
        return .disallowing(.disallowedModification, "signature dictionary \(change.number) 0 R of a signed field changed", [change.number], covering: change.new)
    }
}
