/// ASCII85Decode (ISO 32000-2 §7.4.3).
enum ASCII85Decoder {
    static func decode(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        var output = PDFOutputBuffer(limit: limit, filterName: "ASCII85Decode", reserving: input.count)
        var group: [UInt32] = []
        var index = 0
        // Tolerate a leading `<~`.
        if input.count >= 2, input[0] == UInt8(ascii: "<"), input[1] == UInt8(ascii: "~") { index = 2 }
        while index < input.count {
            let byte = input[index]
            index += 1
            if PDFCharacterClass.isWhitespace(byte) { continue }
            if byte == UInt8(ascii: "~") { break }
            if byte == UInt8(ascii: "z") {
                guard group.isEmpty else { throw PDFError(.corruptStreamData, "ASCII85Decode: 'z' inside a group") }
                try output.append(contentsOf: [0, 0, 0, 0])
                continue
            }
            guard byte >= 0x21, byte <= 0x75 else {
                throw PDFError(.corruptStreamData, "ASCII85Decode: invalid character 0x\(String(byte, radix: 16))")
            }
            group.append(UInt32(byte - 0x21))
            if group.count == 5 {
                try output.append(contentsOf: try bytes(of: group, keep: 4))
                group.removeAll(keepingCapacity: true)
            }
        }
        if !group.isEmpty {
            guard group.count >= 2 else { throw PDFError(.corruptStreamData, "ASCII85Decode: final group of one character") }
            let kept = group.count - 1
            while group.count < 5 { group.append(84) }  // pad with 'u'
            try output.append(contentsOf: try bytes(of: group, keep: kept))
        }
        return output.bytes
    }

    private static func bytes(of group: [UInt32], keep: Int) throws -> [UInt8] {
        var value: UInt64 = 0
        for digit in group { value = value * 85 + UInt64(digit) }
        guard value <= UInt64(UInt32.max) else { throw PDFError(.corruptStreamData, "ASCII85Decode: group overflows 32 bits") }
        let word = UInt32(value)
        let all: [UInt8] = [UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF)]
        return Array(all[0..<keep])
    }
}
