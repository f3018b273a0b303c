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

    mutating func append<C: Collection>(contentsOf other: C) throws where C.Element == UInt8 {
        guard bytes.count + other.count <= limit else { throw exceeded() }
        bytes.append(contentsOf: other)
    }

    var count: Int { bytes.count }

    func exceeded() -> PDFError {
        PDFError(.limitExceeded, "\(filterName) output exceeds \(limit) bytes (decompression limit)")
    }
}
