@testable import PDFSign

/// Builds tiny TrueType fonts for tests, with simple and composite glyphs.
enum TestFontBuilder {
    /// A simple glyph: one contour, a triangle, with the given x offset.
    static func simpleGlyph(_ shift: Int16) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendInt16(1); bytes.appendInt16(shift); bytes.appendInt16(0); bytes.appendInt16(shift + 100); bytes.appendInt16(100)
        bytes.appendUInt16(2)  // endPtsOfContours
        bytes.appendUInt16(0)  // instructionLength
        bytes += [0x01, 0x01, 0x01]  // on-curve, long coordinates
        for x in [shift, 100, -50] { bytes.appendInt16(x) }
        for y in [Int16(0), 0, 100] { bytes.appendInt16(y) }
        return bytes
    }

    /// A composite glyph of `components` (word arguments, no scale).
    static func compositeGlyph(_ components: [UInt16]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendInt16(-1); bytes.appendInt16(0); bytes.appendInt16(0); bytes.appendInt16(200); bytes.appendInt16(100)
        for (index, component) in components.enumerated() {
            let more: UInt16 = index < components.count - 1 ? 0x0020 : 0
            bytes.appendUInt16(0x0001 | 0x0002 | more)
            bytes.appendUInt16(component)
            bytes.appendInt16(Int16(index * 10)); bytes.appendInt16(0)
        }
        return bytes
    }

    /// Glyphs: 0 .notdef, 1 'A' simple, 2 unused, 3 'B' composite of 1 and 4, 4 simple,
    /// 5 'C' composite of itself, 6 'D' composite of 7 which is composite of 1.
    static let glyphs: [[UInt8]] = [
        simpleGlyph(0), simpleGlyph(10), simpleGlyph(20), compositeGlyph([1, 4]), simpleGlyph(40),
        compositeGlyph([5]), compositeGlyph([7]), compositeGlyph([1]),
    ]
    static let characters: [(UInt32, UInt16)] = [(0x41, 1), (0x42, 3), (0x43, 5), (0x44, 6), (0x1F600, 4)]

    /// The font's tables.
    static func tables(glyphs: [[UInt8]] = glyphs) -> [String: [UInt8]] {
        var glyf: [UInt8] = [], loca: [UInt8] = []
        for glyph in glyphs {
            loca.appendUInt32(UInt32(glyf.count))
            glyf += glyph
            while glyf.count % 4 != 0 { glyf.append(0) }
        }
        loca.appendUInt32(UInt32(glyf.count))
        var head = [UInt8](repeating: 0, count: 54)
        head.setUInt32(0x0001_0000, at: 0); head.setUInt32(0x5F0F_3CF5, at: 12); head.setUInt16(1000, at: 18)
        head.setUInt16(UInt16(bitPattern: -100), at: 38); head.setUInt16(900, at: 40); head.setUInt16(800, at: 42)
        head.setUInt16(1, at: 50)
        var hhea = [UInt8](repeating: 0, count: 36)
        hhea.setUInt32(0x0001_0000, at: 0); hhea.setUInt16(800, at: 4); hhea.setUInt16(UInt16(bitPattern: -200), at: 6)
        hhea.setUInt16(UInt16(glyphs.count - 1), at: 34)  // the last glyph shares the last advance
        var maxp = [UInt8](repeating: 0, count: 6)
        maxp.setUInt32(0x0000_5000, at: 0); maxp.setUInt16(UInt16(glyphs.count), at: 4)
        var hmtx: [UInt8] = []
        for index in 0..<(glyphs.count - 1) { hmtx.appendUInt16(UInt16(500 + index * 10)); hmtx.appendInt16(Int16(index)) }
        hmtx.appendInt16(77)
        var cmap: [UInt8] = []
        cmap.appendUInt16(0); cmap.appendUInt16(1); cmap.appendUInt16(3); cmap.appendUInt16(10); cmap.appendUInt32(12)
        cmap.appendUInt16(12); cmap.appendUInt16(0); cmap.appendUInt32(UInt32(16 + characters.count * 12)); cmap.appendUInt32(0)
        cmap.appendUInt32(UInt32(characters.count))
        for (code, glyph) in characters { cmap.appendUInt32(code); cmap.appendUInt32(code); cmap.appendUInt32(UInt32(glyph)) }
        var name: [UInt8] = []
        let psName = Array("Test-Font".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        name.appendUInt16(0); name.appendUInt16(1); name.appendUInt16(18)
        name.appendUInt16(3); name.appendUInt16(1); name.appendUInt16(0x409); name.appendUInt16(6); name.appendUInt16(UInt16(psName.count)); name.appendUInt16(0)
        name += psName
        return ["head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf, "cmap": cmap, "name": name]
    }

    /// The font file.
    static func font(_ tables: [String: [UInt8]] = tables()) -> [UInt8] { TrueTypeSubsetWriter.assemble(tables) }

    /// The byte range of table `tag` in a font file.
    static func tableRange(_ tag: String, in font: [UInt8]) -> Range<Int> {
        let reader = SFNTReader(bytes: font)
        let count = Int(try! reader.uint16(4))
        for index in 0..<count where try! reader.tag(12 + index * 16) == tag {
            let offset = Int(try! reader.uint32(12 + index * 16 + 8)), length = Int(try! reader.uint32(12 + index * 16 + 12))
            return offset..<(offset + length)
        }
        fatalError("no table \(tag)")
    }
}
