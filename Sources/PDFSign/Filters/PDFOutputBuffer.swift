/// A growing byte buffer that throws once it would pass its limit.
struct PDFOutputBuffer {
    private(set) var bytes: [UInt8] = []
    let limit: Int
    let filterName: String

    init(limit: Int, filterName: String, reserving: Int = 0) {
        self.limit = limit
        self.filterName = filterName
        bytes.reserveCapacity(min(limit, max(0, reserving)))
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) throws {
        guard bytes.count < limit else { throw exceeded() }
        bytes.append(byte)
    }

    /// Appends a slice; short slices byte by byte (cheap in unoptimized builds, where
    /// per-call generic overhead dominates tiny appends).
    mutating func append(contentsOf other: ArraySlice<UInt8>) throws {
        guard bytes.count + other.count <= limit else { throw exceeded() }
        if other.count < 64 {
            for byte in other { bytes.append(byte) }
        } else {
            bytes.append(contentsOf: other)
        }
    }

    mutating func append(contentsOf other: [UInt8]) throws {
        try append(contentsOf: other[...])
    }

    /// Appends `count` copies of `byte`.
    mutating func append(repeating byte: UInt8, count: Int) throws {
        guard count >= 0, bytes.count + count <= limit else { throw exceeded() }
        if count < 64 {
            for _ in 0..<count { bytes.append(byte) }
        } else {
            bytes.append(contentsOf: repeatElement(byte, count: count))
        }
    }

    var count: Int { bytes.count }

    func exceeded() -> PDFError {
        PDFError(.limitExceeded, "\(filterName) output exceeds \(limit) bytes (decompression limit)")
    }
}
