/// One parsed cross-reference section before revisions are assembled.
struct PDFXrefSection {
    var kind: PDFXrefKind
    var offset: Int
    var byteRange: Range<Int>
    var trailer: PDFDictionary
    var entries: [Int: PDFXrefEntry]
    var xrefStreamOffset: Int?
    /// Table entries that are readable but not in the 20-byte form of ISO 32000-2 §7.5.4.
    var hasIrregularEntries = false

    /// The /Prev offset, if any.
    var previousOffset: Int? { trailer.integer("Prev") }
}
