@testable import PDFSign
import Foundation
import Testing

/// poppler-data's Adobe-Japan1 CMaps, which poppler needs to draw a non-embedded Japanese font.
enum PopplerData {
    static let isAvailable = ["/usr/share/poppler/cMap/Adobe-Japan1/UniJIS-UTF16-H", "/usr/local/share/poppler/cMap/Adobe-Japan1/UniJIS-UTF16-H"]
        .contains { FileManager.default.fileExists(atPath: $0) }
    static let skipMessage: Comment = "needs poppler-utils and poppler-data (the Adobe-Japan1 CMaps poppler reads for non-embedded Japanese fonts)"
}

@Suite("Predefined Japanese font (HeiseiKakuGo-W5, UniJIS-UTF16-H, not embedded)")
struct PredefinedFontTests {
    @Test("Text is UTF-16BE codes; widths follow /W (ASCII proportional, half-width kana 500, the rest 1000)")
    func encodingAndWidths() throws {
        let font = try PDFPredefinedCIDFont(font: .heiseiKakuGothicW5, texts: ["A甲𠮷ｱ"])
        #expect(try font.encoded("A甲").bytes == [0x00, 0x41, 0x75, 0x32])
        #expect(try font.encoded("𠮷").bytes == [0xD8, 0x42, 0xDF, 0xB7], "a surrogate pair beyond the BMP")
        #expect(try font.width(of: "甲甲", fontSize: 10) == 20)
        #expect(try font.width(of: "ｱ", fontSize: 10) == 5)
        #expect(try font.width(of: "A", fontSize: 10) == 6.08)
        #expect(font.ascent == 0.88)
        #expect(throws: PDFError(.unsupportedFont, "")) { try PDFPredefinedCIDFont(font: .heiseiKakuGothicW5, texts: ["a\u{7}b"]) }
    }

    @Test("The /W entries for ASCII are the CIDs UniJIS-UTF16-H maps ASCII to, with the widths layout uses")
    func widthArrayMatchesLayout() throws {
        let w = PDFPredefinedJapaneseFont.widthArray
        #expect(w.count == 8 && w[0] == .integer(1))
        let proportional = try #require(w[1].arrayValue)
        #expect(proportional.count == 230)
        for code in 0x20...0x7E {
            let cid = PDFPredefinedJapaneseFont.asciiCID(code)
            #expect(proportional[cid - 1] == .integer(Int64(PDFPredefinedJapaneseFont.width(of: Unicode.Scalar(UInt8(code))))))
        }
        #expect(Set((0x20...0x7E).map(PDFPredefinedJapaneseFont.asciiCID)).count == 95, "ASCII maps to 95 distinct CIDs")
        #expect(PDFPredefinedJapaneseFont.asciiCID(0x5C) == 97 && PDFPredefinedJapaneseFont.asciiCID(0x7E) == 100)
    }

    @Test("Font dictionaries: Type0 with /UniJIS-UTF16-H, CIDFontType0 Adobe-Japan1 (supplement ≥ 2) with /DW and /W, a descriptor with the required keys and no font file")
    func dictionaries() throws {
        for predefined in PDFPredefinedJapaneseFont.allCases {
            let font = try PDFPredefinedCIDFont(font: predefined, texts: ["契約"])
            let sink = CollectingObjectSink(firstNumber: 1)
            let type0 = try #require(sink.dictionary(try font.write(into: sink)))
            #expect(type0["Type"] == .name("Font") && type0["Subtype"] == .name("Type0"))
            #expect(type0["BaseFont"] == .name(PDFName(predefined.postScriptName + "-UniJIS-UTF16-H")))
            #expect(type0["Encoding"] == .name("UniJIS-UTF16-H"))
            let cidFont = try #require(type0["DescendantFonts"]?.arrayValue?.first?.referenceValue.flatMap(sink.dictionary))
            #expect(cidFont["Subtype"] == .name("CIDFontType0"))
            #expect(cidFont["BaseFont"] == .name(PDFName(predefined.postScriptName)))
            let info = try #require(cidFont["CIDSystemInfo"]?.dictionaryValue)
            #expect(info["Registry"]?.stringValue?.bytes == Array("Adobe".utf8))
            #expect(info["Ordering"]?.stringValue?.bytes == Array("Japan1".utf8))
            #expect((info["Supplement"]?.integerValue ?? 0) >= 2)
            #expect(cidFont["DW"] == .integer(1000))
            #expect(cidFont["W"]?.arrayValue?.isEmpty == false)
            #expect(cidFont["CIDToGIDMap"] == nil)
            let descriptor = try #require(cidFont["FontDescriptor"]?.referenceValue.flatMap(sink.dictionary))
            for key in ["Type", "FontName", "Flags", "FontBBox", "ItalicAngle", "Ascent", "Descent", "CapHeight", "StemV"] {
                #expect(descriptor[PDFName(key)] != nil, "FontDescriptor lacks /\(key)")
            }
            #expect(descriptor["FontName"] == .name(PDFName(predefined.postScriptName)))
            #expect((descriptor["Flags"]?.integerValue ?? 0) & 4 == 4, "Symbolic")
            for key in ["FontFile", "FontFile2", "FontFile3"] { #expect(descriptor[PDFName(key)] == nil) }
            let toUnicode = try #require(type0["ToUnicode"]?.referenceValue)
            let cmap = String(decoding: try sink.decodedStream(toUnicode), as: UTF8.self)
            #expect(cmap.contains("<5951> <5951>") && cmap.contains("<7D04> <7D04>"), "\(cmap)")
        }
    }

    static let contractText = "第1条（目的）甲は乙に対し、本業務を委託する。委託料は金1,100,000円 (PAdES B-LTA) とする。"

    @Test("pdftotext reads the text back; pdffonts lists a non-embedded CID Type 0 font; pdftoppm draws it",
          .enabled(if: ExternalPDFTools.popplerAvailable, "needs pdftoppm, pdffonts and pdftotext (Debian package poppler-utils)"),
          .enabled(if: PopplerData.isAvailable, PopplerData.skipMessage))
    func popplerRoundTrip() async throws {
        let bytes = try PDFTextDocument(
            paragraphs: [.init("業務委託契約書", fontSize: 20), .init(Self.contractText)],
            font: .predefined(.heiseiKakuGothicW5), title: "テスト").pdfBytes()
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("predefined.pdf").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let text = String(decoding: try await ExternalPDFTools.run("pdftotext", [path, "-"]), as: UTF8.self)
        #expect(text.contains("業務委託契約書"), "\(text)")
        #expect(text.replacingOccurrences(of: "\n", with: "").contains(Self.contractText), "\(text)")
        let fonts = String(decoding: try await ExternalPDFTools.run("pdffonts", [path]), as: UTF8.self)
        let row = try #require(fonts.split(separator: "\n").first { $0.contains("HeiseiKakuGo-W5") }, "\(fonts)")
        #expect(row.contains("CID Type 0") && row.contains("UniJIS-UTF16-H") && row.contains("no  no  yes"), "\(row)")
        // The title line (20 pt, 29 pt line from y = 64 + 4 below the top edge, baseline about 90 pt from the top)
        // has ink where the text is, in whatever font poppler substitutes; the next paragraph starts below 96 pt.
        let image = try PPMImage(try await ExternalPDFTools.run("pdftoppm", ["-r", "72", "-singlefile", path]))
        #expect(image.inkCount(x: 64..<204, y: 60..<96) > 300, "the title is drawn")
        #expect(image.inkCount(x: 300..<595, y: 60..<96) == 0, "nothing beyond the title's 7 full-width characters")
    }
}
