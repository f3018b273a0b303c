/// An empty signature field to add before anyone signs: where a party signs, who it is meant
/// for, and which fields its signature will lock (ISO 32000-2 §12.7.5.5, Table 233).
///
/// Add several at once with ``PDFSignatureFieldAdder``; sign one later by naming it in
/// ``PDFSignatureOptions/fieldName``.
public struct PDFSignatureFieldPlaceholder: Sendable, Hashable, Codable {
    /// The field's partial name (/T): not empty, without periods, unique in the form.
    public var name: String
    /// The page, counted from 0.
    public var pageIndex: Int
    /// Where the widget lies on the page; `nil` makes an invisible field (a zero /Rect), the
    /// only kind that may be added after a certification signature.
    public var rectangle: PDFRectangle?
    /// /TU: who is expected to sign here, as viewers show it (for example "乙: 鈴木 花子").
    public var signerHint: String?
    /// /Lock: the fields the signature filling this field will lock (FieldMDP, §12.8.2.4).
    /// ``PDFSigner`` copies it into the signature's FieldMDP transform.
    public var lock: PDFFieldLock?

    /// A placeholder.
    ///
    /// - Throws: ``PDFError`` with `invalidArgument` for an empty name, a name with a period
    ///   (the separator of qualified names, §12.7.4.2) or a negative page index.
    public init(name: String, pageIndex: Int, rectangle: PDFRectangle?, signerHint: String? = nil, lock: PDFFieldLock? = nil) throws {
        guard !name.isEmpty, !name.contains(".") else {
            throw PDFError(.invalidArgument, "field name \"\(name)\" must be non-empty and contain no period (ISO 32000-2 §12.7.4.2)")
        }
        guard pageIndex >= 0 else { throw PDFError(.invalidArgument, "page index \(pageIndex) is negative") }
        self.name = name
        self.pageIndex = pageIndex
        self.rectangle = rectangle
        self.signerHint = signerHint
        self.lock = lock
    }

    /// Whether the widget has an area: pyHanko and this library's validator treat such a new
    /// field as visible, which certification and FieldMDP locks forbid adding.
    public var isVisible: Bool { rectangle != nil }
}
