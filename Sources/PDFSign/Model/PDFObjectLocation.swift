/// Where an indirect object was read from.
public enum PDFObjectLocation: Hashable, Sendable {
    /// Directly in the file: `byteRange` runs from the object number to just after `endobj`
    /// (or the end of the object when `endobj` is missing).
    case file(byteRange: Range<Int>)
    /// Inside object stream `streamNumber` at position `index` (a type-2 xref entry).
    case objectStream(streamNumber: Int, index: Int)
}
