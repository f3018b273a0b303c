import CSystemZlib

/// FlateDecode (zlib/deflate, RFC 1950/1951) via system zlib, inflating in chunks
/// under an output limit.
enum FlateDecoder {
    /// Inflates `input`. Data with a broken zlib header is retried as raw deflate;
    /// truncated data yields what was decoded (many producers truncate the final block).
    static func decode(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        do {
            return try inflate(input, windowBits: 15, limit: limit)
        } catch let error as PDFError where error.code == .corruptStreamData {
            if let raw = try? inflate(input, windowBits: -15, limit: limit), !raw.isEmpty { return raw }
            throw error
        }
    }

    private static func inflate(_ input: [UInt8], windowBits: Int32, limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PDFError(.corruptStreamData, "zlib inflateInit failed")
        }
        defer { inflateEnd(&stream) }
        var output = PDFOutputBuffer(limit: limit, filterName: "FlateDecode", reserving: input.count * 4)
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var input = input
        let inputCount = input.count
        return try input.withUnsafeMutableBufferPointer { inputBuffer -> [UInt8] in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputCount)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> (Int32, Int) in
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    let status = CSystemZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, chunkSize - Int(stream.avail_out))
                }
                if produced > 0 { try output.append(contentsOf: chunk[0..<produced]) }
                switch status {
                case Z_STREAM_END:
                    return output.bytes
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // No progress possible: input exhausted before the end marker.
                    if output.count == 0 && windowBits > 0 && inputCount > 0 && stream.total_in == 0 {
                        throw PDFError(.corruptStreamData, "zlib: no data")
                    }
                    return output.bytes
                default:
                    if output.count > 0 && windowBits > 0 {
                        // Corruption after some good output: keep what decoded (lenient, like most readers).
                        return output.bytes
                    }
                    throw PDFError(.corruptStreamData, "zlib inflate failed (status \(status))")
                }
            }
        }
    }
}
