/// A Unicode `cmap` subtable (format 4 or 12), looked up on demand without expanding it,
/// so that a hostile subtable with huge ranges costs nothing.
struct TrueTypeCharacterMap: Sendable {
    enum Format: Sendable { case segmentMapping, segmentedCoverage }

    let format: Format
    /// The subtable's bytes.
    let table: [UInt8]

    /// Picks the best Unicode subtable of a `cmap` table: (3,10), then (3,1), then (0,*).
    init(cmap: SFNTReader) throws {
        let count = Int(try cmap.uint16(2))
        var candidates: [(rank: Int, offset: Int)] = []
        for index in 0..<count {
            let record = 4 + index * 8
            let platform = try cmap.uint16(record), encoding = try cmap.uint16(record + 2)
            let offset = Int(try cmap.uint32(record + 4))
            let rank: Int
            switch (platform, encoding) {
            case (3, 10): rank = 0
            case (3, 1): rank = 1
            case (0, _): rank = 2
            default: continue
            }
            let format = try cmap.uint16(offset)
            if format == 4 || format == 12 { candidates.append((rank, offset)) }
        }
        guard let best = candidates.min(by: { $0.rank < $1.rank }) else {
            throw PDFError(.unsupportedFont, "the cmap table has no Unicode subtable of format 4 or 12")
        }
        let format = try cmap.uint16(best.offset)
        let length: Int
        if format == 4 {
            self.format = .segmentMapping
            length = Int(try cmap.uint16(best.offset + 2))
        } else {
            self.format = .segmentedCoverage
            length = Int(try cmap.uint32(best.offset + 4))
        }
        table = Array(cmap.bytes[try cmap.range(best.offset, length, "the cmap subtable")])
        try validate()
    }

    private func validate() throws {
        let reader = SFNTReader(bytes: table)
        switch format {
        case .segmentMapping:
            let segCount = Int(try reader.uint16(6)) / 2
            _ = try reader.range(14, segCount * 8 + 2, "the format 4 segment arrays")
        case .segmentedCoverage:
            let groups = Int(try reader.uint32(12))
            _ = try reader.range(16, groups * 12, "the format 12 groups")
        }
    }

    /// The glyph for `scalar`, or `nil` when the font has none (glyph 0 counts as none).
    func glyphID(for scalar: Unicode.Scalar) throws -> UInt16? {
        let code = scalar.value
        let reader = SFNTReader(bytes: table)
        switch format {
        case .segmentMapping:
            guard code <= 0xFFFF else { return nil }
            let segCount = Int(try reader.uint16(6)) / 2
            let ends = 14, starts = ends + segCount * 2 + 2, deltas = starts + segCount * 2, rangeOffsets = deltas + segCount * 2
            for segment in 0..<segCount {
                guard code <= UInt32(try reader.uint16(ends + segment * 2)) else { continue }
                let start = UInt32(try reader.uint16(starts + segment * 2))
                guard code >= start else { return nil }
                let delta = try reader.uint16(deltas + segment * 2)
                let rangeOffset = Int(try reader.uint16(rangeOffsets + segment * 2))
                var glyph: UInt16
                if rangeOffset == 0 {
                    glyph = UInt16(truncatingIfNeeded: code) &+ delta
                } else {
                    let address = rangeOffsets + segment * 2 + rangeOffset + Int(code - start) * 2
                    glyph = try reader.uint16(address)
                    if glyph != 0 { glyph &+= delta }
                }
                return glyph == 0 ? nil : glyph
            }
            return nil
        case .segmentedCoverage:
            var low = 0, high = Int(try reader.uint32(12)) - 1
            while low <= high {
                let middle = (low + high) / 2, group = 16 + middle * 12
                let start = try reader.uint32(group), end = try reader.uint32(group + 4)
                if code < start { high = middle - 1 } else if code > end { low = middle + 1 } else {
                    let glyph = UInt64(try reader.uint32(group + 8)) + UInt64(code - start)
                    return glyph == 0 || glyph > 0xFFFF ? nil : UInt16(glyph)
                }
            }
            return nil
        }
    }
}
