/// Random-access, read-only bytes of a PDF file.
///
/// The reader never needs the whole file at once: it reads the tail, the cross-reference
/// sections and then only the objects that are touched. Implementations must be safe to
/// call from several threads.
public protocol PDFByteSource: Sendable {
    /// The total number of bytes.
    var count: Int { get }
    /// Returns the bytes in `range` (which lies within `0..<count`).
    ///
    /// The slice's indices may be anything; callers index it relative to `startIndex`.
    func read(_ range: Range<Int>) throws -> ArraySlice<UInt8>
}
