/// A CID-keyed CFF font program (Adobe TN #5176), the `CFF ` table of an OpenType font, read
/// far enough to map glyphs to CIDs and to write a subset.
///
/// Every structure is bounds-checked when read; malformed data throws ``PDFError`` with
/// `unsupportedFont`. Name-keyed CFF fonts (no ROS operator) and CFF2 are refused.
struct CFFFont: Sendable {
    /// The whole CFF table.
    let data: [UInt8]
    /// The header (kept as is) and the Name INDEX's byte range.
    let headerSize: Int
    let nameIndex: CFFIndex
    let topDict: CFFDict
    /// Where the Top DICT INDEX ends (the String INDEX begins there).
    let topIndexEnd: Int
    let stringIndex: CFFIndex
    let globalSubrs: CFFIndex
    let charStrings: CFFIndex
    /// The CID of each glyph (from the charset).
    let cids: [UInt16]
    /// The Font DICT of each glyph (from FDSelect).
    let fdIndices: [UInt8]
    /// The FDArray: each Font DICT with its Private DICT range and local Subrs.
    let fontDicts: [FontDict]
    /// Registry, ordering and supplement (the ROS operator).
    let registry: String, ordering: String, supplement: Int

    struct FontDict: Sendable {
        let dict: CFFDict
        let privateRange: Range<Int>
        let privateDict: CFFDict
        let localSubrs: CFFIndex?
    }

    /// The most glyphs a CFF font can have.
    static let maxGlyphs = 65_535

    init(data: [UInt8]) throws {
        self.data = data
        let reader = SFNTReader(bytes: data)
        let major = try reader.uint8(0)
        guard major == 1 else { throw PDFError(.unsupportedFont, "CFF major version \(major) is not supported (CFF2 is not)") }
        headerSize = Int(try reader.uint8(2))
        guard headerSize >= 4 else { throw PDFError(.unsupportedFont, "the CFF header size \(headerSize) is below 4") }
        nameIndex = try CFFIndex(reader, at: headerSize, what: "Name")
        let topIndex = try CFFIndex(reader, at: nameIndex.end, what: "Top DICT")
        guard nameIndex.count == 1, topIndex.count == 1 else {
            throw PDFError(.unsupportedFont, "the CFF table holds \(topIndex.count) fonts; exactly one is supported")
        }
        topDict = try CFFDict(data[topIndex.range(0)], what: "Top")
        topIndexEnd = topIndex.end
        stringIndex = try CFFIndex(reader, at: topIndex.end, what: "String")
        globalSubrs = try CFFIndex(reader, at: stringIndex.end, what: "Global Subr")

        guard let ros = topDict.operands(CFFDict.ros), ros.count == 3 else {
            throw PDFError(.unsupportedFont, "the CFF font is name-keyed (no ROS operator); only CID-keyed CFF fonts are supported")
        }
        guard (try topDict.integer(CFFDict.charstringType, what: "CharstringType")) ?? 2 == 2 else {
            throw PDFError(.unsupportedFont, "the CFF font does not use Type 2 charstrings")
        }
        let strings = stringIndex
        func string(_ sid: Double) throws -> String {
            guard let sid = Int(exactly: sid), sid >= 391, sid - 391 < strings.count else {
                throw PDFError(.unsupportedFont, "the CFF ROS names string \(sid), which the String INDEX lacks")
            }
            return String(decoding: data[strings.range(sid - 391)], as: UTF8.self)
        }
        registry = try string(ros[0])
        ordering = try string(ros[1])
        supplement = Int(exactly: ros[2]) ?? 0

        guard let charStringsOffset = try topDict.integer(CFFDict.charStrings, what: "CharStrings") else {
            throw PDFError(.unsupportedFont, "the CFF Top DICT has no CharStrings offset")
        }
        charStrings = try CFFIndex(reader, at: charStringsOffset, what: "CharStrings")
        let glyphCount = charStrings.count
        guard (1...Self.maxGlyphs).contains(glyphCount) else {
            throw PDFError(.unsupportedFont, "the CFF font has \(glyphCount) glyphs, not 1…\(Self.maxGlyphs)")
        }
        guard let charsetOffset = try topDict.integer(CFFDict.charset, what: "charset"), charsetOffset > 2 else {
            throw PDFError(.unsupportedFont, "the CID-keyed CFF font has no custom charset")
        }
        cids = try Self.readCharset(reader, at: charsetOffset, glyphCount: glyphCount)

        guard let fdArrayOffset = try topDict.integer(CFFDict.fdArray, what: "FDArray"),
              let fdSelectOffset = try topDict.integer(CFFDict.fdSelect, what: "FDSelect") else {
            throw PDFError(.unsupportedFont, "the CID-keyed CFF font lacks FDArray or FDSelect")
        }
        let fdArray = try CFFIndex(reader, at: fdArrayOffset, what: "FDArray")
        guard (1...256).contains(fdArray.count) else { throw PDFError(.unsupportedFont, "the CFF FDArray has \(fdArray.count) Font DICTs, not 1…256") }
        var fontDicts: [FontDict] = []
        for index in 0..<fdArray.count {
            let dict = try CFFDict(data[fdArray.range(index)], what: "Font")
            guard let size = try dict.integer(CFFDict.privateDict, at: 0, what: "Private size"),
                  let offset = try dict.integer(CFFDict.privateDict, at: 1, what: "Private offset") else {
                throw PDFError(.unsupportedFont, "CFF Font DICT \(index) has no Private DICT")
            }
            let privateRange = try reader.range(offset, size, "CFF Private DICT \(index)")
            let privateDict = try CFFDict(data[privateRange], what: "Private")
            let subrs = try privateDict.integer(CFFDict.subrs, what: "Subrs").map { try CFFIndex(reader, at: offset + $0, what: "local Subrs") }
            fontDicts.append(FontDict(dict: dict, privateRange: privateRange, privateDict: privateDict, localSubrs: subrs))
        }
        self.fontDicts = fontDicts
        fdIndices = try Self.readFDSelect(reader, at: fdSelectOffset, glyphCount: glyphCount, fdCount: fontDicts.count)
    }

    /// The charset: glyph 0 is CID 0, then format 0 (one CID per glyph) or ranges (formats 1, 2).
    private static func readCharset(_ reader: SFNTReader, at offset: Int, glyphCount: Int) throws -> [UInt16] {
        var cids: [UInt16] = [0]
        cids.reserveCapacity(glyphCount)
        let format = try reader.uint8(offset)
        var position = offset + 1
        switch format {
        case 0:
            for _ in 1..<glyphCount { cids.append(try reader.uint16(position)); position += 2 }
        case 1, 2:
            while cids.count < glyphCount {
                let first = Int(try reader.uint16(position))
                let left = format == 1 ? Int(try reader.uint8(position + 2)) : Int(try reader.uint16(position + 2))
                position += format == 1 ? 3 : 4
                guard first + left <= 0xFFFF else { throw PDFError(.unsupportedFont, "a CFF charset range runs past CID 65535") }
                for cid in first...(first + left) where cids.count < glyphCount { cids.append(UInt16(cid)) }
            }
        default:
            throw PDFError(.unsupportedFont, "CFF charset format \(format) is not 0, 1 or 2")
        }
        return cids
    }

    /// FDSelect format 0 (one Font DICT index per glyph) or 3 (ranges).
    private static func readFDSelect(_ reader: SFNTReader, at offset: Int, glyphCount: Int, fdCount: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(glyphCount)
        let format = try reader.uint8(offset)
        switch format {
        case 0:
            for glyph in 0..<glyphCount { result.append(try reader.uint8(offset + 1 + glyph)) }
        case 3:
            let ranges = Int(try reader.uint16(offset + 1))
            guard ranges >= 1 else { throw PDFError(.unsupportedFont, "CFF FDSelect format 3 has no ranges") }
            for index in 0..<ranges {
                let record = offset + 3 + index * 3
                let first = Int(try reader.uint16(record)), fd = try reader.uint8(record + 2)
                let next = Int(try reader.uint16(record + 3))
                guard first == result.count, next > first else {
                    throw PDFError(.unsupportedFont, "CFF FDSelect range \(index) (\(first)…\(next)) does not follow the previous one")
                }
                result += Array(repeating: fd, count: min(next, glyphCount) - first)
            }
            guard result.count == glyphCount else {
                throw PDFError(.unsupportedFont, "CFF FDSelect covers \(result.count) of \(glyphCount) glyphs")
            }
        default:
            throw PDFError(.unsupportedFont, "CFF FDSelect format \(format) is not 0 or 3")
        }
        if let bad = result.first(where: { Int($0) >= fdCount }) {
            throw PDFError(.unsupportedFont, "CFF FDSelect names Font DICT \(bad) of \(fdCount)")
        }
        return result
    }

    /// The font name (the Name INDEX's only entry).
    var fontName: String { String(decoding: data[nameIndex.range(0)], as: UTF8.self) }
}
