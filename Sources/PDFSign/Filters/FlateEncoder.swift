import CSystemZlib

/// Deflate compression (zlib format) for writing streams and for tests.
enum FlateEncoder {
    static func encode(_ input: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var destinationLength = compressBound(uLong(input.count))
        var output = [UInt8](repeating: 0, count: Int(destinationLength))
        let status = output.withUnsafeMutableBufferPointer { out in
            input.withUnsafeBufferPointer { inp in
                compress2(out.baseAddress, &destinationLength, inp.baseAddress, uLong(input.count), level)
            }
        }
        guard status == Z_OK else { throw PDFError(.corruptStreamData, "zlib compress failed (status \(status))") }
        return Array(output[0..<Int(destinationLength)])
    }
}
