/// Form values against what the signer saw: filling an empty field is form filling, but a value
/// present when signed that a later update replaces, or an appearance that changes while the
/// value stays, shows the reader something the signer did not sign (the shadow attack's
/// replace variant through form filling; pyHanko allows both).
extension PDFRevisionJudge {
    /// A non-signature field's /V changes in this revision although the field already held a
    /// value in the signed revision: the finding, or nil.
    func reviewValueReplacement(_ number: Int, _ field: PDFOldStructure.Field, _ newValue: PDFObject) -> PDFRuleVerdict? {
        let signed = run.view(run.signedRevision)
        let before = inheritedValue(number, in: signed)
        guard isFilled(before) else { return nil }
        let after = inheritedValue(number, in: new)
        guard !identical(before, after) else { return nil }
        return .disallowing(.shadowAttackReplace, "form field \(field.name) (\(number) 0 R) held \(Self.describe(before)) when signed and is set to \(Self.describe(after)): the signer saw the old value", [number], covering: newValue)
    }

    /// A non-signature field's appearance (/AP, /AS, or an appearance object) changes in this
    /// revision while its value is still the one it had when signed: the page shows what the
    /// value does not hold. Regenerating an appearance for a value set after signing is form
    /// filling. The finding, or nil.
    func reviewAppearanceWithoutValue(_ number: Int, name: String, widget: Int, _ newValue: PDFObject) -> PDFRuleVerdict? {
        let signedValue = inheritedValue(widget, in: run.view(run.signedRevision))
        guard identical(signedValue, inheritedValue(widget, in: new)) else { return nil }
        return .disallowing(.shadowAttackReplace, "the appearance of form field \(name) (\(number) 0 R) changes while its value is still \(Self.describe(signedValue)), as when signed: the page shows what the value does not hold", [number], covering: newValue)
    }

    /// The field's /V as of `view`, inherited from its ancestors (resolved); nil when none has one.
    func inheritedValue(_ number: Int, in view: PDFRevisionView) -> PDFObject? {
        var current = view.object(number)?.dictionaryValue
        var depth = 0
        while let node = current, depth < 32 {
            if let value = node["V"] { return view.resolve(value) ?? .null }
            current = view.dictionary(node["Parent"])
            depth += 1
        }
        return nil
    }

    /// Whether a field value is something a signer saw filled in: not absent, null, an empty
    /// string (or a bare byte-order mark), /Off or an empty array.
    func isFilled(_ value: PDFObject?) -> Bool {
        switch value {
        case nil, .null?: return false
        case .string(let string)?: return !(string.bytes.isEmpty || string.bytes == [0xFE, 0xFF])
        case .name(let name)?: return !(name.bytes.isEmpty || name == "Off")
        case .array(let values)?: return !values.isEmpty
        default: return true
        }
    }

    /// A short rendering of a value for messages (strings as text, long ones cut).
    static func describe(_ value: PDFObject?) -> String {
        guard let value else { return "no value" }
        let text: String
        if case .string(let string) = value { text = "(" + string.textValue + ")" } else { text = value.description }
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }
}
