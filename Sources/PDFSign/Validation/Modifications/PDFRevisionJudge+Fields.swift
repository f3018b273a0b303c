/// Form-field checks shared by the rules: new signature fields and widgets (from /AcroForm
/// /Fields or a page's /Annots), and the review every rewritten field goes through.
extension PDFRevisionJudge {
    /// A field added to /Fields: only signature fields, and after a certification with P = 1
    /// only document timestamps (ISO 32000-2 §12.8.2.2, ETSI EN 319 142-1 §5.4).
    func reviewNewField(_ reference: PDFObjectReference, into verdict: inout PDFRuleVerdict) {
        guard let field = new.dictionary(.reference(reference)) else { return }
        let type = inheritedFieldType(field, in: new)
        guard type == .signatureFieldType else {
            verdict.disallow(.disallowedModification, "new form field \(reference) of type \(type?.description ?? "none") added (only signature fields may be added)", [reference.number], covering: .reference(reference))
            return
        }
        if old.exists(reference.number) && !newObjects.contains(reference.number) && structure.fields[reference.number] == nil {
            verdict.disallow(.shadowAttackHide, "signature field \(reference) existed unreferenced when signed and becomes part of the form", [reference.number])
        }
        if let value = new.dictionary(field["V"]), permission == .noChanges, !isDocumentTimestamp(value) {
            verdict.disallow(.disallowedModification, "new signature \(reference) after a certification with P=1 (only document timestamps and DSS allowed)", [reference.number], covering: .reference(reference))
            return
        }
        let kids = (new.array(field["Kids"]) ?? []).compactMap(\.referenceValue)
        for widget in kids.isEmpty ? [reference] : kids { checkSignatureWidget(widget, into: &verdict) }
        // pyHanko's SigFieldCreationRule: a new visible signature field is not valid when a
        // FieldMDP lock covers its name (an invisible one is).
        let widgets = (kids.isEmpty ? [reference] : kids).compactMap { new.dictionary(.reference($0)) }
        if let name = new.resolve(field["T"])?.stringValue?.textValue, widgets.contains(where: { isVisible($0, in: new) }),
           let lock = lock(covering: name) {
            verdict.disallow(.disallowedModification, "new visible signature field \(name) (\(reference)) added although \(lock)", [reference.number], covering: .reference(reference))
            return
        }
        verdict.approve(.reference(reference))
    }

    /// After certification: a new visible signature widget is a Sneaky Signature.
    func checkSignatureWidget(_ widget: PDFObjectReference, into verdict: inout PDFRuleVerdict) {
        guard checkedWidgets.insert(widget.number).inserted, isCertified else { return }
        guard let dictionary = new.dictionary(.reference(widget)) else { return }
        if isVisible(dictionary, in: new) {
            verdict.disallow(.sneakySignature, "new signature widget \(widget) with a visible appearance added after certification (it can draw over certified content)", [widget.number], covering: .reference(widget))
        }
    }

    /// A field present when signed, rewritten: `specific` judges its changed keys (a verdict it
    /// returns ends the review), then come the appearance checks every field shares — an
    /// appearance dictionary also used elsewhere is not replaced, and a non-signature field's
    /// appearance does not change while its value stays as signed.
    func reviewField(_ change: PDFObjectChange, _ field: PDFOldStructure.Field,
                     specific: (_ old: PDFDictionary, _ new: PDFDictionary, _ keys: [PDFName]) -> PDFRuleVerdict?) -> PDFRuleVerdict {
        let number = change.number
        guard let oldField = change.old.dictionaryValue, let newField = change.new.dictionaryValue else {
            return .disallowing(.disallowedModification, "form field \(field.name) (\(number) 0 R) is no longer a dictionary", [number], covering: change.new)
        }
        let keys = changedKeys(oldField, newField)
        if let verdict = specific(oldField, newField, keys) { return verdict }
        if keys.contains("AP"), let oldAP = oldField["AP"]?.referenceValue, newField["AP"] != oldField["AP"],
           usedElsewhere(oldAP.number, besides: [number]) {
            return .disallowing(.sneakySignature, "appearance dictionary \(oldAP) of field \(field.name) is replaced although it is also used elsewhere in the signed revision", [number, oldAP.number], covering: change.new)
        }
        if field.type != .signatureFieldType, keys.contains("AP") || keys.contains("AS"),
           let verdict = reviewAppearanceWithoutValue(number, name: field.name, widget: number, change.new) { return verdict }
        return .approving(change.new)
    }
}
