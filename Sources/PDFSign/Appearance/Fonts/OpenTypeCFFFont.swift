/// An OpenType font with CFF outlines (`.otf`, or one face of a `.ttc` collection such as
/// Noto Sans CJK), parsed far enough to measure text and embed a subset in a PDF as a
/// CIDFontType0 font with a /FontFile3 /CIDFontType0C program (ISO 32000-2 §9.7.4, §9.9;
/// the CFF format is Adobe TN #5176).
///
/// Only CID-keyed CFF fonts are accepted (the usual form of Japanese OpenType fonts): text is
/// encoded as CIDs, found through the `cmap` (Unicode → glyph) and the CFF charset (glyph →
/// CID). Every structure is bounds-checked; malformed data throws ``PDFError`` with
/// `unsupportedFont`.
public struct OpenTypeCFFFont: Sendable {
    let cff: CFFFont
    let characterMap: TrueTypeCharacterMap
    let advanceWidths: [UInt16]

    /// Font design units per em (`head.unitsPerEm`).
    public let unitsPerEm: Int
    /// The number of glyphs.
    public let glyphCount: Int
    /// The PostScript name (`name` ID 6, else the CFF font name), kept to characters allowed in a PDF name.
    public let postScriptName: String
    /// The CFF font's registry, ordering and supplement (for example Adobe, Identity, 0).
    public var characterCollection: (registry: String, ordering: String, supplement: Int) { (cff.registry, cff.ordering, cff.supplement) }
    /// The font bounding box in design units (`head`).
    public let boundingBox: (xMin: Int, yMin: Int, xMax: Int, yMax: Int)
    /// The ascender and descender (negative) in design units (OS/2 typo metrics, else `hhea`).
    public let ascender: Int, descender: Int
    /// The cap height in design units (OS/2 version 2+, else 70 % of the ascender).
    public let capHeight: Int
    /// The weight class 1…1000 (`OS/2.usWeightClass`, 400 without it).
    public let weightClass: Int

    /// Reads an OpenType CFF font (`OTTO`) or one face of a collection.
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` for TrueType outlines, CFF2, a name-keyed
    ///   CFF font, a missing, truncated or malformed table, or a collection index out of range.
    public init(data: [UInt8], collectionIndex: Int = 0) throws {
        let file = try SFNTFile(data: data, collectionIndex: collectionIndex)
        guard file.version == 0x4F54_544F, let cffRange = file.tables["CFF "] else {
            throw PDFError(.unsupportedFont, file.tables["CFF2"] != nil
                ? "the font has CFF2 outlines, which are not supported"
                : "not an OpenType font with CFF outlines (no 'OTTO' signature and 'CFF ' table)")
        }
        cff = try CFFFont(data: Array(data[cffRange]))
        let head = try file.table("head"), hhea = try file.table("hhea"), maxp = try file.table("maxp")
        guard try head.uint32(12) == 0x5F0F_3CF5 else { throw PDFError(.unsupportedFont, "the head table has a wrong magic number") }
        unitsPerEm = Int(try head.uint16(18))
        guard (16...16384).contains(unitsPerEm) else { throw PDFError(.unsupportedFont, "unitsPerEm \(unitsPerEm) is out of range 16…16384") }
        glyphCount = Int(try maxp.uint16(4))
        guard glyphCount == cff.charStrings.count else {
            throw PDFError(.unsupportedFont, "maxp counts \(glyphCount) glyphs but the CFF table has \(cff.charStrings.count)")
        }
        let metricCount = Int(try hhea.uint16(34))
        guard metricCount >= 1, metricCount <= glyphCount else {
            throw PDFError(.unsupportedFont, "hhea.numberOfHMetrics \(metricCount) is not within 1…\(glyphCount)")
        }
        let hmtx = try file.table("hmtx")
        _ = try hmtx.range(0, metricCount * 4, "the hmtx long metrics")
        advanceWidths = try (0..<glyphCount).map { try hmtx.uint16(min($0, metricCount - 1) * 4) }
        characterMap = try TrueTypeCharacterMap(cmap: try file.table("cmap"))
        boundingBox = (Int(try head.int16(36)), Int(try head.int16(38)), Int(try head.int16(40)), Int(try head.int16(42)))
        let os2 = file.tables["OS/2"] != nil ? try file.table("OS/2") : nil
        if let os2, os2.bytes.count >= 72 {
            ascender = Int(try os2.int16(68)); descender = Int(try os2.int16(70))
        } else {
            ascender = Int(try hhea.int16(4)); descender = Int(try hhea.int16(6))
        }
        if let os2, try os2.uint16(0) >= 2, os2.bytes.count >= 90 { capHeight = Int(try os2.int16(88)) } else { capHeight = ascender * 7 / 10 }
        weightClass = try os2.map { Int(try $0.uint16(4)) } ?? 400
        let cffName = String(cff.fontName.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && !"()<>[]{}/%#".unicodeScalars.contains($0) })
        postScriptName = (file.tables["name"] != nil ? try? TrueTypeNames.postScriptName(in: try file.table("name")) : nil)
            ?? (cffName.isEmpty ? "CFFFont" : cffName)
    }

    /// The glyph for a Unicode scalar, or `nil` when the font has none.
    public func glyphID(for scalar: Unicode.Scalar) -> UInt16? {
        guard let glyph = try? characterMap.glyphID(for: scalar), Int(glyph) < glyphCount else { return nil }
        return glyph
    }

    /// The CID of `glyph` (from the CFF charset), or `nil` for a glyph that does not exist.
    public func cid(of glyph: UInt16) -> UInt16? { Int(glyph) < cff.cids.count ? cff.cids[Int(glyph)] : nil }

    /// The advance width of `glyph` in design units (0 for a glyph that does not exist).
    public func advanceWidth(of glyph: UInt16) -> Int { Int(glyph) < advanceWidths.count ? Int(advanceWidths[Int(glyph)]) : 0 }

    /// A CFF program with `.notdef` and the glyphs of `glyphs` only (CIDs unchanged).
    func subsetProgram(glyphs: Set<UInt16>) throws -> [UInt8] {
        try CFFSubsetWriter(font: cff, glyphs: Array(glyphs.union([0]).map(Int.init)).sorted()).fontProgram()
    }
}
