/// One revision of the document: one cross-reference section with its trailer, as written
/// by the original producer or by one incremental update.
///
/// Byte offsets are kept so that a signer can append after ``endOffset`` and a validator
/// can compare what each revision added.
public struct PDFRevision: Hashable, Sendable {
    /// 0 for the oldest revision in the /Prev chain, increasing towards the newest.
    public let index: Int
    /// How the cross-reference section is written.
    public let kind: PDFXrefKind
    /// The offset the `startxref` (or /Prev) value points at: the `xref` keyword or the xref stream object.
    public let xrefOffset: Int
    /// The bytes of the cross-reference section: table through trailer dictionary, or the xref stream object.
    public let xrefByteRange: Range<Int>
    /// For hybrid files, the offset of the /XRefStm stream.
    public let xrefStreamOffset: Int?
    /// The trailer dictionary (for xref streams, the stream dictionary).
    public let trailer: PDFDictionary
    /// The entries this section defines, by object number (hybrid: table entries overlaid by /XRefStm entries for objects the table leaves free or out).
    public let entries: [Int: PDFXrefEntry]
    /// For a linearized file's first revision: the main cross-reference section at the end of
    /// the original file, which the first-page section (``xrefOffset``) points at with a forward
    /// /Prev. Both sections belong to this one revision.
    public let linearizedMainXrefByteRange: Range<Int>?
    /// The offset of the `startxref` keyword that ends this revision, if found.
    public let startxrefKeywordOffset: Int?
    /// The offset just after the `%%EOF` marker ending this revision, if found; the revision covers `0..<endOffset`.
    public let endOffset: Int?

    /// A revision.
    public init(
        index: Int, kind: PDFXrefKind, xrefOffset: Int, xrefByteRange: Range<Int>, xrefStreamOffset: Int?,
        trailer: PDFDictionary, entries: [Int: PDFXrefEntry], startxrefKeywordOffset: Int?, endOffset: Int?,
        linearizedMainXrefByteRange: Range<Int>? = nil
    ) {
        self.linearizedMainXrefByteRange = linearizedMainXrefByteRange
        self.index = index
        self.kind = kind
        self.xrefOffset = xrefOffset
        self.xrefByteRange = xrefByteRange
        self.xrefStreamOffset = xrefStreamOffset
        self.trailer = trailer
        self.entries = entries
        self.startxrefKeywordOffset = startxrefKeywordOffset
        self.endOffset = endOffset
    }
}
