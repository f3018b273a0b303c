/// A view of another source that pretends the file ends at `limit` (offsets are unchanged).
///
/// Used while repairing: an object found by scanning is parsed only up to the next object
/// header, so a damaged object cannot make each parse run to the end of the file.
struct PDFBoundedByteSource: PDFByteSource {
    let base: any PDFByteSource
    let count: Int

    init(_ base: any PDFByteSource, limit: Int) {
        self.base = base
        self.count = max(0, min(base.count, limit))
    }

    func read(_ range: Range<Int>) throws -> ArraySlice<UInt8> {
        guard range.lowerBound >= 0, range.upperBound <= count else {
            throw PDFError(.ioFailure, "read \(range) outside 0..<\(count)")
        }
        return try base.read(range)
    }
}
