/// The table directory of an sfnt font file (TrueType or OpenType), or of one face of a
/// collection (`ttcf`); table offsets are offsets in the whole file.
struct SFNTFile {
    let data: [UInt8]
    /// The sfnt version: 0x00010000 or 'true' for TrueType outlines, 'OTTO' for CFF.
    let version: UInt32
    /// Table tag → byte range in ``data``.
    let tables: [String: Range<Int>]

    init(data: [UInt8], collectionIndex: Int) throws {
        self.data = data
        let reader = SFNTReader(bytes: data)
        var directory = 0
        if try reader.tag(0) == "ttcf" {
            let count = Int(try reader.uint32(8))
            guard collectionIndex >= 0, collectionIndex < count else {
                throw PDFError(.unsupportedFont, "collection index \(collectionIndex) is out of range: the collection has \(count) fonts")
            }
            directory = Int(try reader.uint32(12 + collectionIndex * 4))
        }
        version = try reader.uint32(directory)
        let tableCount = Int(try reader.uint16(directory + 4))
        var tables: [String: Range<Int>] = [:]
        for index in 0..<tableCount {
            let record = directory + 12 + index * 16
            let tag = try reader.tag(record)
            let offset = Int(try reader.uint32(record + 8)), length = Int(try reader.uint32(record + 12))
            tables[tag] = try reader.range(offset, length, "table '\(tag)'")
        }
        self.tables = tables
    }

    /// A reader over table `tag`.
    func table(_ tag: String) throws -> SFNTReader {
        guard let range = tables[tag] else { throw PDFError(.unsupportedFont, "the font has no '\(tag)' table") }
        return SFNTReader(bytes: Array(data[range]))
    }

    /// Whether face `collectionIndex` of `data` has CFF outlines ('OTTO'); `nil` when the data
    /// is not an sfnt font at all.
    static func hasCFFOutlines(_ data: [UInt8], collectionIndex: Int) -> Bool? {
        guard let file = try? SFNTFile(data: data, collectionIndex: collectionIndex) else { return nil }
        switch file.version {
        case 0x4F54_544F: return true
        case 0x0001_0000, 0x7472_7565: return false
        default: return nil
        }
    }
}
