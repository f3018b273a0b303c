/// A TrueType font program (glyf outlines) parsed far enough to measure text, subset the
/// font and embed it in a PDF (ISO 32000-2 §9.9, CIDFontType2).
///
/// Every table is bounds-checked when the font is read; malformed data throws ``PDFError``
/// with `unsupportedFont`. OpenType fonts with CFF outlines (`OTTO`) are refused.
public struct TrueTypeFont: Sendable {
    /// The whole file (for a collection, the whole collection: table offsets are file offsets).
    let data: [UInt8]
    /// Table tag → byte range in ``data``.
    let tables: [String: Range<Int>]
    /// Glyph start offsets inside `glyf`, `numGlyphs + 1` entries (from `loca`).
    let glyphOffsets: [Int]
    /// Advance widths by glyph (from `hmtx`).
    let advanceWidths: [UInt16]
    /// Left side bearings by glyph (from `hmtx`; 0 where the table omits them).
    let leftSideBearings: [Int16]
    let characterMap: TrueTypeCharacterMap

    /// Font design units per em (`head.unitsPerEm`).
    public let unitsPerEm: Int
    /// The number of glyphs (`maxp.numGlyphs`).
    public let glyphCount: Int
    /// The PostScript name (`name` ID 6), reduced to characters allowed in a PDF font name.
    public let postScriptName: String
    /// The font bounding box in design units: xMin, yMin, xMax, yMax (`head`).
    public let boundingBox: (xMin: Int, yMin: Int, xMax: Int, yMax: Int)
    /// The ascender in design units (OS/2 typo ascender, else `hhea`).
    public let ascender: Int
    /// The descender in design units, negative below the baseline (OS/2 typo descender, else `hhea`).
    public let descender: Int
    /// The cap height in design units (OS/2 version 2+, else 70 % of the ascender).
    public let capHeight: Int
    /// The italic angle in degrees counter-clockwise from vertical (`post`, 0 without it).
    public let italicAngle: Double
    /// Whether the font is monospaced (`post.isFixedPitch`).
    public let isFixedPitch: Bool
    /// The weight class 1…1000 (`OS/2.usWeightClass`, 400 without it).
    public let weightClass: Int

    /// Reads a TrueType font (`.ttf`) or one font of a TrueType collection (`.ttc`).
    ///
    /// - Parameters:
    ///   - data: the font file.
    ///   - collectionIndex: which font of a collection to read; ignored for single fonts.
    /// - Throws: ``PDFError`` with `unsupportedFont` for CFF outlines, a missing or malformed
    ///   table, or a collection index out of range.
    public init(data: [UInt8], collectionIndex: Int = 0) throws {
        let file = try SFNTFile(data: data, collectionIndex: collectionIndex)
        let version = file.version, tables = file.tables
        if version == 0x4F54_544F {
            throw PDFError(.unsupportedFont, "the font has CFF (PostScript) outlines ('OTTO'); only TrueType (glyf) outlines are supported for embedding")
        }
        guard version == 0x0001_0000 || version == 0x7472_7565 else {
            throw PDFError(.unsupportedFont, "not a TrueType font (sfnt version 0x\(String(version, radix: 16)))")
        }
        if tables["CFF "] != nil || tables["CFF2"] != nil {
            throw PDFError(.unsupportedFont, "the font has CFF outlines; only TrueType (glyf) outlines are supported for embedding")
        }
        func table(_ tag: String) throws -> SFNTReader { try file.table(tag) }
        let head = try table("head"), hhea = try table("hhea"), maxp = try table("maxp")
        guard try head.uint32(12) == 0x5F0F_3CF5 else { throw PDFError(.unsupportedFont, "the head table has a wrong magic number") }
        let unitsPerEm = Int(try head.uint16(18))
        guard (16...16384).contains(unitsPerEm) else { throw PDFError(.unsupportedFont, "unitsPerEm \(unitsPerEm) is out of range 16…16384") }
        let glyphCount = Int(try maxp.uint16(4))
        guard glyphCount >= 1 else { throw PDFError(.unsupportedFont, "the font has no glyphs") }

        let metricCount = Int(try hhea.uint16(34))
        guard metricCount >= 1, metricCount <= glyphCount else {
            throw PDFError(.unsupportedFont, "hhea.numberOfHMetrics \(metricCount) is not within 1…\(glyphCount)")
        }
        let hmtx = try table("hmtx")
        _ = try hmtx.range(0, metricCount * 4, "the hmtx long metrics")
        var advances: [UInt16] = [], bearings: [Int16] = []
        advances.reserveCapacity(glyphCount); bearings.reserveCapacity(glyphCount)
        for glyph in 0..<glyphCount {
            if glyph < metricCount {
                advances.append(try hmtx.uint16(glyph * 4)); bearings.append(try hmtx.int16(glyph * 4 + 2))
            } else {
                advances.append(advances[metricCount - 1])
                let offset = metricCount * 4 + (glyph - metricCount) * 2
                bearings.append(offset + 2 <= hmtx.bytes.count ? try hmtx.int16(offset) : 0)
            }
        }

        let glyfLength = try table("glyf").bytes.count
        let loca = try table("loca")
        let longOffsets = try head.int16(50) == 1
        var offsets: [Int] = []
        offsets.reserveCapacity(glyphCount + 1)
        for index in 0...glyphCount {
            let offset = longOffsets ? Int(try loca.uint32(index * 4)) : Int(try loca.uint16(index * 2)) * 2
            guard offset <= glyfLength else {
                throw PDFError(.unsupportedFont, "loca entry \(index) (\(offset)) lies beyond the glyf table (\(glyfLength) bytes)")
            }
            if let previous = offsets.last, offset < previous {
                throw PDFError(.unsupportedFont, "loca entry \(index) (\(offset)) is before entry \(index - 1) (\(previous))")
            }
            offsets.append(offset)
        }

        self.data = data
        self.tables = tables
        self.glyphOffsets = offsets
        self.advanceWidths = advances
        self.leftSideBearings = bearings
        self.characterMap = try TrueTypeCharacterMap(cmap: try table("cmap"))
        self.unitsPerEm = unitsPerEm
        self.glyphCount = glyphCount
        self.boundingBox = (Int(try head.int16(36)), Int(try head.int16(38)), Int(try head.int16(40)), Int(try head.int16(42)))
        let os2 = tables["OS/2"] != nil ? try table("OS/2") : nil
        if let os2, os2.bytes.count >= 72 {
            ascender = Int(try os2.int16(68)); descender = Int(try os2.int16(70))
        } else {
            ascender = Int(try hhea.int16(4)); descender = Int(try hhea.int16(6))
        }
        if let os2, try os2.uint16(0) >= 2, os2.bytes.count >= 90 {
            capHeight = Int(try os2.int16(88))
        } else {
            capHeight = ascender * 7 / 10
        }
        weightClass = try os2.map { Int(try $0.uint16(4)) } ?? 400
        if let post = tables["post"] != nil ? try table("post") : nil, post.bytes.count >= 16 {
            italicAngle = Double(Int32(bitPattern: try post.uint32(4))) / 65536
            isFixedPitch = try post.uint32(12) != 0
        } else {
            italicAngle = 0
            isFixedPitch = false
        }
        postScriptName = (tables["name"] != nil ? try? TrueTypeNames.postScriptName(in: try table("name")) : nil) ?? "TrueTypeFont"
    }

    /// The glyph for a Unicode scalar, or `nil` when the font has none.
    public func glyphID(for scalar: Unicode.Scalar) -> UInt16? {
        // The subtable was bounds-checked when read; a glyph ID past maxp counts as missing.
        guard let glyph = try? characterMap.glyphID(for: scalar), Int(glyph) < glyphCount else { return nil }
        return glyph
    }

    /// The advance width of `glyph` in design units (0 for a glyph that does not exist).
    public func advanceWidth(of glyph: UInt16) -> Int {
        Int(glyph) < advanceWidths.count ? Int(advanceWidths[Int(glyph)]) : 0
    }

    /// The bytes of table `tag`, if present.
    func tableBytes(_ tag: String) -> ArraySlice<UInt8>? { tables[tag].map { data[$0] } }

    /// The outline bytes of `glyph` (empty for glyphs without outline).
    func glyphData(_ glyph: UInt16) throws -> ArraySlice<UInt8> {
        guard Int(glyph) < glyphCount, let glyf = tables["glyf"] else {
            throw PDFError(.unsupportedFont, "glyph \(glyph) does not exist (the font has \(glyphCount))")
        }
        let start = glyphOffsets[Int(glyph)], end = glyphOffsets[Int(glyph) + 1]
        return data[(glyf.lowerBound + start)..<(glyf.lowerBound + end)]
    }
}
