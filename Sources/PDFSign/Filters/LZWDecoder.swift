/// LZWDecode (ISO 32000-2 §7.4.4), 9–12-bit codes, with /EarlyChange.
enum LZWDecoder {
    static func decode(_ input: [UInt8], earlyChange: Bool = true, limit: Int) throws -> [UInt8] {
        var output = PDFOutputBuffer(limit: limit, filterName: "LZWDecode", reserving: input.count * 2)
        // The table stores each entry as (prefix code, last byte, length) to stay linear in memory.
        var prefixes = [Int](repeating: -1, count: 4096)
        var suffixes = [UInt8](repeating: 0, count: 4096)
        var lengths = [Int](repeating: 1, count: 4096)
        for i in 0..<256 { suffixes[i] = UInt8(i) }
        var nextCode = 258
        var codeLength = 9
        var previous = -1
        var bitBuffer: UInt32 = 0
        var bitCount = 0
        var index = 0
        var scratch = [UInt8](repeating: 0, count: 4096)

        func entryBytes(_ code: Int) -> ArraySlice<UInt8> {
            let length = lengths[code]
            var c = code
            var position = length - 1
            while position >= 0 && c >= 0 {
                scratch[position] = suffixes[c]
                c = prefixes[c]
                position -= 1
            }
            return scratch[0..<length]
        }

        while true {
            while bitCount < codeLength {
                guard index < input.count else { return output.bytes }
                bitBuffer = (bitBuffer << 8) | UInt32(input[index])
                index += 1
                bitCount += 8
            }
            let code = Int((bitBuffer >> UInt32(bitCount - codeLength)) & ((1 << UInt32(codeLength)) - 1))
            bitCount -= codeLength
            bitBuffer &= (1 << UInt32(bitCount)) &- 1
            if code == 256 {
                nextCode = 258
                codeLength = 9
                previous = -1
                continue
            }
            if code == 257 { break }
            if previous < 0 {
                guard code < 256 else { throw PDFError(.corruptStreamData, "LZWDecode: first code \(code) is not a literal") }
                try output.append(UInt8(code))
                previous = code
                continue
            }
            let firstByte: UInt8
            if code < nextCode {
                let bytes = entryBytes(code)
                firstByte = bytes[bytes.startIndex]
                try output.append(contentsOf: bytes)
            } else if code == nextCode {
                let bytes = entryBytes(previous)
                firstByte = bytes[bytes.startIndex]
                try output.append(contentsOf: bytes)
                try output.append(firstByte)
            } else {
                throw PDFError(.corruptStreamData, "LZWDecode: code \(code) beyond table size \(nextCode)")
            }
            if nextCode < 4096 {
                prefixes[nextCode] = previous
                suffixes[nextCode] = firstByte
                lengths[nextCode] = lengths[previous] + 1
                nextCode += 1
            }
            let threshold = nextCode + (earlyChange ? 1 : 0)
            if threshold >= 4096 {
                codeLength = 12
            } else if threshold >= 2048 {
                codeLength = 12
            } else if threshold >= 1024 {
                codeLength = 11
            } else if threshold >= 512 {
                codeLength = 10
            } else {
                codeLength = 9
            }
            previous = code
        }
        return output.bytes
    }
}
