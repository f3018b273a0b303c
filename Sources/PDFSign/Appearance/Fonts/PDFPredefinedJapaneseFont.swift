/// A Japanese font that PDF readers are expected to supply, so that nothing is embedded:
/// a CIDFontType0 font of the Adobe-Japan1 character collection (Adobe TN #5078) named by
/// its PostScript name, with the predefined CMap /UniJIS-UTF16-H (ISO 32000-2 §9.7.5.2).
///
/// Readers show it in a Japanese font of their own (Acrobat's Asian font pack, or a system
/// font that poppler, pdf.js or MuPDF substitute), as iText's font-asian does. The glyph shapes
/// therefore depend on the reader; the text, its positions (from the /W widths written here)
/// and its extraction do not. Use it when no Japanese font file is at hand.
public enum PDFPredefinedJapaneseFont: String, Sendable, CaseIterable {
    /// Heisei Kaku Gothic W5 (sans serif).
    case heiseiKakuGothicW5 = "HeiseiKakuGo-W5"
    /// Heisei Mincho W3 (serif).
    case heiseiMinchoW3 = "HeiseiMin-W3"

    /// The PostScript name (the descendant CIDFont's /BaseFont).
    public var postScriptName: String { rawValue }

    /// The predefined CMap the text is encoded with: UTF-16BE codes to Adobe-Japan1 CIDs.
    public static let encoding = "UniJIS-UTF16-H"

    /// The Adobe-Japan1 supplement declared in /CIDSystemInfo.
    public static let supplement = 2

    /// Font descriptor metrics in glyph space (1000 per em): the Adobe-Japan1 ideographic em box
    /// (ascent 880, descent −120) and the bounding box and stems commonly given for these fonts.
    var metrics: (boundingBox: [Int], capHeight: Int, stemV: Int, flags: Int) {
        switch self {
        case .heiseiKakuGothicW5: ([-92, -250, 1010, 922], 737, 114, 4)  // Symbolic
        case .heiseiMinchoW3: ([-123, -257, 1001, 910], 709, 69, 6)  // Serif, Symbolic
        }
    }

    static let ascent = 880, descent = -120

    /// Proportional widths of U+0020…U+007E in glyph space, as Japanese Gothic designs of
    /// Adobe-Japan1 give them (these are Source Han Sans / Noto Sans CJK JP's), so that Latin text
    /// in the reader's substitute font neither overlaps nor gapes.
    static let asciiWidths: [Int] = [
        224, 323, 474, 555, 555, 921, 680, 278, 338, 338, 467, 555, 278, 347, 278, 392,
        555, 555, 555, 555, 555, 555, 555, 555, 555, 555, 278, 278, 555, 555, 555, 474,
        946, 608, 657, 638, 688, 589, 552, 689, 728, 293, 535, 646, 543, 812, 723, 742,
        633, 742, 635, 596, 599, 721, 575, 878, 573, 531, 603, 338, 392, 338, 555, 559,
        606, 563, 618, 510, 620, 554, 325, 564, 607, 275, 275, 552, 284, 926, 610, 606,
        620, 620, 388, 468, 377, 607, 521, 802, 498, 521, 475, 338, 270, 338, 555,
    ]

    /// The Adobe-Japan1 CID that /UniJIS-UTF16-H gives an ASCII character (U+0020…U+007E).
    static func asciiCID(_ code: Int) -> Int {
        switch code {
        case 0x20...0x5B: code - 0x20 + 1
        case 0x5C: 97
        case 0x5D...0x7B: code - 0x5D + 62
        case 0x7C: 99
        case 0x7D: 94
        default: 100  // 0x7E
        }
    }

    /// Latin-1 characters that /UniJIS-UTF16-H maps to full-width CIDs (§ ¨ ° ± ´ ¶ × ÷).
    static let fullWidthLatin1: Set<UInt32> = [0xA7, 0xA8, 0xB0, 0xB1, 0xB4, 0xB6, 0xD7, 0xF7]

    /// The /W array: CIDs 1–230 (proportional Latin; ASCII at ``asciiWidths``, the rest 500),
    /// 231–389 (half-width forms) and 631 at 500; everything else takes /DW 1000.
    static var widthArray: [PDFObject] {
        var proportional = Array(repeating: 500, count: 230)
        for code in 0x20...0x7E { proportional[asciiCID(code) - 1] = asciiWidths[code - 0x20] }
        return [.integer(1), .array(proportional.map { .integer(Int64($0)) }),
                .integer(231), .integer(389), .integer(500), .integer(631), .integer(631), .integer(500)]
    }

    /// The advance of one character in glyph space, as the /W written for the font gives it.
    static func width(of scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x20...0x7E: asciiWidths[Int(scalar.value) - 0x20]
        case 0xA0: asciiWidths[0]  // no-break space: CID 1, as the space
        case 0xA1...0xFF: fullWidthLatin1.contains(scalar.value) ? 1000 : 500
        case 0xFF61...0xFF9F: 500
        default: 1000
        }
    }
}
