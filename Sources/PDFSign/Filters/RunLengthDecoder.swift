/// RunLengthDecode (ISO 32000-2 §7.4.5).
enum RunLengthDecoder {
    static func decode(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, input.count * 2))
        let exceeded = PDFError(.limitExceeded, "RunLengthDecode output exceeds \(limit) bytes (decompression limit)")
        var index = 0
        let count = input.count
        while index < count {
            let length = Int(input[index])
            index += 1
            if length == 128 { break }
            if length < 128 {
                let end = min(count, index + length + 1)
                guard output.count + (end - index) <= limit else { throw exceeded }
                while index < end {
                    output.append(input[index])
                    index += 1
                }
            } else {
                guard index < count else { break }
                let byte = input[index]
                index += 1
                let run = 257 - length
                guard output.count + run <= limit else { throw exceeded }
                for _ in 0..<run { output.append(byte) }
            }
        }
        return output
    }
}
