import Foundation
@testable import PDFSign
import Testing

@Suite("PDFTextDocument and the sample seal")
struct TextDocumentTests {
    static func contract(paragraphs: Int) throws -> [UInt8] {
        let font = try JapaneseTestFont.load()
        let text = "第1条（目的）甲は乙に対し、本契約に定める業務を委託し、乙はこれを受託する。委託料は金1,100,000円とする。"
        return try PDFTextDocument(
            paragraphs: [.init("業務委託契約書", fontSize: 20)] + Array(repeating: .init(text), count: paragraphs),
            font: font, title: "テスト").pdfBytes()
    }

    @Test("a Japanese text document reads back: pages, our reader, poppler's text and font checks",
          .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func japaneseDocument() async throws {
        let bytes = try Self.contract(paragraphs: 60)
        let document = try PDFDocument(bytes: bytes)
        #expect(!document.wasRepaired && document.xrefIrregularities.isEmpty)
        #expect(try document.pageCount() >= 3, "60 paragraphs of two lines flow over several A4 pages")
        #expect(try document.info()?["Title"]?.stringValue?.textValue == "テスト")
        guard ExternalPDFTools.popplerAvailable else { return }
        let directory = try ExternalPDFTools.temporaryDirectory()
        let path = directory.appendingPathComponent("contract.pdf").path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let text = String(decoding: try await ExternalPDFTools.run("pdftotext", [path, "-"]), as: UTF8.self)
        #expect(text.contains("業務委託契約書"))
        #expect(text.replacingOccurrences(of: "\n", with: "").contains("甲は乙に対し、本契約に定める業務を委託し"))
        let fonts = String(decoding: try await ExternalPDFTools.run("pdffonts", [path]), as: UTF8.self)
        #expect(fonts.contains("CID TrueType") && fonts.contains("yes yes yes"), "\(fonts)")
    }

    @Test("a line never starts with closing punctuation (行頭禁則)", .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func kinsoku() throws {
        let font = try JapaneseTestFont.load()
        let embedded = try PDFEmbeddedFont(font: font, texts: ["あ、"])
        // 40 characters fit exactly in the width; the 41st is "、", which must not start a line.
        let width = try embedded.width(of: String(repeating: "あ", count: 40), fontSize: 10)
        let text = String(repeating: "あ", count: 40) + "、" + "あ"
        let lines = try PDFTextDocument.wrap(text, font: embedded, size: 10, width: width)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { !($0.first.map { PDFTextDocument.noLineStart.contains($0) } ?? false) }, "\(lines)")
    }

    @Test("the sample seal is a transparent RGBA PNG that decodes")
    func sampleSeal() throws {
        let seal = try PDFStampImage.sampleSeal(diameter: 64)
        #expect(seal.width == 64 && seal.height == 64)
        #expect(seal.hasTransparency)
    }
}
