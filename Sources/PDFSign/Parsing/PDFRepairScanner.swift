/// Scans a whole file for `n g obj` headers and `trailer` keywords, to rebuild a broken
/// cross-reference table (as PDF readers traditionally do).
struct PDFRepairScanner {
    struct Result {
        /// Object number → (offset of the header, generation); the last occurrence in the file wins.
        var objects: [Int: (offset: Int, generation: Int)] = [:]
        /// Offsets of `trailer` keywords, in file order.
        var trailerOffsets: [Int] = []
    }

    let source: any PDFByteSource
    let limits: PDFParsingLimits

    func scan() throws -> Result {
        var result = Result()
        let chunkSize = 1 << 20
        let overlap = 64
        var chunkStart = 0
        let total = source.count
        while chunkStart < total {
            let readStart = max(0, chunkStart - overlap)
            let readEnd = min(total, chunkStart + chunkSize + 8)
            let slice = try source.read(readStart..<readEnd)
            let bytes = Array(slice)
            // Only report matches that start inside [chunkStart, chunkStart + chunkSize).
            var i = chunkStart - readStart
            let stop = min(bytes.count, chunkStart + chunkSize - readStart)
            while i < stop {
                let byte = bytes[i]
                if byte == UInt8(ascii: "o"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "b"), bytes[i + 2] == UInt8(ascii: "j"),
                   i + 3 >= bytes.count || !PDFCharacterClass.isRegular(bytes[i + 3]),
                   let header = Self.header(endingBefore: i, in: bytes) {
                    if header.number <= limits.maxObjectNumber {
                        result.objects[header.number] = (readStart + header.start, header.generation)
                    }
                } else if byte == UInt8(ascii: "t"), i + 7 <= bytes.count,
                          bytes[i..<(i + 7)].elementsEqual("trailer".utf8),
                          i == 0 || !PDFCharacterClass.isRegular(bytes[i - 1]),
                          i + 7 == bytes.count || !PDFCharacterClass.isRegular(bytes[i + 7]) {
                    result.trailerOffsets.append(readStart + i)
                }
                i += 1
            }
            chunkStart += chunkSize
        }
        return result
    }

    /// Matches `<ws|start> digits ws+ digits ws+` immediately before `objIndex`.
    static func header(endingBefore objIndex: Int, in bytes: [UInt8]) -> (number: Int, generation: Int, start: Int)? {
        var j = objIndex - 1
        /// Reads, backwards from `j`, at least one white-space byte and then 1…`maxDigits` digits.
        func integerBefore(maxDigits: Int) -> Int? {
            let spaceEnd = j
            while j >= 0, PDFCharacterClass.isWhitespace(bytes[j]) { j -= 1 }
            guard j < spaceEnd else { return nil }
            var value = 0
            var multiplier = 1
            var digits = 0
            while j >= 0, PDFCharacterClass.isDigit(bytes[j]) {
                digits += 1
                guard digits <= maxDigits else { return nil }
                value += Int(bytes[j] - 0x30) * multiplier
                multiplier *= 10
                j -= 1
            }
            return digits > 0 ? value : nil
        }
        guard let generation = integerBefore(maxDigits: 5), let number = integerBefore(maxDigits: 10) else { return nil }
        if j >= 0, PDFCharacterClass.isRegular(bytes[j]) { return nil }
        return (number, generation, j + 1)
    }
}
