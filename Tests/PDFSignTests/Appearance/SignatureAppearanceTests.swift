@testable import PDFSign
import Foundation
import Testing

@Suite("Signature appearance: layout and Form XObject")
struct SignatureAppearanceTests {
    static let lines = ["署名者: 山田 太郎", "2026-11-26", "理由: 契約締結"]

    @Test("Rectangles must be finite with positive size")
    func rectangles() throws {
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFRectangle(x: 0, y: 0, width: 0, height: 10) }
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFRectangle(x: .nan, y: 0, width: 10, height: 10) }
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFRectangle(x: 0, y: 0, width: 10, height: -.infinity) }
        let rectangle = try PDFRectangle(x: 1, y: 2, width: 3, height: 4)
        #expect(rectangle.pdfArray == .array([.real(1), .real(2), .real(4), .real(6)]))
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFSignatureAppearance(pageIndex: -1, rectangle: rectangle) }
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFSignatureAppearance(pageIndex: 0, rectangle: rectangle, fontSize: 0) }
    }

    /// The Form XObject's dictionary and decoded content.
    static func form(_ appearance: PDFSignatureAppearance) throws -> (CollectingObjectSink, PDFDictionary, String) {
        let sink = CollectingObjectSink(firstNumber: 10)
        let reference = try appearance.makeFormXObject(into: sink)
        let dictionary = try #require(sink.dictionary(reference))
        return (sink, dictionary, String(decoding: try sink.decodedStream(reference), as: UTF8.self))
    }

    @Test("Stamp on the left, text to its right, auto-fitted at 12 pt when there is room", .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func layoutWithStamp() throws {
        let appearance = try PDFSignatureAppearance(
            pageIndex: 0, rectangle: try PDFRectangle(x: 50, y: 50, width: 200, height: 60), textLines: Self.lines,
            font: try JapaneseTestFont.load(), stamp: try PDFStampImage(data: try TestPNGEncoder.redSeal()))
        let (sink, dictionary, content) = try Self.form(appearance)
        #expect(dictionary.name("Subtype") == "Form" && dictionary.name("Type") == "XObject")
        #expect(dictionary["BBox"] == .array([.integer(0), .integer(0), .real(200), .real(60)]))
        let resources = try #require(dictionary["Resources"]?.dictionaryValue)
        let fontReference = try #require(resources["Font"]?.dictionaryValue?["F1"]?.referenceValue)
        #expect(resources["XObject"]?.dictionaryValue?["Im1"]?.referenceValue != nil)
        #expect(content.contains("q 56 0 0 56 2 2 cm /Im1 Do Q"), "square 56 pt image box inside 2 pt padding:\n\(content)")
        #expect(content.contains("BT /F1 12 Tf 0 g 62 "), "text starts right of the 60 pt stamp square:\n\(content)")
        #expect(content.components(separatedBy: " Tj ET").count == 4)

        let type0 = try #require(sink.dictionary(fontReference))
        #expect(type0.name("Subtype") == "Type0" && type0.name("Encoding") == "Identity-H")
        let baseFont = try #require(type0.name("BaseFont")?.string)
        #expect(baseFont.range(of: "^[A-Z]{6}\\+IPAexGothic$", options: .regularExpression) != nil, "\(baseFont)")
        let cidFont = try #require(type0["DescendantFonts"]?.arrayValue?.first?.referenceValue.flatMap(sink.dictionary))
        #expect(cidFont.name("Subtype") == "CIDFontType2" && cidFont.name("CIDToGIDMap") == "Identity")
        let descriptor = try #require(cidFont["FontDescriptor"]?.referenceValue.flatMap(sink.dictionary))
        let fontFile = try #require(descriptor["FontFile2"]?.referenceValue)
        let program = try sink.decodedStream(fontFile)
        #expect(sink.dictionary(fontFile)?.integer("Length1") == program.count)
        #expect(try TrueTypeFont(data: program).glyphCount < 40)
        let toUnicode = try #require(type0["ToUnicode"]?.referenceValue)
        let cmap = String(decoding: try sink.decodedStream(toUnicode), as: UTF8.self)
        #expect(cmap.contains("beginbfchar") && cmap.contains("<7F72>"), "署 is U+7F72")
    }

    @Test("Long text shrinks; text too wide at 4 pt is refused", .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func autoFit() throws {
        let font = try JapaneseTestFont.load()
        let rectangle = try PDFRectangle(x: 0, y: 0, width: 120, height: 40)
        let long = try PDFSignatureAppearance(pageIndex: 0, rectangle: rectangle, textLines: ["署名者: 山田 太郎 (株式会社サンプル)"], font: font)
        let (_, _, content) = try Self.form(long)
        let size = try #require(content.firstMatch(of: /\/F1 ([0-9.]+) Tf/).map { Double($0.1)! })
        #expect(size < 12 && size >= 4)
        let fitted = try PDFEmbeddedFont(font: font, texts: long.textLines)
        #expect(try fitted.width(of: long.textLines[0], fontSize: size) <= 116)
        #expect(try fitted.width(of: long.textLines[0], fontSize: size + 0.5) > 116, "the largest size that fits")

        let tooWide = try PDFSignatureAppearance(pageIndex: 0, rectangle: rectangle, textLines: [String(repeating: "契約", count: 40)], font: font)
        let error = try #require(throws: PDFError.self) { try Self.form(tooWide) }
        #expect(error.code == .invalidArgument && error.reason.contains("wide"))
        let explicitTooBig = try PDFSignatureAppearance(pageIndex: 0, rectangle: rectangle, textLines: Self.lines, font: font, fontSize: 30)
        #expect(throws: PDFError(.invalidArgument, "")) { try Self.form(explicitTooBig) }
    }

    @Test("Without a stamp the text spans the full width; widths and CIDs of the embedded font")
    func textOnly() throws {
        let font = try TrueTypeFont(data: TestFontBuilder.font())
        let appearance = try PDFSignatureAppearance(pageIndex: 0, rectangle: try PDFRectangle(x: 0, y: 0, width: 100, height: 20), textLines: ["AB"], font: font, fontSize: 10)
        let (sink, dictionary, content) = try Self.form(appearance)
        #expect(content == "BT /F1 10 Tf 0 g 2 10 Td <00010002> Tj ET\n", "baseline at 20 − 2 − 0.8 × 10")
        #expect(dictionary["Resources"]?.dictionaryValue?["XObject"] == nil)
        let embedded = try PDFEmbeddedFont(font: font, texts: ["AB"])
        #expect(try embedded.width(of: "AB", fontSize: 10) == (510 + 530) * 10 / 1000)
        #expect(try embedded.encoded("BA") == PDFString(bytes: [0, 2, 0, 1], format: .hex))
        #expect(throws: PDFError(.unsupportedFont, "")) { try embedded.encoded("D") }
        let type0 = sink.objects.values.compactMap(\.dictionaryValue).first { $0.name("Subtype") == "CIDFontType2" }
        #expect(type0?["W"] == .array([.integer(0), .array([.integer(500), .integer(510), .integer(530), .integer(540)])]))
    }

    @Test("ToUnicode maps characters beyond the BMP to surrogate pairs")
    func toUnicodeSurrogates() {
        let cmap = String(decoding: PDFToUnicodeCMap.text(for: ["A": 1, "\u{1F600}": 2]), as: UTF8.self)
        #expect(cmap.contains("2 beginbfchar\n<0001> <0041>\n<0002> <D83DDE00>\nendbfchar"))
    }
}
