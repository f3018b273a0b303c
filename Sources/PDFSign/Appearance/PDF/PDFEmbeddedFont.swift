/// A subset of a TrueType font as a PDF Type0 font (Identity-H, CIDFontType2, ISO 32000-2
/// §9.7), able to encode and measure the text it was made for.
///
/// CIDs equal the subset's glyph IDs, so /CIDToGIDMap is /Identity.
package struct PDFEmbeddedFont: Sendable {
    /// The font the subset was taken from.
    package let font: TrueTypeFont
    /// The subset.
    package let subset: TrueTypeSubset

    /// A subset of `font` holding the glyphs of every string in `texts`.
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` when a character has no glyph.
    package init(font: TrueTypeFont, texts: [String]) throws {
        self.font = font
        self.subset = try font.subset(for: texts.joined())
    }

    /// The CIDs of `text` as a hex string for `Tj` (two bytes per character).
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` for a character not in the subset.
    package func encoded(_ text: String) throws -> PDFString {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            let cid = try cid(for: scalar)
            bytes += [UInt8(cid >> 8), UInt8(cid & 0xFF)]
        }
        return PDFString(bytes: bytes, format: .hex)
    }

    /// The advance of `text` set at `fontSize`, in text space units (points at scale 1).
    package func width(of text: String, fontSize: Double) throws -> Double {
        var total = 0
        for scalar in text.unicodeScalars { total += Int(subset.advanceWidths[Int(try cid(for: scalar))]) }
        return Double(total) * fontSize / Double(font.unitsPerEm)
    }

    /// The ascender as a fraction of the em.
    package var ascent: Double { Double(font.ascender) / Double(font.unitsPerEm) }

    private func cid(for scalar: Unicode.Scalar) throws -> UInt16 {
        guard let cid = subset.glyphIDs[scalar] else {
            throw PDFError(.unsupportedFont, "U+\(TrueTypeFont.hex(scalar.value)) is not in the font subset")
        }
        return cid
    }

    /// A value in design units scaled to the PDF glyph space (1000 per em).
    func scaled(_ value: Int) -> Int {
        Int((Double(value) * 1000 / Double(font.unitsPerEm)).rounded())
    }

    /// The subset tag: six uppercase letters derived from the glyph set (stable for the same text).
    var subsetTag: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for glyph in subset.originalGlyphIDs {
            hash = (hash ^ UInt64(glyph)) &* 0x0000_0100_0000_01B3
        }
        var letters = ""
        for _ in 0..<6 {
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(hash % 26))))
            hash /= 26
        }
        return letters
    }
}
