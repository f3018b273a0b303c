/// One parsed cross-reference section before revisions are assembled.
struct PDFXrefSection {
    var kind: PDFXrefKind
    var offset: Int
    var byteRange: Range<Int>
    var trailer: PDFDictionary
    var entries: [Int: PDFXrefEntry]
    var xrefStreamOffset: Int?

    /// The /Prev offset, if any.
    var previousOffset: Int? { trailer.integer("Prev") }
}
