/// The /ToUnicode CMap of a Type0 font (ISO 32000-2 §9.10.3).
enum PDFToUnicodeCMap {
    /// For 2-byte CIDs: a CMap mapping each CID to the UTF-16BE code of its character
    /// (surrogate pairs for characters beyond the BMP).
    static func text(for glyphIDs: [Unicode.Scalar: UInt16]) -> [UInt8] {
        var byCID: [UInt16: Unicode.Scalar] = [:]
        for (scalar, cid) in glyphIDs where byCID[cid].map({ scalar.value < $0.value }) ?? true { byCID[cid] = scalar }
        let entries = byCID.sorted { $0.key < $1.key }.map { (hex(UInt32($0.key)), $0.value) }
        return program(codespace: ["<0000> <FFFF>"], entries: entries)
    }

    /// For UTF-16BE codes (as /UniJIS-UTF16-H reads them): each character's code maps to
    /// itself. The code space is that of UTF-16: two bytes, or four for a surrogate pair (only
    /// declared when needed: MuPDF warns about mixed code lengths).
    static func utf16Identity(for scalars: Set<Unicode.Scalar>) -> [UInt8] {
        let entries = scalars.sorted { $0.value < $1.value }.map { scalar in
            (String(scalar).utf16.map { hex(UInt32($0)) }.joined(), scalar)
        }
        let bmpOnly = scalars.allSatisfy { $0.value <= 0xFFFF }
        return program(codespace: bmpOnly ? ["<0000> <FFFF>"] : ["<0000> <D7FF>", "<D800DC00> <DBFFDFFF>", "<E000> <FFFF>"], entries: entries)
    }

    /// A CMap program with `bfchar` blocks of at most 100 entries (hex code → character).
    private static func program(codespace: [String], entries: [(code: String, scalar: Unicode.Scalar)]) -> [UInt8] {
        var text = """
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        \(codespace.count) begincodespacerange
        \(codespace.joined(separator: "\n"))
        endcodespacerange

        """
        var start = 0
        while start < entries.count {
            let block = entries[start..<min(start + 100, entries.count)]
            text += "\(block.count) beginbfchar\n"
            for (code, scalar) in block {
                text += "<\(code)> <\(String(scalar).utf16.map { hex(UInt32($0)) }.joined())>\n"
            }
            text += "endbfchar\n"
            start += 100
        }
        text += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return Array(text.utf8)
    }

    private static func hex(_ value: UInt32) -> String { TrueTypeFont.hex(value) }
}
