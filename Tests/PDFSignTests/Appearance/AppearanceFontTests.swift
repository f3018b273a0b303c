@testable import PDFSign
import Foundation
import Testing

/// IPAex Gothic, when installed (Debian: fonts-ipaexfont-gothic).
enum JapaneseTestFont {
    static let path = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
    static let isAvailable = FileManager.default.fileExists(atPath: path)
    static let skipMessage: Comment = "needs IPAex Gothic at \(path) (Debian package fonts-ipaexfont-gothic)"
    static func load() throws -> TrueTypeFont { try TrueTypeFont(data: Array(FileManager.default.contents(atPath: path)!)) }
    static let sampleText = "署名者: 山田 太郎 2026-11-26 理由: 契約締結"
}

@Suite("TrueType fonts: parsing and subsetting")
struct AppearanceFontTests {
    @Test("IPAex Gothic parses: metrics, names, cmap", .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func parsesIPAex() throws {
        let font = try JapaneseTestFont.load()
        #expect(font.postScriptName == "IPAexGothic")
        #expect(font.unitsPerEm == 2048)
        #expect(font.glyphCount > 10_000)
        #expect(font.ascender > 0 && font.descender < 0)
        for scalar in JapaneseTestFont.sampleText.unicodeScalars { #expect(font.glyphID(for: scalar) != nil, "no glyph for \(scalar)") }
        #expect(font.glyphID(for: "A") != font.glyphID(for: "B"))
    }

    @Test("IPAex subset: exactly the used glyphs, remapped cmap, same outlines and advances, valid checksums",
          .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func subsetsIPAex() throws {
        let font = try JapaneseTestFont.load()
        let text = JapaneseTestFont.sampleText
        let subset = try font.subset(for: text)
        let reparsed = try TrueTypeFont(data: subset.fontProgram)

        let used = Set(text.unicodeScalars.map { font.glyphID(for: $0)! })
        #expect(subset.originalGlyphIDs == ([0] + used.sorted()))
        #expect(reparsed.glyphCount == used.count + 1)
        #expect(reparsed.unitsPerEm == font.unitsPerEm)
        #expect(reparsed.postScriptName == font.postScriptName)
        for scalar in text.unicodeScalars {
            let newID = try #require(reparsed.glyphID(for: scalar))
            #expect(newID == subset.glyphIDs[scalar])
            #expect(subset.originalGlyphIDs[Int(newID)] == font.glyphID(for: scalar))
        }
        for (newID, oldID) in subset.originalGlyphIDs.enumerated() {
            let original = Array(try font.glyphData(oldID)), copied = Array(try reparsed.glyphData(UInt16(newID)))
            #expect(try TrueTypeGlyph.componentIndexPositions(in: original).isEmpty, "IPAex glyphs used here are simple")
            let trimmedCopy = copied.count > original.count ? Array(copied[..<original.count]) : copied
            #expect(trimmedCopy == original, "glyph \(oldID) outline differs")
            #expect(copied.count - original.count < 4 && copied[original.count...].allSatisfy { $0 == 0 })
            #expect(reparsed.advanceWidth(of: UInt16(newID)) == font.advanceWidth(of: oldID))
        }
        #expect(reparsed.glyphID(for: "X") == nil)
        Self.expectValidChecksums(subset.fontProgram)
        if let keep = ProcessInfo.processInfo.environment["APPEARANCE_KEEP_DIR"] {
            try Data(subset.fontProgram).write(to: URL(fileURLWithPath: keep).appendingPathComponent("subset.ttf"))
        }
    }

    /// Every table's directory checksum matches, and the whole file sums to 0xB1B0AFBA.
    static func expectValidChecksums(_ font: [UInt8]) {
        let reader = SFNTReader(bytes: font)
        #expect(TrueTypeSubsetWriter.checksum(font) == 0xB1B0_AFBA)
        let count = Int(try! reader.uint16(4))
        for index in 0..<count {
            let record = 12 + index * 16
            let tag = try! reader.tag(record)
            let offset = Int(try! reader.uint32(record + 8)), length = Int(try! reader.uint32(record + 12))
            #expect(offset % 4 == 0, "table \(tag) is not 4-byte aligned")
            var table = Array(font[offset..<(offset + length)])
            if tag == "head" { table.setUInt32(0, at: 8) }
            #expect(TrueTypeSubsetWriter.checksum(table) == (try! reader.uint32(record + 4)), "checksum of \(tag)")
        }
    }

    @Test("systemJapaneseFont finds IPAex Gothic on Debian", .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func systemFont() throws {
        #expect(try TrueTypeFont.systemJapaneseFont().postScriptName == "IPAexGothic")
    }

    @Test("Composite glyphs: components collected recursively and their indices remapped")
    func compositeRemapping() throws {
        let font = try TrueTypeFont(data: TestFontBuilder.font())
        #expect(font.postScriptName == "Test-Font")
        #expect(font.advanceWidth(of: 7) == 560, "glyphs past numberOfHMetrics take the last advance")
        let subset = try font.subset(for: "BD")
        #expect(subset.originalGlyphIDs == [0, 1, 3, 4, 6, 7])
        let reparsed = try TrueTypeFont(data: subset.fontProgram)
        let b = try #require(reparsed.glyphID(for: "B"))
        #expect(b == 2)
        let bBytes = Array(try reparsed.glyphData(b))
        let components = try TrueTypeGlyph.componentIndexPositions(in: bBytes).map { UInt16(bBytes[$0]) << 8 | UInt16(bBytes[$0 + 1]) }
        #expect(components == [1, 3], "old glyphs 1 and 4 become 1 and 3")
        let dBytes = Array(try reparsed.glyphData(try #require(reparsed.glyphID(for: "D"))))
        #expect(dBytes[12] == 0 && dBytes[13] == 5, "old glyph 7 becomes 5")
        #expect(reparsed.advanceWidth(of: 5) == 560)
        Self.expectValidChecksums(subset.fontProgram)
    }

    @Test("DejaVu Sans: real composite glyphs (accented letters) keep their components, remapped",
          .enabled(if: FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), "needs DejaVu Sans (fonts-dejavu-core)"))
    func dejaVuComposites() throws {
        let font = try TrueTypeFont(data: Array(FileManager.default.contents(atPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")!))
        let text = "Åéñ"
        let subset = try font.subset(for: text)
        let reparsed = try TrueTypeFont(data: subset.fontProgram)
        var compositeCount = 0
        for newID in 0..<reparsed.glyphCount {
            let bytes = Array(try reparsed.glyphData(UInt16(newID)))
            let original = Array(try font.glyphData(subset.originalGlyphIDs[newID]))
            let positions = try TrueTypeGlyph.componentIndexPositions(in: bytes)
            if !positions.isEmpty { compositeCount += 1 }
            for position in positions {
                let newComponent = UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
                let oldComponent = UInt16(original[position]) << 8 | UInt16(original[position + 1])
                #expect(subset.originalGlyphIDs[Int(newComponent)] == oldComponent)
            }
        }
        #expect(compositeCount >= 1, "DejaVu builds accented letters from components")
        #expect(subset.originalGlyphIDs.count > text.unicodeScalars.count + 1, "components were added")
        Self.expectValidChecksums(subset.fontProgram)
        if let keep = ProcessInfo.processInfo.environment["APPEARANCE_KEEP_DIR"] {
            try Data(subset.fontProgram).write(to: URL(fileURLWithPath: keep).appendingPathComponent("dejavu-subset.ttf"))
        }
    }

    @Test("Characters beyond the BMP: format 12 cmap in and out")
    func astralCharacters() throws {
        let font = try TrueTypeFont(data: TestFontBuilder.font())
        let subset = try font.subset(for: "A\u{1F600}")
        let reparsed = try TrueTypeFont(data: subset.fontProgram)
        #expect(reparsed.glyphID(for: "\u{1F600}") == subset.glyphIDs["\u{1F600}"])
        #expect(reparsed.glyphID(for: "A") == 1)
    }

    @Test("A character without a glyph is named as U+XXXX")
    func missingCharacter() throws {
        let font = try TrueTypeFont(data: TestFontBuilder.font())
        let error = try #require(throws: PDFError.self) { try font.subset(for: "AZ") }
        #expect(error.code == .unsupportedFont)
        #expect(error.reason.contains("U+005A"))
        if JapaneseTestFont.isAvailable {
            let japanese = try JapaneseTestFont.load()
            let astral = try #require(throws: PDFError.self) { try japanese.subset(for: "山\u{1F600}") }
            #expect(astral.reason.contains("U+1F600"))
        }
    }

    @Test("A composite glyph that contains itself is refused")
    func compositeCycle() throws {
        let font = try TrueTypeFont(data: TestFontBuilder.font())
        #expect(throws: PDFError(.unsupportedFont, "")) { try font.subset(for: "C") }
    }

    @Test("CFF-outline OpenType is refused as unsupported")
    func cffRefused() throws {
        var bytes = TestFontBuilder.font()
        bytes.setUInt32(0x4F54_544F, at: 0)
        let error = try #require(throws: PDFError.self) { try TrueTypeFont(data: bytes) }
        #expect(error.code == .unsupportedFont && error.reason.contains("CFF"))
    }

    @Test("TrueType collections: fonts chosen by index, a bad index refused")
    func collection() throws {
        let single = TestFontBuilder.font()
        var ttc: [UInt8] = Array("ttcf".utf8)
        ttc.appendUInt32(0x0001_0000); ttc.appendUInt32(1); ttc.appendUInt32(16)
        // The table offsets of the embedded font are file offsets: shift them by 16.
        var shifted = single
        let count = Int(UInt16(single[4]) << 8 | UInt16(single[5]))
        for index in 0..<count {
            let at = 12 + index * 16 + 8
            let old = SFNTReaderTestAccess.uint32(single, at)
            shifted.setUInt32(old + 16, at: at)
        }
        ttc += shifted
        let font = try TrueTypeFont(data: ttc, collectionIndex: 0)
        #expect(font.glyphID(for: "A") == 1)
        #expect(throws: PDFError(.unsupportedFont, "")) { try TrueTypeFont(data: ttc, collectionIndex: 1) }
    }
}

enum SFNTReaderTestAccess {
    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 { try! SFNTReader(bytes: bytes).uint32(offset) }
}
