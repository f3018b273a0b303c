@testable import PDFSign
import Foundation
import Testing

/// Noto Sans CJK JP (face 0 of the collection), when installed (Debian: fonts-noto-cjk).
enum NotoTestFont {
    static let path = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    static let isAvailable = FileManager.default.fileExists(atPath: path)
    static let skipMessage: Comment = "needs Noto Sans CJK at \(path) (Debian package fonts-noto-cjk)"
    static func load() throws -> OpenTypeCFFFont { try OpenTypeCFFFont(data: Array(FileManager.default.contents(atPath: path)!)) }
}

@Suite("OpenType CFF fonts: parsing, subsetting, embedding as CIDFontType0C")
struct CFFFontTests {
    @Test("The test font parses: CIDs from the charset, Font DICTs from FDSelect, ROS, widths from hmtx")
    func parsesTestFont() throws {
        let font = try OpenTypeCFFFont(data: TestCFFFontBuilder.font())
        #expect(font.glyphCount == 8)
        #expect(font.postScriptName == "Test-Font")
        #expect(font.characterCollection.registry == "Adobe" && font.characterCollection.ordering == "Identity")
        #expect(font.cff.cids == (0..<8).map(TestCFFFontBuilder.cid))
        #expect(font.cff.fdIndices == [0, 0, 0, 0, 1, 1, 1, 1])
        #expect(font.glyphID(for: "A") == 1 && font.cid(of: 1) == 103)
        #expect(font.advanceWidth(of: 1) == 510)
        #expect(font.glyphID(for: "Z") == nil)
    }

    @Test("A subset keeps the CIDs and the outlines, the Font DICTs used, and only the subroutines called")
    func subsetsTestFont() throws {
        let font = try OpenTypeCFFFont(data: TestCFFFontBuilder.font())
        // 'A' is glyph 1 (Font DICT 0, hintmask, global subroutine 0); 'D' is glyph 6 (Font DICT 1, local subroutine 1).
        let subset = try CFFFont(data: try font.subsetProgram(glyphs: [1, 6]))
        #expect(subset.cids == [0, 103, 118])
        #expect(subset.fontDicts.count == 2 && subset.fdIndices == [0, 0, 1])
        for (new, old) in [0, 1, 6].enumerated() {
            #expect(Array(subset.data[subset.charStrings.range(new)]) == TestCFFFontBuilder.charString(old))
        }
        func element(_ index: CFFIndex?, _ number: Int) -> [UInt8] { index.map { Array(subset.data[$0.range(number)]) } ?? [] }
        #expect(element(subset.globalSubrs, 0) == TestCFFFontBuilder.subroutines[0])
        #expect(element(subset.globalSubrs, 1) == [11], "an uncalled subroutine is emptied")
        #expect(element(subset.fontDicts[1].localSubrs, 1) == TestCFFFontBuilder.subroutines[1])
        #expect(element(subset.fontDicts[1].localSubrs, 0) == [11])
        #expect(element(subset.fontDicts[0].localSubrs, 1) == [11])
        #expect(subset.registry == "Adobe" && subset.fontName == "Test-CFF")
    }

    @Test("The PDF objects: Type0 Identity-H over CIDFontType0 with /FontFile3 /CIDFontType0C, no CIDToGIDMap, /W by CID")
    func pdfObjects() throws {
        let font = try PDFEmbeddedCFFFont(font: try OpenTypeCFFFont(data: TestCFFFontBuilder.font()), texts: ["AD"])
        #expect(try font.encoded("DA").bytes == [0, 118, 0, 103])
        #expect(try font.width(of: "AD", fontSize: 10) == Double(510 + 560) / 100)
        #expect(throws: PDFError(.unsupportedFont, "")) { try font.encoded("B") }
        let sink = CollectingObjectSink(firstNumber: 1)
        let type0 = try #require(sink.dictionary(try font.write(into: sink)))
        #expect(type0["Subtype"] == .name("Type0") && type0["Encoding"] == .name("Identity-H"))
        #expect(type0["ToUnicode"]?.referenceValue != nil)
        let cidFont = try #require(type0["DescendantFonts"]?.arrayValue?.first?.referenceValue.flatMap(sink.dictionary))
        #expect(cidFont["Subtype"] == .name("CIDFontType0"))
        #expect(cidFont["CIDToGIDMap"] == nil)
        #expect(cidFont["W"] == .array([.integer(0), .array([.integer(500)]), .integer(103), .array([.integer(510)]), .integer(118), .array([.integer(560)])]))
        let descriptor = try #require(cidFont["FontDescriptor"]?.referenceValue.flatMap(sink.dictionary))
        for key in ["Type", "FontName", "Flags", "FontBBox", "ItalicAngle", "Ascent", "Descent", "CapHeight", "StemV"] {
            #expect(descriptor[PDFName(key)] != nil, "FontDescriptor lacks /\(key)")
        }
        let fileReference = try #require(descriptor["FontFile3"]?.referenceValue)
        #expect(sink.dictionary(fileReference)?["Subtype"] == .name("CIDFontType0C"))
        let program = try CFFFont(data: try sink.decodedStream(fileReference))
        #expect(program.cids == [0, 103, 118])
    }

    /// Parses, subsets "ABCD" and writes; returns the error code, or nil when all succeeded.
    static func outcome(_ bytes: [UInt8]) -> PDFError.Code? {
        do {
            let font = try OpenTypeCFFFont(data: bytes)
            _ = try PDFEmbeddedCFFFont(font: font, texts: ["ABCD"]).write(into: CollectingObjectSink(firstNumber: 1))
            return nil
        } catch let error as PDFError {
            return error.code
        } catch {
            Issue.record("untyped error \(error)")
            return nil
        }
    }

    @Test("Every truncation of an OpenType CFF font is refused with unsupportedFont")
    func truncations() {
        let font = TestCFFFontBuilder.font()
        let cff = TestFontBuilder.tableRange("CFF ", in: font)
        for length in 0..<font.count where length < cff.upperBound {
            #expect(Self.outcome(Array(font[..<length])) == .unsupportedFont, "prefix of \(length) bytes")
        }
        // The CFF table on its own, cut anywhere.
        let table = TestCFFFontBuilder.cff()
        for length in 0..<table.count {
            #expect(throws: PDFError(.unsupportedFont, "")) { try CFFFont(data: Array(table[..<length])) }
        }
    }

    @Test("Every single-byte corruption of the CFF table is either accepted or refused with unsupportedFont")
    func corruptions() {
        let font = TestCFFFontBuilder.font()
        let cff = TestFontBuilder.tableRange("CFF ", in: font)
        var refused = 0
        for position in cff {
            for value: UInt8 in [0x00, 0x0C, 0x1D, 0x7F, 0xFF] {
                var bytes = font
                bytes[position] = value
                let code = Self.outcome(bytes)
                #expect(code == nil || code == .unsupportedFont)
                if code != nil { refused += 1 }
            }
        }
        #expect(refused > 0)
    }

    @Test("TrueType outlines, CFF2, name-keyed CFF and garbage are refused with unsupportedFont")
    func refusals() throws {
        #expect(throws: PDFError(.unsupportedFont, "")) { try OpenTypeCFFFont(data: TestFontBuilder.font()) }
        var tables = TestFontBuilder.tables()
        tables["CFF2"] = [2, 0, 5, 0, 0]
        var cff2 = TrueTypeSubsetWriter.assemble(tables)
        cff2.setUInt32(0x4F54_544F, at: 0)
        #expect(throws: PDFError(.unsupportedFont, "")) { try OpenTypeCFFFont(data: cff2) }
        // A name-keyed CFF: one empty Top DICT.
        var nameKeyed: [UInt8] = [1, 0, 4, 1]
        CFFIndex.write([ArraySlice(Array("N".utf8))], into: &nameKeyed)
        CFFIndex.write([[139, 139, 139, 139, 5]], into: &nameKeyed)  // FontBBox 0 0 0 0
        CFFIndex.write([], into: &nameKeyed)
        CFFIndex.write([], into: &nameKeyed)
        let error = #expect(throws: PDFError.self) { try CFFFont(data: nameKeyed) }
        #expect(error?.code == .unsupportedFont && error?.reason.contains("name-keyed") == true, "\(String(describing: error))")
        #expect(throws: PDFError(.unsupportedFont, "")) { try PDFFont(data: Array("not a font at all".utf8)) }
        #expect(try PDFFont(data: TestCFFFontBuilder.font()).kind == .embeddedCFF)
        #expect(try PDFFont(data: TestFontBuilder.font()).kind == .embeddedTrueType)
    }

    @Test("Noto Sans CJK JP: the Japanese face of the collection, a small subset with the CIDs of the text",
          .enabled(if: NotoTestFont.isAvailable, NotoTestFont.skipMessage))
    func noto() throws {
        let font = try NotoTestFont.load()
        #expect(font.postScriptName == "NotoSansCJKjp-Regular")
        #expect(font.glyphCount > 60_000)
        let text = JapaneseTestFont.sampleText
        let embedded = try PDFEmbeddedCFFFont(font: font, texts: [text])
        let program = try font.subsetProgram(glyphs: Set(embedded.glyphs.values))
        let subset = try CFFFont(data: program)
        #expect(Set(subset.cids) == Set(embedded.glyphs.keys))
        #expect(program.count < 150_000, "the subset of \(text.count) characters is \(program.count) bytes (the whole CFF is ~15 MB)")
        // Truncations of the real font's CFF table are typed errors too.
        let cff = font.cff.data
        for length in [0, 3, 10, 100, 1_000, 10_000, cff.count / 2, cff.count - 1] {
            #expect(throws: PDFError(.unsupportedFont, "")) { try CFFFont(data: Array(cff[..<length])) }
        }
    }
}
