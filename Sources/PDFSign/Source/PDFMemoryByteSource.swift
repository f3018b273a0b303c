/// A ``PDFByteSource`` over bytes already in memory (reads are zero-copy slices).
public struct PDFMemoryByteSource: PDFByteSource {
    /// The bytes.
    public let bytes: [UInt8]

    /// Wraps `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The number of bytes.
    public var count: Int { bytes.count }

    /// Returns `bytes[range]`, or throws ``PDFError/Code/ioFailure`` when out of bounds.
    public func read(_ range: Range<Int>) throws -> ArraySlice<UInt8> {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
            throw PDFError(.ioFailure, "read \(range) outside 0..<\(bytes.count)")
        }
        return bytes[range]
    }
}
