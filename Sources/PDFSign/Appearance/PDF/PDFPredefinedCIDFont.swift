/// A ``PDFPredefinedJapaneseFont`` as a PDF Type0 font, not embedded: /Encoding
/// /UniJIS-UTF16-H, a CIDFontType0 descendant with /CIDSystemInfo Adobe-Japan1, /DW and /W,
/// and a font descriptor without a font file (ISO 32000-2 §9.7; Adobe TN #5078).
///
/// Codes are the text's UTF-16BE code units; a /ToUnicode CMap is added as well, so text
/// extraction does not depend on the reader having the predefined CMap.
package struct PDFPredefinedCIDFont: PDFTextFont {
    package let font: PDFPredefinedJapaneseFont
    /// Every character of the texts (for /ToUnicode).
    let scalars: Set<Unicode.Scalar>

    /// A font for `texts`.
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` for control characters, which the CMap
    ///   maps to no glyph.
    package init(font: PDFPredefinedJapaneseFont, texts: [String]) throws {
        self.font = font
        var scalars = Set<Unicode.Scalar>()
        for text in texts { for scalar in text.unicodeScalars { try Self.check(scalar); scalars.insert(scalar) } }
        self.scalars = scalars
    }

    private static func check(_ scalar: Unicode.Scalar) throws {
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
            throw PDFError(.unsupportedFont, "U+\(TrueTypeFont.hex(scalar.value)) is a control character, which \(PDFPredefinedJapaneseFont.encoding) maps to no glyph")
        }
    }

    package func encoded(_ text: String) throws -> PDFString {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            try Self.check(scalar)
            for unit in String(scalar).utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        }
        return PDFString(bytes: bytes, format: .hex)
    }

    package func width(of text: String, fontSize: Double) throws -> Double {
        Double(text.unicodeScalars.reduce(0) { $0 + PDFPredefinedJapaneseFont.width(of: $1) }) * fontSize / 1000
    }

    package var ascent: Double { Double(PDFPredefinedJapaneseFont.ascent) / 1000 }

    package func write(into sink: some PDFObjectSink) throws -> PDFObjectReference {
        let metrics = font.metrics
        let descriptor = sink.add(.dictionary(PDFDictionary([
            "Type": .name("FontDescriptor"),
            "FontName": .name(PDFName(font.postScriptName)),
            "Flags": .integer(Int64(metrics.flags)),
            "FontBBox": .array(metrics.boundingBox.map { .integer(Int64($0)) }),
            "ItalicAngle": .integer(0),
            "Ascent": .integer(Int64(PDFPredefinedJapaneseFont.ascent)),
            "Descent": .integer(Int64(PDFPredefinedJapaneseFont.descent)),
            "CapHeight": .integer(Int64(metrics.capHeight)),
            "StemV": .integer(Int64(metrics.stemV)),
        ])))
        let cidFont = sink.add(.dictionary(PDFDictionary([
            "Type": .name("Font"),
            "Subtype": .name("CIDFontType0"),
            "BaseFont": .name(PDFName(font.postScriptName)),
            "CIDSystemInfo": .dictionary(PDFDictionary([
                "Registry": .string(PDFString(bytes: Array("Adobe".utf8))),
                "Ordering": .string(PDFString(bytes: Array("Japan1".utf8))),
                "Supplement": .integer(Int64(PDFPredefinedJapaneseFont.supplement)),
            ])),
            "FontDescriptor": .reference(descriptor),
            "DW": .integer(1000),
            "W": .array(PDFPredefinedJapaneseFont.widthArray),
        ])))
        let toUnicode = sink.addStream(PDFDictionary(["Filter": .name("FlateDecode")]),
                                       data: try FlateEncoder.encode(PDFToUnicodeCMap.utf16Identity(for: scalars)))
        return sink.add(.dictionary(PDFDictionary([
            "Type": .name("Font"),
            "Subtype": .name("Type0"),
            "BaseFont": .name(PDFName(font.postScriptName + "-" + PDFPredefinedJapaneseFont.encoding)),
            "Encoding": .name(PDFName(PDFPredefinedJapaneseFont.encoding)),
            "DescendantFonts": .array([.reference(cidFont)]),
            "ToUnicode": .reference(toUnicode),
        ])))
    }
}
