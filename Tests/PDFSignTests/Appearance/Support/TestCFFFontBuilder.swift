@testable import PDFSign

/// A small OpenType font with a CID-keyed CFF table, built byte by byte: the glyphs and cmap
/// of ``TestFontBuilder`` (8 glyphs; 'A' → 1, 'B' → 3, 'C' → 5, 'D' → 6), glyph g ≥ 1 at
/// CID 100 + 3g, two Font DICTs (glyphs 0–3 and 4–7), two global and two local subroutines
/// per Font DICT, of which each glyph calls one; glyph 1 has stem hints and a hintmask.
enum TestCFFFontBuilder {
    static let glyphCount = TestFontBuilder.glyphs.count
    static func cid(_ glyph: Int) -> UInt16 { glyph == 0 ? 0 : UInt16(100 + 3 * glyph) }

    /// A Type 2 number operand for -107…107.
    static func number(_ value: Int) -> UInt8 { UInt8(value + 139) }

    static func charString(_ glyph: Int) -> [UInt8] {
        guard glyph > 0 else { return [14] }
        var bytes: [UInt8] = []
        if glyph == 1 { bytes += [number(0), number(10), number(20), number(30), 18, 19, 0xC0] }  // hstemhm, hintmask
        bytes += [number(glyph * 10), number(0), 21]  // rmoveto
        // Odd glyphs call global subroutine 0, even ones local subroutine 1 (bias 107).
        bytes += glyph % 2 == 1 ? [number(-107), 29] : [number(-106), 10]
        bytes += [number(0), number(100), 5, 14]  // rlineto, endchar
        return bytes
    }

    static let subroutines: [[UInt8]] = [[number(0), number(50), 5, 11], [number(50), number(0), 5, 11]]

    /// The CFF table.
    static func cff() -> [UInt8] {
        func index(_ elements: [[UInt8]]) -> [UInt8] {
            var output: [UInt8] = []
            CFFIndex.write(elements.map { ArraySlice($0) }, into: &output)
            return output
        }
        func topDict(_ offsets: [Int]) -> [UInt8] {
            var dict: [UInt8] = [248, 27, 248, 28, 139, 12, 30]  // ROS 391 392 0
            for (op, value) in zip([CFFDict.charset, CFFDict.fdSelect, CFFDict.charStrings, CFFDict.fdArray], offsets) {
                CFFDict.appendFixedInteger(value, into: &dict)
                CFFDict.appendOperator(op, into: &dict)
            }
            return dict
        }
        let header: [UInt8] = [1, 0, 4, 4]
        let names = index([Array("Test-CFF".utf8)])
        let strings = index([Array("Adobe".utf8), Array("Identity".utf8)])
        let globalSubrs = index(subroutines)
        var charset: [UInt8] = [0]
        for glyph in 1..<glyphCount { charset.appendUInt16(cid(glyph)) }
        var fdSelect: [UInt8] = [3]
        fdSelect.appendUInt16(2)
        fdSelect.appendUInt16(0); fdSelect.append(0)
        fdSelect.appendUInt16(4); fdSelect.append(1)
        fdSelect.appendUInt16(UInt16(glyphCount))
        let charStrings = index((0..<glyphCount).map(charString))
        let topSize = index([topDict([0, 0, 0, 0])]).count
        let charsetOffset = header.count + names.count + topSize + strings.count + globalSubrs.count
        let fdSelectOffset = charsetOffset + charset.count
        let charStringsOffset = fdSelectOffset + fdSelect.count
        let fdArrayOffset = charStringsOffset + charStrings.count
        // Private DICT: BlueValues [] then Subrs at offset 7 (its own size), then the local Subrs.
        func privateDict() -> [UInt8] {
            var dict: [UInt8] = [6]  // BlueValues with no operands
            CFFDict.appendFixedInteger(7, into: &dict)
            dict.append(UInt8(CFFDict.subrs))
            return dict + index(subroutines)
        }
        let privateSize = 7
        func fontDict(_ offset: Int) -> [UInt8] {
            var dict: [UInt8] = []
            CFFDict.appendFixedInteger(privateSize, into: &dict)
            CFFDict.appendFixedInteger(offset, into: &dict)
            dict.append(UInt8(CFFDict.privateDict))
            return dict
        }
        let fdArraySize = index([fontDict(0), fontDict(0)]).count
        let firstPrivate = fdArrayOffset + fdArraySize
        let fdArray = index([fontDict(firstPrivate), fontDict(firstPrivate + privateDict().count)])
        return header + names + index([topDict([charsetOffset, fdSelectOffset, charStringsOffset, fdArrayOffset])])
            + strings + globalSubrs + charset + fdSelect + charStrings + fdArray + privateDict() + privateDict()
    }

    /// The OpenType font file ('OTTO').
    static func font() -> [UInt8] {
        var tables = TestFontBuilder.tables()
        tables["glyf"] = nil
        tables["loca"] = nil
        tables["CFF "] = cff()
        var bytes = TrueTypeSubsetWriter.assemble(tables)
        bytes.setUInt32(0x4F54_544F, at: 0)
        return bytes
    }
}
