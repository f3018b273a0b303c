/// A subset of an OpenType CFF font as a PDF Type0 font: Identity-H, a CIDFontType0
/// descendant and a /FontFile3 /CIDFontType0C program (ISO 32000-2 §9.7.4, §9.9; Adobe TN #5176).
///
/// Codes are the font's CIDs (two bytes each), found through the cmap and the CFF charset; a
/// CIDFontType0 has no /CIDToGIDMap, so the subset keeps the CIDs and the reader finds each
/// glyph through the subset's charset.
package struct PDFEmbeddedCFFFont: PDFTextFont {
    package let font: OpenTypeCFFFont
    /// Character → CID, for every character of the texts.
    let cids: [Unicode.Scalar: UInt16]
    /// CID → glyph in the source font.
    let glyphs: [UInt16: UInt16]

    /// A font for the characters of `texts`.
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` when a character has no glyph.
    package init(font: OpenTypeCFFFont, texts: [String]) throws {
        self.font = font
        var cids: [Unicode.Scalar: UInt16] = [:], glyphs: [UInt16: UInt16] = [0: 0]
        for scalar in texts.joined().unicodeScalars where cids[scalar] == nil {
            guard let glyph = font.glyphID(for: scalar), let cid = font.cid(of: glyph) else {
                throw PDFError(.unsupportedFont, "the font \(font.postScriptName) has no glyph for U+\(TrueTypeFont.hex(scalar.value)) ('\(Character(scalar))')")
            }
            cids[scalar] = cid
            glyphs[cid] = glyph
        }
        self.cids = cids
        self.glyphs = glyphs
    }

    package func encoded(_ text: String) throws -> PDFString {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            let cid = try cid(for: scalar)
            bytes += [UInt8(cid >> 8), UInt8(cid & 0xFF)]
        }
        return PDFString(bytes: bytes, format: .hex)
    }

    package func width(of text: String, fontSize: Double) throws -> Double {
        var total = 0
        for scalar in text.unicodeScalars { total += font.advanceWidth(of: glyphs[try cid(for: scalar)] ?? 0) }
        return Double(total) * fontSize / Double(font.unitsPerEm)
    }

    package var ascent: Double { Double(font.ascender) / Double(font.unitsPerEm) }

    private func cid(for scalar: Unicode.Scalar) throws -> UInt16 {
        guard let cid = cids[scalar] else { throw PDFError(.unsupportedFont, "U+\(TrueTypeFont.hex(scalar.value)) is not in the font subset") }
        return cid
    }

    /// A value in design units scaled to the PDF glyph space (1000 per em).
    func scaled(_ value: Int) -> Int { Int((Double(value) * 1000 / Double(font.unitsPerEm)).rounded()) }

    /// Six uppercase letters derived from the CIDs (stable for the same text).
    var subsetTag: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for cid in glyphs.keys.sorted() { hash = (hash ^ UInt64(cid)) &* 0x0000_0100_0000_01B3 }
        var letters = ""
        for _ in 0..<6 {
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(hash % 26))))
            hash /= 26
        }
        return letters
    }

    package func write(into sink: some PDFObjectSink) throws -> PDFObjectReference {
        let name = subsetTag + "+" + font.postScriptName
        let program = try font.subsetProgram(glyphs: Set(glyphs.values))
        let fontFile = sink.addStream(
            PDFDictionary(["Subtype": .name("CIDFontType0C"), "Filter": .name("FlateDecode")]),
            data: try FlateEncoder.encode(program))
        let box = font.boundingBox
        let descriptor = sink.add(.dictionary(PDFDictionary([
            "Type": .name("FontDescriptor"),
            "FontName": .name(PDFName(name)),
            "Flags": .integer(4),  // Symbolic: glyphs are addressed by CID
            "FontBBox": .array([box.xMin, box.yMin, box.xMax, box.yMax].map { .integer(Int64(scaled($0))) }),
            "ItalicAngle": .integer(0),
            "Ascent": .integer(Int64(scaled(font.ascender))),
            "Descent": .integer(Int64(scaled(font.descender))),
            "CapHeight": .integer(Int64(scaled(font.capHeight))),
            "StemV": .integer(Int64(50 + font.weightClass * font.weightClass / 4000)),
            "FontFile3": .reference(fontFile),
        ])))
        var widths: [PDFObject] = []
        for (cid, glyph) in glyphs.sorted(by: { $0.key < $1.key }) {
            widths += [.integer(Int64(cid)), .array([.integer(Int64(scaled(font.advanceWidth(of: glyph))))])]
        }
        let collection = font.characterCollection
        let cidFont = sink.add(.dictionary(PDFDictionary([
            "Type": .name("Font"),
            "Subtype": .name("CIDFontType0"),
            "BaseFont": .name(PDFName(name)),
            "CIDSystemInfo": .dictionary(PDFDictionary([
                "Registry": .string(PDFString(bytes: Array(collection.registry.utf8))),
                "Ordering": .string(PDFString(bytes: Array(collection.ordering.utf8))),
                "Supplement": .integer(Int64(collection.supplement)),
            ])),
            "FontDescriptor": .reference(descriptor),
            "DW": .integer(1000),
            "W": .array(widths),
        ])))
        let toUnicode = sink.addStream(PDFDictionary(["Filter": .name("FlateDecode")]),
                                       data: try FlateEncoder.encode(PDFToUnicodeCMap.text(for: cids)))
        return sink.add(.dictionary(PDFDictionary([
            "Type": .name("Font"),
            "Subtype": .name("Type0"),
            "BaseFont": .name(PDFName(name + "-Identity-H")),
            "Encoding": .name("Identity-H"),
            "DescendantFonts": .array([.reference(cidFont)]),
            "ToUnicode": .reference(toUnicode),
        ])))
    }
}
