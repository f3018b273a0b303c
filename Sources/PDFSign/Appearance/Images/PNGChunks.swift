/// The chunks of a PNG file (PNG spec §5), with CRCs checked.
struct PNGChunks {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    var header: ArraySlice<UInt8> = []
    var palette: ArraySlice<UInt8>?
    var transparency: ArraySlice<UInt8>?
    var imageData: [UInt8] = []

    init(_ bytes: [UInt8]) throws {
        guard bytes.starts(with: Self.signature) else { throw PDFError(.unsupportedImage, "not a PNG file (bad signature)") }
        var offset = 8, sawEnd = false, first = true
        while offset < bytes.count, !sawEnd {
            guard bytes.count - offset >= 12 else { throw PDFError(.unsupportedImage, "PNG chunk at \(offset) is truncated") }
            let length = Int(bytes[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            guard length <= bytes.count - offset - 12 else {
                throw PDFError(.unsupportedImage, "PNG chunk at \(offset) claims \(length) bytes, beyond the end of the file")
            }
            let typeRange = (offset + 4)..<(offset + 8), dataRange = (offset + 8)..<(offset + 8 + length)
            let type = String(decoding: bytes[typeRange], as: UTF8.self)
            let stored = bytes[dataRange.upperBound..<(dataRange.upperBound + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard CRC32.checksum(bytes[typeRange.lowerBound..<dataRange.upperBound]) == stored else {
                throw PDFError(.unsupportedImage, "PNG chunk '\(type)' at \(offset) has a wrong CRC")
            }
            if first, type != "IHDR" { throw PDFError(.unsupportedImage, "PNG does not start with IHDR") }
            first = false
            switch type {
            case "IHDR": header = bytes[dataRange]
            case "PLTE": palette = bytes[dataRange]
            case "tRNS": transparency = bytes[dataRange]
            case "IDAT":
                guard imageData.count + length <= PNGImage.maxEncodedBytes else {
                    throw PDFError(.unsupportedImage, "PNG image data exceeds \(PNGImage.maxEncodedBytes) bytes")
                }
                imageData += bytes[dataRange]
            case "IEND": sawEnd = true
            default: break
            }
            offset = dataRange.upperBound + 4
        }
        guard sawEnd else { throw PDFError(.unsupportedImage, "PNG has no IEND chunk (truncated file)") }
        guard !imageData.isEmpty else { throw PDFError(.unsupportedImage, "PNG has no IDAT chunk") }
    }
}
