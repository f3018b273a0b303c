import Foundation

/// The offsets of every `endstream` keyword in a file, found by one scan on first use.
///
/// Streams whose /Length is missing or wrong are delimited by the next `endstream`; looking
/// that up here instead of scanning forward for each stream keeps damaged files linear.
final class PDFEndstreamIndex: @unchecked Sendable {
    private let source: any PDFByteSource
    private let lock = NSLock()
    private var positions: [Int]?

    init(source: any PDFByteSource) { self.source = source }

    /// The first `endstream` at or after `offset`.
    func first(atOrAfter offset: Int) throws -> Int? {
        let positions = try allPositions()
        var low = 0
        var high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low < positions.count ? positions[low] : nil
    }

    private func allPositions() throws -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        if let positions { return positions }
        let pattern = Array("endstream".utf8)
        var found: [Int] = []
        let chunk = 1 << 20
        var start = 0
        while start < source.count {
            let end = min(source.count, start + chunk + pattern.count - 1)
            let bytes = try source.read(start..<end)
            var slice = bytes[...]
            while let index = PDFByteReader.firstIndex(of: pattern, in: slice) {
                let absolute = slice.startIndex - bytes.startIndex + index
                if absolute < chunk { found.append(start + absolute) }
                slice = bytes[(slice.startIndex + index + 1)...]
            }
            start += chunk
        }
        positions = found
        return found
    }
}
