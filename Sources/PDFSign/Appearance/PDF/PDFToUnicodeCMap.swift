/// The /ToUnicode CMap of a Type0 font with 2-byte CIDs (ISO 32000-2 §9.10.3).
enum PDFToUnicodeCMap {
    /// A CMap program mapping each CID to the UTF-16BE code of its character (surrogate
    /// pairs for characters beyond the BMP), in `bfchar` blocks of at most 100 entries.
    static func text(for glyphIDs: [Unicode.Scalar: UInt16]) -> [UInt8] {
        var byCID: [UInt16: Unicode.Scalar] = [:]
        for (scalar, cid) in glyphIDs where byCID[cid].map({ scalar.value < $0.value }) ?? true { byCID[cid] = scalar }
        let entries = byCID.sorted { $0.key < $1.key }
        var text = """
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        <0000> <FFFF>
        endcodespacerange

        """
        var start = 0
        while start < entries.count {
            let block = entries[start..<min(start + 100, entries.count)]
            text += "\(block.count) beginbfchar\n"
            for (cid, scalar) in block {
                text += "<\(hex(UInt32(cid)))> <\(String(scalar).utf16.map { hex(UInt32($0)) }.joined())>\n"
            }
            text += "endbfchar\n"
            start += 100
        }
        text += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return Array(text.utf8)
    }

    private static func hex(_ value: UInt32) -> String { TrueTypeFont.hex(value) }
}
