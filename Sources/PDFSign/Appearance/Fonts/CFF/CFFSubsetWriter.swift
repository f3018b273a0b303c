/// Writes a CID-keyed CFF font holding only some glyphs (Adobe TN #5176), for embedding as
/// /FontFile3 /Subtype /CIDFontType0C.
///
/// Glyphs keep their CIDs (the new charset maps the new glyph numbers to the original CIDs), so
/// text encoded with the original CIDs shows the same glyphs. Only the Font DICTs the glyphs use
/// are kept; global and local subroutines the kept glyphs never call are emptied (a lone
/// `return`) so that the subroutine numbering stays the same.
struct CFFSubsetWriter {
    let font: CFFFont
    /// Original glyph IDs to keep, sorted, starting with 0 (`.notdef`).
    let glyphs: [Int]

    func fontProgram() throws -> [UInt8] {
        let usedFDs = Array(Set(glyphs.map { Int(font.fdIndices[$0]) })).sorted()
        var newFD: [Int: UInt8] = [:]
        for (index, fd) in usedFDs.enumerated() { newFD[fd] = UInt8(index) }
        let usage = try CFFSubroutineUsage(font: font, glyphs: glyphs)

        // Fixed parts: header, Name INDEX, Top DICT INDEX (offsets patched below), String INDEX, Global Subrs.
        let header = Array(font.data[0..<4]).enumerated().map { $0.offset == 2 ? UInt8(4) : $0.element }
        let names = Array(font.data[font.headerSize..<font.nameIndex.end])
        let strings = Array(font.data[font.topIndexEnd..<font.stringIndex.end])
        var globalSubrs: [UInt8] = []
        CFFIndex.write(pruned(font.globalSubrs, keeping: usage.global), into: &globalSubrs)

        // Variable parts after the Top DICT: charset, FDSelect, CharStrings, FDArray, Private DICTs.
        var charset: [UInt8] = [0]
        for glyph in glyphs.dropFirst() { charset.appendUInt16(font.cids[glyph]) }
        var fdSelect: [UInt8] = [0]
        for glyph in glyphs { fdSelect.append(newFD[Int(font.fdIndices[glyph])]!) }
        var charStrings: [UInt8] = []
        CFFIndex.write(glyphs.map { font.data[font.charStrings.range($0)] }, into: &charStrings)

        // The Top DICT's size does not depend on the offsets (they are 5-byte integers).
        let topDictSize = topDict(charset: 0, fdSelect: 0, charStrings: 0, fdArray: 0).count
        var topIndexProbe: [UInt8] = []
        CFFIndex.write([ArraySlice(repeating: 0, count: topDictSize)], into: &topIndexProbe)
        let charsetOffset = header.count + names.count + topIndexProbe.count + strings.count + globalSubrs.count
        let fdSelectOffset = charsetOffset + charset.count
        let charStringsOffset = fdSelectOffset + fdSelect.count
        let fdArrayOffset = charStringsOffset + charStrings.count

        // Font DICTs point at Private DICTs placed after the FDArray; each Private DICT is
        // followed by its local Subrs (the Subrs operand is relative to the Private DICT).
        var privates: [[UInt8]] = []
        for fd in usedFDs {
            let source = font.fontDicts[fd]
            var dict: [UInt8] = []
            for entry in source.privateDict.entries where entry.op != CFFDict.subrs {
                dict += entry.operandBytes
                CFFDict.appendOperator(entry.op, into: &dict)
            }
            if let subrs = source.localSubrs {
                CFFDict.appendFixedInteger(dict.count + 6, into: &dict)
                CFFDict.appendOperator(CFFDict.subrs, into: &dict)
                CFFIndex.write(pruned(subrs, keeping: usage.local[fd] ?? []), into: &dict)
            }
            privates.append(dict)
        }
        func fontDicts(privateStart: Int) -> [[UInt8]] {
            var offset = privateStart
            return usedFDs.enumerated().map { index, fd in
                var dict: [UInt8] = []
                for entry in font.fontDicts[fd].dict.entries where entry.op != CFFDict.privateDict {
                    dict += entry.operandBytes
                    CFFDict.appendOperator(entry.op, into: &dict)
                }
                let size = privateDictSize(fd)
                CFFDict.appendFixedInteger(size, into: &dict)
                CFFDict.appendFixedInteger(offset, into: &dict)
                CFFDict.appendOperator(CFFDict.privateDict, into: &dict)
                offset += privates[index].count
                return dict
            }
        }
        var fdArrayProbe: [UInt8] = []
        CFFIndex.write(fontDicts(privateStart: 0).map { ArraySlice($0) }, into: &fdArrayProbe)
        var fdArray: [UInt8] = []
        CFFIndex.write(fontDicts(privateStart: fdArrayOffset + fdArrayProbe.count).map { ArraySlice($0) }, into: &fdArray)

        var output = header + names
        CFFIndex.write([ArraySlice(topDict(charset: charsetOffset, fdSelect: fdSelectOffset, charStrings: charStringsOffset, fdArray: fdArrayOffset))], into: &output)
        output += strings + globalSubrs + charset + fdSelect + charStrings + fdArray
        for dict in privates { output += dict }
        return output
    }

    /// The size of a Private DICT without its subroutines (what the Font DICT's Private operator gives).
    private func privateDictSize(_ fd: Int) -> Int {
        let source = font.fontDicts[fd]
        var size = 0
        for entry in source.privateDict.entries where entry.op != CFFDict.subrs {
            size += entry.operandBytes.count + (entry.op >= 1200 ? 2 : 1)
        }
        return size + (source.localSubrs != nil ? 6 : 0)
    }

    /// The Top DICT: ROS first, the source's other entries without offsets and identifiers, then
    /// the offsets as 5-byte integers.
    private func topDict(charset: Int, fdSelect: Int, charStrings: Int, fdArray: Int) -> [UInt8] {
        let dropped: Set<Int> = [CFFDict.charset, CFFDict.encoding, CFFDict.charStrings, CFFDict.privateDict,
                                 CFFDict.fdArray, CFFDict.fdSelect, CFFDict.uniqueID, CFFDict.xuid]
        var dict: [UInt8] = []
        let entries = font.topDict.entries.filter { $0.op == CFFDict.ros } + font.topDict.entries.filter { $0.op != CFFDict.ros && !dropped.contains($0.op) }
        for entry in entries {
            dict += entry.operandBytes
            CFFDict.appendOperator(entry.op, into: &dict)
        }
        for (op, value) in [(CFFDict.charset, charset), (CFFDict.fdSelect, fdSelect), (CFFDict.charStrings, charStrings), (CFFDict.fdArray, fdArray)] {
            CFFDict.appendFixedInteger(value, into: &dict)
            CFFDict.appendOperator(op, into: &dict)
        }
        return dict
    }

    /// The subroutines of `index`, those not in `keeping` replaced by a lone `return`.
    private func pruned(_ index: CFFIndex, keeping: Set<Int>) -> [ArraySlice<UInt8>] {
        (0..<index.count).map { keeping.contains($0) ? font.data[index.range($0)] : [11] }
    }
}
