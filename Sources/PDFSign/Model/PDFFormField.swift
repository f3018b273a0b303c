/// A terminal field of the interactive form (ISO 32000-2 §12.7.4), with the attributes
/// it inherits from its ancestors.
public struct PDFFormField: Hashable, Sendable {
    /// The field dictionary's object.
    public let reference: PDFObjectReference
    /// The field dictionary as written (not merged with inherited entries).
    public let dictionary: PDFDictionary
    /// The fully qualified name: partial names /T of the field and its ancestors joined by `.`.
    public let qualifiedName: String
    /// The field type /FT (inherited): `Btn`, `Tx`, `Ch` or `Sig`.
    public let fieldType: PDFName?
    /// The value /V (inherited), unresolved; for a signature field, the signature dictionary.
    public let value: PDFObject?
    /// The field's widget annotations: the field itself when field and widget are merged,
    /// else its /Kids without /T.
    public let widgets: [PDFObjectReference]

    /// Whether this is a signature field.
    public var isSignatureField: Bool { fieldType == "Sig" }
    /// Whether this is a signature field that holds a signature.
    public var isSigned: Bool {
        guard isSignatureField, let value else { return false }
        return value != .null
    }
}
