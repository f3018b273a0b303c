/// The interactive form dictionary: /Fields may only grow by signature fields (see
/// `PDFRevisionJudge.reviewNewField`), /SigFlags may change, /DR may gain resources but not
/// replace those present when signed. Any other key is refused.
struct PDFAcroFormRule: PDFModificationRule {
    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        guard change.number == revision.structure.acroForm else { return nil }
        var verdict = PDFRuleVerdict()
        Self.review(change.number, revision.old.dictionary(change.old), revision.new.dictionary(change.new), in: revision, into: &verdict)
        return verdict
    }

    /// Judges a form dictionary held in object `number` (itself, or the catalog when direct).
    static func review(_ number: Int, _ oldForm: PDFDictionary?, _ newForm: PDFDictionary?, in revision: PDFRevisionJudge, into verdict: inout PDFRuleVerdict) {
        let old = revision.old, new = revision.new
        let oldForm = oldForm ?? PDFDictionary()
        guard let newForm else {
            verdict.disallow(.disallowedModification, "/AcroForm removed or not a dictionary", [number])
            return
        }
        for key in revision.changedKeys(oldForm, newForm) {
            switch key.string {
            case "Fields":
                let oldFields = (old.array(oldForm["Fields"]) ?? []).compactMap(\.referenceValue)
                let newFields = (new.array(newForm["Fields"]) ?? []).compactMap(\.referenceValue)
                let removed = Set(oldFields).subtracting(newFields)
                if !removed.isEmpty {
                    verdict.disallow(.shadowAttackHide, "form fields removed from /AcroForm /Fields: \(removed.sorted().map(\.description).joined(separator: ", "))", removed.map(\.number))
                }
                for added in newFields where !oldFields.contains(added) {
                    revision.reviewNewField(added, into: &verdict)
                }
            case "SigFlags":
                continue
            case "DR":
                let oldDR = old.dictionary(oldForm["DR"]) ?? PDFDictionary()
                let newDR = new.dictionary(newForm["DR"]) ?? PDFDictionary()
                var preserved = true
                for category in oldDR.keys {
                    let oldSub = old.dictionary(oldDR[category]) ?? PDFDictionary()
                    let newSub = new.dictionary(newDR[category]) ?? PDFDictionary()
                    for resource in oldSub.keys where oldSub[resource] != newSub[resource] { preserved = false }
                }
                if preserved { verdict.approve(newForm["DR"]) } else {
                    verdict.disallow(.shadowAttackReplace, "/AcroForm /DR resources present when signed were replaced", [number], covering: newForm["DR"])
                }
            default:
                verdict.disallow(.disallowedModification, "/AcroForm /\(key.string) changed", [number], covering: newForm[key])
            }
        }
    }
}
