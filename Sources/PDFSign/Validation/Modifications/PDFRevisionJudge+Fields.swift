/// Form fields: new signature fields, changed fields and their appearances.
extension PDFRevisionJudge {
    /// A field added to /Fields (or a widget to /Annots): only signature fields.
    func judgeNewField(_ reference: PDFObjectReference) {
        guard let field = new.dictionary(.reference(reference)) else { return }
        let type = inheritedFieldType(field, in: new)
        guard type == "Sig" else {
            disallow(.disallowedModification, "new form field \(reference) of type \(type?.description ?? "none") added (only signature fields may be added)", [reference.number], covering: .reference(reference))
            return
        }
        if old.exists(reference.number) && !newObjects.contains(reference.number) && structure.fields[reference.number] == nil {
            disallow(.shadowAttackHide, "signature field \(reference) existed unreferenced when signed and becomes part of the form", [reference.number])
        }
        if let value = new.dictionary(field["V"]), permission == 1, !isDocumentTimestamp(value) {
            disallow(.disallowedModification, "new signature \(reference) after a certification with P=1 (only document timestamps and DSS allowed)", [reference.number], covering: .reference(reference))
            return
        }
        var widgets: [PDFObjectReference] = []
        let kids = (new.array(field["Kids"]) ?? []).compactMap(\.referenceValue)
        if kids.isEmpty { widgets = [reference] } else { widgets = kids }
        for widget in widgets { checkSignatureWidget(widget) }
        approve(.reference(reference))
    }

    /// After certification: a new visible signature widget is a Sneaky Signature.
    func checkSignatureWidget(_ widget: PDFObjectReference) {
        guard checkedWidgets.insert(widget.number).inserted, isCertified else { return }
        guard let dictionary = new.dictionary(.reference(widget)) else { return }
        if isVisible(dictionary, in: new) {
            disallow(.sneakySignature, "new signature widget \(widget) with a visible appearance added after certification (it can draw over certified content)", [widget.number], covering: .reference(widget))
        }
    }

    func judgeField(_ number: Int, _ field: PDFOldStructure.Field, _ oldValue: PDFObject, _ newValue: PDFObject) {
        guard let oldField = oldValue.dictionaryValue, let newField = newValue.dictionaryValue else {
            disallow(.disallowedModification, "form field \(field.name) (\(number) 0 R) is no longer a dictionary", [number], covering: newValue)
            return
        }
        let keys = changedKeys(oldField, newField)
        if field.type == "Sig" {
            if field.signed {
                disallow(.disallowedModification, "signed signature field \(field.name) (\(number) 0 R) changed: \(keys.map(\.description).joined(separator: " "))", [number], covering: newValue)
                return
            }
            let allowed: Set<PDFName> = ["V", "AP", "AS", "F", "DA", "Q", "Ff", "Type", "Lock", "Rect"]
            let extra = keys.filter { !allowed.contains($0) || ($0 == "Rect" && oldField["Rect"] != nil) }
            if !extra.isEmpty {
                disallow(.disallowedModification, "signature field \(field.name) (\(number) 0 R): \(extra.map(\.description).joined(separator: " ")) changed", [number], covering: newValue)
                return
            }
            if keys.contains("V") {
                guard let signature = new.dictionary(newField["V"]), signature["ByteRange"] != nil || signature.name("Type") == "Sig" || signature.name("Type") == "DocTimeStamp" else {
                    disallow(.disallowedModification, "signature field \(field.name) (\(number) 0 R) gets a /V that is not a signature dictionary", [number], covering: newValue)
                    return
                }
                if permission == 1, !isDocumentTimestamp(signature) {
                    disallow(.disallowedModification, "signature in field \(field.name) after a certification with P=1 (only document timestamps and DSS allowed)", [number], covering: newValue)
                    return
                }
            }
        } else {
            if permission == 1 {
                disallow(.disallowedModification, "form field \(field.name) (\(number) 0 R) filled after a certification with P=1", [number], covering: newValue)
                return
            }
            if let lock = run.lock(covering: field.name, in: index) {
                disallow(.disallowedModification, "form field \(field.name) (\(number) 0 R) changed although \(lock)", [number], covering: newValue)
                return
            }
            let allowed: Set<PDFName> = ["V", "AP", "AS", "F", "DA", "Q", "Ff", "Type", "RV", "I"]
            let extra = keys.filter { !allowed.contains($0) }
            if !extra.isEmpty {
                disallow(.disallowedModification, "form field \(field.name) (\(number) 0 R): \(extra.map(\.description).joined(separator: " ")) changed (only values and appearances may)", [number], covering: newValue)
                return
            }
            if keys.contains("V"), judgeValueReplacement(number, field, newValue) { return }
        }
        if keys.contains("AP"), let oldAP = oldField["AP"]?.referenceValue, newField["AP"] != oldField["AP"] {
            if usedElsewhere(oldAP.number, besides: [number]) {
                disallow(.sneakySignature, "appearance dictionary \(oldAP) of field \(field.name) is replaced although it is also used elsewhere in the signed revision", [number, oldAP.number], covering: newValue)
                return
            }
        }
        if field.type != "Sig", keys.contains("AP") || keys.contains("AS"),
           judgeAppearanceWithoutValue(number, name: field.name, widget: number, newValue) { return }
        approve(newValue)
    }

    func judgeAppearanceOverride(_ number: Int, _ owner: PDFOldStructure.Appearance, _ newValue: PDFObject) {
        let field = structure.fields[owner.widget]
        if field?.signed == true {
            disallow(.disallowedModification, "appearance \(number) 0 R of signed field \(field?.name ?? "?") replaced", [number], covering: newValue)
            return
        }
        var allowedReferrers: Set<Int> = [owner.widget]
        if let dictionary = owner.dictionary { allowedReferrers.insert(dictionary) }
        if usedElsewhere(number, besides: allowedReferrers) || owner.dictionary.map({ usedElsewhere($0, besides: [owner.widget]) }) == true {
            disallow(.sneakySignature, "appearance object \(number) 0 R of field \(field?.name ?? "?") is overwritten although it is also used elsewhere in the signed revision", [number, owner.widget], covering: newValue)
            return
        }
        if field?.type != "Sig" {
            if permission == 1 {
                disallow(.disallowedModification, "appearance \(number) 0 R changed after a certification with P=1", [number], covering: newValue)
                return
            }
            if let name = field?.name, let lock = run.lock(covering: name, in: index) {
                disallow(.disallowedModification, "appearance of field \(name) changed although \(lock)", [number], covering: newValue)
                return
            }
            if judgeAppearanceWithoutValue(number, name: field?.name ?? "?", widget: owner.widget, newValue) { return }
        }
        approve(newValue)
    }
}
