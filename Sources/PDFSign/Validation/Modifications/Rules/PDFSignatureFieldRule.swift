/// A signature field present when signed: a signed one never changes; an empty one may receive
/// its signature (/V, with /AP, /AS, /F… and a first /Rect), and after a certification with
/// P = 1 only a document timestamp.
struct PDFSignatureFieldRule: PDFModificationRule {
    static let allowedKeys: Set<PDFName> = ["V", "AP", "AS", "F", "DA", "Q", "Ff", "Type", "Lock", "Rect"]

    func review(_ change: PDFObjectChange, in revision: PDFRevisionJudge) -> PDFRuleVerdict? {
        guard let field = revision.structure.fields[change.number], field.type == .signatureFieldType else { return nil }
        let number = change.number, new = change.new
        return revision.reviewField(change, field) { oldField, newField, keys in
            if field.signed {
                return .disallowing(.disallowedModification, "signed signature field \(field.name) (\(number) 0 R) changed: \(keys.map(\.description).joined(separator: " "))", [number], covering: new)
            }
            let extra = keys.filter { !Self.allowedKeys.contains($0) || ($0 == "Rect" && oldField["Rect"] != nil) }
            if !extra.isEmpty {
                return .disallowing(.disallowedModification, "signature field \(field.name) (\(number) 0 R): \(extra.map(\.description).joined(separator: " ")) changed", [number], covering: new)
            }
            guard keys.contains("V") else { return nil }
            guard let signature = revision.new.dictionary(newField["V"]), Self.isSignatureDictionary(signature) else {
                return .disallowing(.disallowedModification, "signature field \(field.name) (\(number) 0 R) gets a /V that is not a signature dictionary", [number], covering: new)
            }
            if revision.permission == .noChanges, !revision.isDocumentTimestamp(signature) {
                return .disallowing(.disallowedModification, "signature in field \(field.name) after a certification with P=1 (only document timestamps and DSS allowed)", [number], covering: new)
            }
            return nil
        }
    }

    static func isSignatureDictionary(_ signature: PDFDictionary) -> Bool {
        let type = signature.name("Type")
        return signature["ByteRange"] != nil || type == PDFSignatureDictionaryType.signature.name || type == PDFSignatureDictionaryType.documentTimestamp.name
    }
}
