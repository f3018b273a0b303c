/// ASCIIHexDecode (ISO 32000-2 §7.4.2).
enum ASCIIHexDecoder {
    static func decode(_ input: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 2)
        var high: UInt8?
        for byte in input {
            if byte == UInt8(ascii: ">") { break }
            if PDFCharacterClass.isWhitespace(byte) { continue }
            guard let value = PDFCharacterClass.hexValue(byte) else {
                throw PDFError(.corruptStreamData, "ASCIIHexDecode: invalid character 0x\(String(byte, radix: 16))")
            }
            if let h = high {
                output.append(h << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        if let h = high { output.append(h << 4) }
        return output
    }
}
