/// An appearance object (dictionary or stream) of a field present when signed, rewritten in
/// place: never for a signed field, never when the signed revision also uses it elsewhere
/// (Sneaky Signature), and for other fields only as form filling allows it — not after P = 1,
/// not under a FieldMDP lock, not while the value stays as signed.
struct PDFAppearanceRule: PDFModificationRule {
    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        guard let owner = revision.structure.appearances[change.number] else { return nil }
        let number = change.number, newValue = change.new
        let field = revision.structure.fields[owner.widget]
        if field?.signed == true {
            return .disallowing(.disallowedModification, "appearance \(number) 0 R of signed field \(field?.name ?? "?") replaced", [number], covering: newValue)
        }
        var allowedReferrers: Set<Int> = [owner.widget]
        if let dictionary = owner.dictionary { allowedReferrers.insert(dictionary) }
        if revision.usedElsewhere(number, besides: allowedReferrers) || owner.dictionary.map({ revision.usedElsewhere($0, besides: [owner.widget]) }) == true {
            return .disallowing(.sneakySignature, "appearance object \(number) 0 R of field \(field?.name ?? "?") is overwritten although it is also used elsewhere in the signed revision", [number, owner.widget], covering: newValue)
        }
        if field?.type != .signatureFieldType {
            if revision.permission == .noChanges {
                return .disallowing(.disallowedModification, "appearance \(number) 0 R changed after a certification with P=1", [number], covering: newValue)
            }
            if let name = field?.name, let lock = revision.lock(covering: name) {
                return .disallowing(.disallowedModification, "appearance of field \(name) changed although \(lock)", [number], covering: newValue)
            }
            if let verdict = revision.reviewAppearanceWithoutValue(number, name: field?.name ?? "?", widget: owner.widget, newValue) { return verdict }
        }
        return .approving(newValue)
    }
}
