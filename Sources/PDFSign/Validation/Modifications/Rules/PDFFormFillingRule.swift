/// Form filling in a non-signature field present when signed: its value and appearance (/V,
/// /AP, /AS, /RV, /I…) may change when DocMDP allows form filling (uncertified or P ≥ 2) and no
/// FieldMDP lock covers the field, but a value present when signed is not replaced (see
/// `PDFRevisionJudge.reviewValueReplacement`).
struct PDFFormFillingRule: PDFModificationRule {
    static let allowedKeys: Set<PDFName> = ["V", "AP", "AS", "F", "DA", "Q", "Ff", "Type", "RV", "I"]

    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        guard let field = revision.structure.fields[change.number], field.type != .signatureFieldType else { return nil }
        let number = change.number, new = change.new
        return revision.reviewField(change, field) { _, _, keys in
            if revision.permission == .noChanges {
                return .disallowing(.disallowedModification, "form field \(field.name) (\(number) 0 R) filled after a certification with P=1", [number], covering: new)
            }
            if let lock = revision.lock(covering: field.name) {
                return .disallowing(.disallowedModification, "form field \(field.name) (\(number) 0 R) changed although \(lock)", [number], covering: new)
            }
            let extra = keys.filter { !Self.allowedKeys.contains($0) }
            if !extra.isEmpty {
                return .disallowing(.disallowedModification, "form field \(field.name) (\(number) 0 R): \(extra.map(\.description).joined(separator: " ")) changed (only values and appearances may)", [number], covering: new)
            }
            return keys.contains("V") ? revision.reviewValueReplacement(number, field, new) : nil
        }
    }
}
