extension PDFEmbeddedFont {
    /// Writes the font program, descriptor, CIDFont, ToUnicode CMap and Type0 font through
    /// `sink` and returns the Type0 font, for a /Font resource.
    package func write(into sink: some PDFObjectSink) throws -> PDFObjectReference {
        let baseFont = PDFObject.name(PDFName(subsetTag + "+" + font.postScriptName))
        let program = subset.fontProgram
        let fontFile = sink.addStream(
            PDFDictionary(["Length1": .integer(Int64(program.count)), "Filter": .name("FlateDecode")]),
            data: try FlateEncoder.encode(program))
        let box = font.boundingBox
        var flags: Int64 = 4  // Symbolic: glyphs are addressed by CID, not a standard encoding
        if font.isFixedPitch { flags |= 1 }
        if font.italicAngle != 0 { flags |= 64 }
        let descriptor = sink.add(.dictionary(PDFDictionary([
            "Type": .name("FontDescriptor"),
            "FontName": baseFont,
            "Flags": .integer(flags),
            "FontBBox": .array([box.xMin, box.yMin, box.xMax, box.yMax].map { .integer(Int64(scaled($0))) }),
            "ItalicAngle": .real(font.italicAngle),
            "Ascent": .integer(Int64(scaled(font.ascender))),
            "Descent": .integer(Int64(scaled(font.descender))),
            "CapHeight": .integer(Int64(scaled(font.capHeight))),
            "StemV": .integer(Int64(stemV)),
            "FontFile2": .reference(fontFile),
        ])))
        let widths = subset.advanceWidths.map { PDFObject.integer(Int64(scaled(Int($0)))) }
        let cidFont = sink.add(.dictionary(PDFDictionary([
            "Type": .name("Font"),
            "Subtype": .name("CIDFontType2"),
            "BaseFont": baseFont,
            "CIDSystemInfo": .dictionary(PDFDictionary([
                "Registry": .string(PDFString(bytes: Array("Adobe".utf8))),
                "Ordering": .string(PDFString(bytes: Array("Identity".utf8))),
                "Supplement": .integer(0),
            ])),
            "FontDescriptor": .reference(descriptor),
            "DW": .integer(1000),
            "W": .array([.integer(0), .array(widths)]),
            "CIDToGIDMap": .name("Identity"),
        ])))
        let cmap = PDFToUnicodeCMap.text(for: subset.glyphIDs)
        let toUnicode = sink.addStream(PDFDictionary(["Filter": .name("FlateDecode")]), data: try FlateEncoder.encode(cmap))
        return sink.add(.dictionary(PDFDictionary([
            "Type": .name("Font"),
            "Subtype": .name("Type0"),
            "BaseFont": baseFont,
            "Encoding": .name("Identity-H"),
            "DescendantFonts": .array([.reference(cidFont)]),
            "ToUnicode": .reference(toUnicode),
        ])))
    }

    /// A dominant vertical stem width estimated from the weight class (the font does not say).
    private var stemV: Int { 50 + font.weightClass * font.weightClass / 4000 }
}
