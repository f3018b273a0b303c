/// Writes the tables of a subset font and assembles them into an sfnt file.
struct TrueTypeSubsetWriter {
    let font: TrueTypeFont
    /// Original glyph IDs in new order.
    let originalGlyphs: [UInt16]
    /// Glyph outlines in new order, component indices already remapped.
    let glyphs: [[UInt8]]
    /// Character → new glyph ID.
    let characterMap: [Unicode.Scalar: UInt16]

    func fontProgram() throws -> [UInt8] {
        var glyf: [UInt8] = [], offsets: [Int] = []
        for glyph in glyphs {
            offsets.append(glyf.count)
            glyf += glyph
            while glyf.count % 4 != 0 { glyf.append(0) }
        }
        offsets.append(glyf.count)
        let shortLoca = glyf.count / 2 <= 0xFFFF
        var loca: [UInt8] = []
        for offset in offsets {
            if shortLoca { loca.appendUInt16(UInt16(offset / 2)) } else { loca.appendUInt32(UInt32(offset)) }
        }

        var head = try copy("head", minimumLength: 54)
        head.setUInt32(0, at: 8)
        head.setUInt16(shortLoca ? 0 : 1, at: 50)
        var hhea = try copy("hhea", minimumLength: 36)
        hhea.setUInt16(UInt16(glyphs.count), at: 34)
        var maxp = try copy("maxp", minimumLength: 6)
        maxp.setUInt16(UInt16(glyphs.count), at: 4)
        var hmtx: [UInt8] = []
        for glyph in originalGlyphs {
            hmtx.appendUInt16(font.advanceWidths[Int(glyph)])
            hmtx.appendInt16(font.leftSideBearings[Int(glyph)])
        }

        var tables: [String: [UInt8]] = [
            "head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf,
            "cmap": characterMapTable(), "post": postTable(), "name": nameTable(),
        ]
        for tag in ["OS/2", "cvt ", "fpgm", "prep", "gasp"] {
            if let bytes = font.tableBytes(tag) { tables[tag] = Array(bytes) }
        }
        return Self.assemble(tables)
    }

    private func copy(_ tag: String, minimumLength: Int) throws -> [UInt8] {
        guard let bytes = font.tableBytes(tag), bytes.count >= minimumLength else {
            throw PDFError(.unsupportedFont, "the '\(tag)' table is shorter than \(minimumLength) bytes")
        }
        return Array(bytes)
    }

    /// A (3,1) format 4 subtable for BMP characters and, when needed, a (3,10) format 12 one.
    private func characterMapTable() -> [UInt8] {
        let sorted = characterMap.sorted { $0.key.value < $1.key.value }
        let bmp = sorted.filter { $0.key.value <= 0xFFFF && $0.key.value != 0xFFFF }
        var format4: [UInt8] = []
        let segCount = bmp.count + 1
        var searchRange = 1, entrySelector = 0
        while searchRange * 2 <= segCount { searchRange *= 2; entrySelector += 1 }
        format4.appendUInt16(4); format4.appendUInt16(UInt16(16 + segCount * 8)); format4.appendUInt16(0)
        format4.appendUInt16(UInt16(segCount * 2)); format4.appendUInt16(UInt16(searchRange * 2))
        format4.appendUInt16(UInt16(entrySelector)); format4.appendUInt16(UInt16(segCount * 2 - searchRange * 2))
        for entry in bmp { format4.appendUInt16(UInt16(entry.key.value)) }
        format4.appendUInt16(0xFFFF); format4.appendUInt16(0)
        for entry in bmp { format4.appendUInt16(UInt16(entry.key.value)) }
        format4.appendUInt16(0xFFFF)
        for entry in bmp { format4.appendUInt16(entry.value &- UInt16(entry.key.value)) }
        format4.appendUInt16(1)
        for _ in 0..<segCount { format4.appendUInt16(0) }

        var subtables: [(platform: UInt16, encoding: UInt16, bytes: [UInt8])] = [(3, 1, format4)]
        if sorted.contains(where: { $0.key.value > 0xFFFF }) {
            var format12: [UInt8] = []
            format12.appendUInt16(12); format12.appendUInt16(0)
            format12.appendUInt32(UInt32(16 + sorted.count * 12)); format12.appendUInt32(0); format12.appendUInt32(UInt32(sorted.count))
            for entry in sorted {
                format12.appendUInt32(entry.key.value); format12.appendUInt32(entry.key.value); format12.appendUInt32(UInt32(entry.value))
            }
            subtables.append((3, 10, format12))
        }
        var table: [UInt8] = []
        table.appendUInt16(0); table.appendUInt16(UInt16(subtables.count))
        var offset = 4 + subtables.count * 8
        for subtable in subtables {
            table.appendUInt16(subtable.platform); table.appendUInt16(subtable.encoding); table.appendUInt32(UInt32(offset))
            offset += subtable.bytes.count
        }
        for subtable in subtables { table += subtable.bytes }
        return table
    }

    /// `post` format 3 (no glyph names), keeping the original italic angle and underline.
    private func postTable() -> [UInt8] {
        var post = [UInt8](repeating: 0, count: 32)
        if let original = font.tableBytes("post"), original.count >= 32 { post = Array(original.prefix(32)) }
        post.setUInt32(0x0003_0000, at: 0)
        return post
    }

    /// A `name` table with the PostScript name as family (1), subfamily (2), full (4) and PostScript (6) name.
    private func nameTable() -> [UInt8] {
        let records: [(UInt16, String)] = [(1, font.postScriptName), (2, "Regular"), (4, font.postScriptName), (6, font.postScriptName)]
        var storage: [UInt8] = [], table: [UInt8] = []
        table.appendUInt16(0); table.appendUInt16(UInt16(records.count)); table.appendUInt16(UInt16(6 + records.count * 12))
        for (nameID, text) in records {
            let encoded = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            table.appendUInt16(3); table.appendUInt16(1); table.appendUInt16(0x0409); table.appendUInt16(nameID)
            table.appendUInt16(UInt16(encoded.count)); table.appendUInt16(UInt16(storage.count))
            storage += encoded
        }
        return table + storage
    }

    /// The sfnt file: directory sorted by tag, tables 4-byte aligned, checksums and
    /// `head.checkSumAdjustment`.
    static func assemble(_ tables: [String: [UInt8]]) -> [UInt8] {
        let tags = tables.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var searchRange = 1, entrySelector = 0
        while searchRange * 2 <= tags.count { searchRange *= 2; entrySelector += 1 }
        var output: [UInt8] = []
        output.appendUInt32(0x0001_0000); output.appendUInt16(UInt16(tags.count))
        output.appendUInt16(UInt16(searchRange * 16)); output.appendUInt16(UInt16(entrySelector))
        output.appendUInt16(UInt16(tags.count * 16 - searchRange * 16))
        var offset = 12 + tags.count * 16
        var headOffset = 0
        for tag in tags {
            let bytes = tables[tag]!
            output += Array(tag.utf8); output.appendUInt32(checksum(bytes)); output.appendUInt32(UInt32(offset)); output.appendUInt32(UInt32(bytes.count))
            if tag == "head" { headOffset = offset }
            offset += (bytes.count + 3) & ~3
        }
        for tag in tags {
            output += tables[tag]!
            while output.count % 4 != 0 { output.append(0) }
        }
        output.setUInt32(0xB1B0_AFBA &- checksum(output), at: headOffset + 8)
        return output
    }

    /// The sum of big-endian 32-bit words, the last one zero-padded.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var sum: UInt32 = 0, index = 0
        while index < bytes.count {
            var word: UInt32 = 0
            for k in 0..<4 { word = word << 8 | UInt32(index + k < bytes.count ? bytes[index + k] : 0) }
            sum &+= word
            index += 4
        }
        return sum
    }
}
