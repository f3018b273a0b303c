@testable import PDFSign
import Testing

@Suite("TrueType fonts: hostile data gives typed errors, never a trap")
struct AppearanceHostileFontTests {
    /// Parses and subsets; returns the error code, or nil when both succeeded.
    static func outcome(_ bytes: [UInt8], text: String = "ABD") -> PDFError.Code? {
        do {
            _ = try TrueTypeFont(data: bytes).subset(for: text)
            return nil
        } catch let error as PDFError {
            return error.code
        } catch {
            Issue.record("untyped error \(error)")
            return nil
        }
    }

    @Test("Every truncation of a font is refused with unsupportedFont")
    func truncations() {
        let font = TestFontBuilder.font()
        let glyf = TestFontBuilder.tableRange("glyf", in: font)
        for length in 0..<font.count where length < glyf.upperBound {
            #expect(Self.outcome(Array(font[..<length])) == .unsupportedFont, "prefix of \(length) bytes")
        }
    }

    @Test("Every single-byte corruption is either accepted or refused with unsupportedFont")
    func corruptions() {
        let font = TestFontBuilder.font()
        for position in 0..<font.count {
            for value: UInt8 in [0x00, 0x7F, 0xFF] {
                var bytes = font
                bytes[position] = value
                let code = Self.outcome(bytes)
                #expect(code == nil || code == .unsupportedFont)
            }
        }
    }

    @Test("A table offset beyond the file is refused")
    func wrongTableOffset() {
        var font = TestFontBuilder.font()
        font.setUInt32(UInt32(font.count + 100), at: 12 + 8)
        #expect(Self.outcome(font) == .unsupportedFont)
    }

    @Test("loca entries beyond glyf or going backwards are refused")
    func locaOutOfRange() {
        let font = TestFontBuilder.font()
        let loca = TestFontBuilder.tableRange("loca", in: font)
        var beyond = font
        beyond.setUInt32(0x00FF_FFFF, at: loca.lowerBound + 8)
        #expect(Self.outcome(beyond) == .unsupportedFont)
        var backwards = font
        backwards.setUInt32(2, at: loca.lowerBound + 12)
        #expect(Self.outcome(backwards) == .unsupportedFont)
    }

    @Test("Huge counts (tables, glyphs, metrics, cmap groups, collection fonts) are refused")
    func hugeCounts() {
        let font = TestFontBuilder.font()
        var tables = font
        tables.setUInt16(0xFFFF, at: 4)
        #expect(Self.outcome(tables) == .unsupportedFont)

        var glyphs = TestFontBuilder.tables()
        glyphs["maxp"]!.setUInt16(0xFFFF, at: 4)
        #expect(Self.outcome(TestFontBuilder.font(glyphs)) == .unsupportedFont)

        var metrics = TestFontBuilder.tables()
        metrics["hhea"]!.setUInt16(0xFFFF, at: 34)
        #expect(Self.outcome(TestFontBuilder.font(metrics)) == .unsupportedFont)

        var groups = TestFontBuilder.tables()
        groups["cmap"]!.setUInt32(0x0FFF_FFFF, at: 12 + 12)
        #expect(Self.outcome(TestFontBuilder.font(groups)) == .unsupportedFont)

        var collection: [UInt8] = Array("ttcf".utf8)
        collection.appendUInt32(0x0001_0000); collection.appendUInt32(0xFFFF_FFFF)
        #expect(Self.outcome(collection) == .unsupportedFont)

        var components = TestFontBuilder.glyphs
        components[3] = TestFontBuilder.compositeGlyph([1, 0xFFF0])
        #expect(Self.outcome(TestFontBuilder.font(TestFontBuilder.tables(glyphs: components)), text: "B") == .unsupportedFont)
    }

    @Test("Deeply nested composites are refused")
    func deepNesting() {
        // Glyph n (n ≥ 1) is a composite of glyph n+1; the last is simple.
        var glyphs: [[UInt8]] = [TestFontBuilder.simpleGlyph(0)]
        for index in 1..<40 { glyphs.append(TestFontBuilder.compositeGlyph([UInt16(index + 1)])) }
        glyphs.append(TestFontBuilder.simpleGlyph(5))
        while glyphs.count < 41 { glyphs.append(TestFontBuilder.simpleGlyph(1)) }
        var tables = TestFontBuilder.tables(glyphs: glyphs)
        // 'A' maps to glyph 1 in the builder's cmap.
        tables["maxp"]!.setUInt16(UInt16(glyphs.count), at: 4)
        #expect(Self.outcome(TestFontBuilder.font(tables), text: "A") == .unsupportedFont)
    }

    @Test("IPAex truncated at various lengths is refused", .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func truncatedIPAex() throws {
        let data = Array(try JapaneseTestFont.load().data)
        for length in [0, 4, 11, 12, 100, 1000, 100_000, data.count / 2, data.count - 1] {
            #expect(Self.outcome(Array(data[..<length]), text: "山") == .unsupportedFont, "prefix of \(length) bytes")
        }
    }
}
