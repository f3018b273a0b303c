/// A subset of a ``TrueTypeFont``: a complete TrueType font program holding `.notdef` and
/// the glyphs some text needs, renumbered 0…n−1.
public struct TrueTypeSubset: Sendable {
    /// The subset font program (a valid `.ttf`).
    public let fontProgram: [UInt8]
    /// The new glyph ID of each character of the text.
    public let glyphIDs: [Unicode.Scalar: UInt16]
    /// The original glyph ID of each new glyph: `originalGlyphIDs[newID]`; entry 0 is `.notdef`.
    public let originalGlyphIDs: [UInt16]
    /// Advance widths in design units, by new glyph ID.
    public let advanceWidths: [UInt16]
}

extension TrueTypeFont {
    /// The deepest nesting of composite glyphs accepted while collecting components.
    static let maxCompositeDepth = 16

    /// Makes a font program with only the glyphs needed to show `text` (plus `.notdef` and the
    /// components of composite glyphs).
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` when a character has no glyph (naming it as
    ///   U+XXXX), or when a glyph is malformed or its composite references loop.
    public func subset(for text: String) throws -> TrueTypeSubset {
        var scalarGlyphs: [Unicode.Scalar: UInt16] = [:]
        for scalar in text.unicodeScalars where scalarGlyphs[scalar] == nil {
            guard let glyph = glyphID(for: scalar) else {
                throw PDFError(.unsupportedFont, "the font \(postScriptName) has no glyph for U+\(Self.hex(scalar.value)) ('\(Character(scalar))')")
            }
            scalarGlyphs[scalar] = glyph
        }
        var used: Set<UInt16> = [0]
        for glyph in Set(scalarGlyphs.values) {
            try collect(glyph, into: &used, visiting: [], depth: 0)
        }
        let order = used.sorted()
        var newID: [UInt16: UInt16] = [:]
        for (index, glyph) in order.enumerated() { newID[glyph] = UInt16(index) }

        var glyphs: [[UInt8]] = []
        for glyph in order {
            var bytes = Array(try glyphData(glyph))
            for position in try TrueTypeGlyph.componentIndexPositions(in: bytes) {
                let old = UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
                guard let mapped = newID[old] else { throw PDFError(.unsupportedFont, "component glyph \(old) was not collected") }
                bytes.setUInt16(mapped, at: position)
            }
            glyphs.append(bytes)
        }
        let program = try TrueTypeSubsetWriter(font: self, originalGlyphs: order, glyphs: glyphs,
                                               characterMap: scalarGlyphs.mapValues { newID[$0]! }).fontProgram()
        return TrueTypeSubset(fontProgram: program, glyphIDs: scalarGlyphs.mapValues { newID[$0]! },
                              originalGlyphIDs: order, advanceWidths: order.map { advanceWidths[Int($0)] })
    }

    /// Adds `glyph` and, for a composite glyph, its components recursively.
    private func collect(_ glyph: UInt16, into used: inout Set<UInt16>, visiting: Set<UInt16>, depth: Int) throws {
        guard !visiting.contains(glyph) else { throw PDFError(.unsupportedFont, "composite glyph \(glyph) refers to itself") }
        guard depth <= Self.maxCompositeDepth else {
            throw PDFError(.unsupportedFont, "composite glyphs are nested deeper than \(Self.maxCompositeDepth) levels")
        }
        used.insert(glyph)
        let bytes = Array(try glyphData(glyph))
        for position in try TrueTypeGlyph.componentIndexPositions(in: bytes) {
            let component = UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
            guard Int(component) < glyphCount else {
                throw PDFError(.unsupportedFont, "composite glyph \(glyph) refers to glyph \(component), beyond the \(glyphCount) glyphs")
            }
            try collect(component, into: &used, visiting: visiting.union([glyph]), depth: depth + 1)
        }
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// The structure of one `glyf` entry.
enum TrueTypeGlyph {
    /// For a composite glyph, the offsets of each component's glyph index; empty for a
    /// simple or empty glyph.
    static func componentIndexPositions(in glyph: [UInt8]) throws -> [Int] {
        guard !glyph.isEmpty else { return [] }
        let reader = SFNTReader(bytes: glyph)
        guard try reader.int16(0) < 0 else {
            _ = try reader.range(0, 10, "a glyph header")
            return []
        }
        var positions: [Int] = []
        var offset = 10
        while true {
            let flags = try reader.uint16(offset)
            _ = try reader.uint16(offset + 2)
            positions.append(offset + 2)
            offset += 4 + (flags & 0x0001 != 0 ? 4 : 2)
            if flags & 0x0008 != 0 { offset += 2 } else if flags & 0x0040 != 0 { offset += 4 } else if flags & 0x0080 != 0 { offset += 8 }
            _ = try reader.range(offset, 0, "a composite glyph component")
            guard flags & 0x0020 != 0 else { break }
            guard positions.count < 1024 else { throw PDFError(.unsupportedFont, "a composite glyph has more than 1024 components") }
        }
        return positions
    }
}
