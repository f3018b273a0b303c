/// RunLengthDecode (ISO 32000-2 §7.4.5).
enum RunLengthDecoder {
    static func decode(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        var output = PDFOutputBuffer(limit: limit, filterName: "RunLengthDecode", reserving: input.count)
        var index = 0
        while index < input.count {
            let length = Int(input[index])
            index += 1
            if length == 128 { break }
            if length < 128 {
                let end = min(input.count, index + length + 1)
                try output.append(contentsOf: input[index..<end])
                index = end
            } else {
                guard index < input.count else { break }
                let byte = input[index]
                index += 1
                try output.append(contentsOf: repeatElement(byte, count: 257 - length))
            }
        }
        return output.bytes
    }
}
