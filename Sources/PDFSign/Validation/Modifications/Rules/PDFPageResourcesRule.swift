/// Fonts, XObjects, patterns… reachable from the resources of signed pages are never replaced
/// (the shadow attack's replace variant).
struct PDFPageResourcesRule: PDFModificationRule {
    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        guard revision.structure.resources.contains(change.number) else { return nil }
        let kind = PDFObjectKind(change.old)
        return .disallowing(.shadowAttackReplace, "\(kind) \(change.number) 0 R used by signed pages replaced", [change.number], covering: change.new)
    }
}
