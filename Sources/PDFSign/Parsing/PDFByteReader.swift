/// A cursor-friendly windowed reader over a ``PDFByteSource``.
struct PDFByteReader {
    let source: any PDFByteSource
    let count: Int
    private var window: ArraySlice<UInt8> = []
    private var windowStart = 0
    static let windowSize = 32 * 1024

    init(source: any PDFByteSource) {
        self.source = source
        self.count = source.count
    }

    /// The byte at `offset`, or `nil` at or past the end.
    mutating func byte(at offset: Int) throws -> UInt8? {
        let relative = offset - windowStart
        if relative >= 0, relative < window.count {
            return window[window.startIndex + relative]
        }
        guard offset >= 0, offset < count else { return nil }
        let end = min(count, offset + Self.windowSize)
        window = try source.read(offset..<end)
        windowStart = offset
        guard !window.isEmpty else { return nil }
        return window[window.startIndex]
    }

    /// Bytes in `range`, clamped to the source.
    func bytes(_ range: Range<Int>) throws -> [UInt8] {
        let clamped = range.clamped(to: 0..<count)
        if clamped.isEmpty { return [] }
        return Array(try source.read(clamped))
    }

    /// The first offset ≥ `start` and < `end` where `pattern` begins, or `nil`.
    func find(_ pattern: [UInt8], from start: Int, to end: Int? = nil) throws -> Int? {
        let limit = min(end ?? count, count)
        guard !pattern.isEmpty, start >= 0 else { return nil }
        let chunk = 256 * 1024
        var position = start
        while position + pattern.count <= limit {
            let chunkEnd = min(limit, position + chunk + pattern.count - 1)
            let bytes = try source.read(position..<chunkEnd)
            if let found = Self.firstIndex(of: pattern, in: bytes) { return position + found }
            position += chunk
        }
        return nil
    }

    /// The last offset in `start..<end` where `pattern` begins, or `nil`.
    func findLast(_ pattern: [UInt8], from start: Int, to end: Int) throws -> Int? {
        let range = (max(0, start)..<min(end, count))
        guard range.count >= pattern.count else { return nil }
        let bytes = try source.read(range)
        let base = bytes.startIndex
        var index = bytes.count - pattern.count
        while index >= 0 {
            var match = true
            for (k, p) in pattern.enumerated() where bytes[base + index + k] != p {
                match = false
                break
            }
            if match { return range.lowerBound + index }
            index -= 1
        }
        return nil
    }

    static func firstIndex(of pattern: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
        let base = bytes.startIndex
        var index = 0
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[base + index] == first {
                var match = true
                var k = 1
                while k < pattern.count {
                    if bytes[base + index + k] != pattern[k] { match = false; break }
                    k += 1
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }
}
