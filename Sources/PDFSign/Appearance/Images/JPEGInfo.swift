/// What a PDF needs to know of a JPEG to pass it through with /DCTDecode: its size, its
/// number of components and whether Adobe software wrote inverted CMYK.
struct JPEGInfo: Hashable, Sendable {
    let width: Int
    let height: Int
    /// 1 (gray), 3 (YCbCr/RGB) or 4 (CMYK/YCCK).
    let components: Int
    /// An Adobe APP14 segment is present (its CMYK data is stored inverted).
    let hasAdobeMarker: Bool

    /// Scans the markers up to the first start-of-frame (baseline, extended or progressive DCT).
    init(_ bytes: [UInt8]) throws {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { throw PDFError(.unsupportedImage, "not a JPEG file (no SOI marker)") }
        var offset = 2, adobe = false
        while true {
            guard offset < bytes.count, bytes[offset] == 0xFF else { throw PDFError(.unsupportedImage, "JPEG marker expected at \(offset)") }
            while offset < bytes.count, bytes[offset] == 0xFF { offset += 1 }
            guard offset < bytes.count else { break }
            let marker = bytes[offset]
            offset += 1
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue }
            if marker == 0xD9 || marker == 0xDA { break }
            guard offset + 2 <= bytes.count else { break }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            guard length >= 2, offset + length <= bytes.count else { throw PDFError(.unsupportedImage, "JPEG segment 0x\(String(marker, radix: 16)) at \(offset) is truncated") }
            let segment = Array(bytes[(offset + 2)..<(offset + length)])
            switch marker {
            case 0xEE where segment.starts(with: Array("Adobe".utf8)):
                adobe = true
            case 0xC0, 0xC1, 0xC2:
                guard segment.count >= 6 else { throw PDFError(.unsupportedImage, "JPEG SOF segment is too short") }
                let height = Int(segment[1]) << 8 | Int(segment[2]), width = Int(segment[3]) << 8 | Int(segment[4])
                let components = Int(segment[5])
                guard segment[0] == 8 else { throw PDFError(.unsupportedImage, "JPEG precision \(segment[0]) bits is not supported (8 expected)") }
                guard width > 0, height > 0 else { throw PDFError(.unsupportedImage, "JPEG size \(width)×\(height) is not supported (DNL height?)") }
                guard [1, 3, 4].contains(components) else { throw PDFError(.unsupportedImage, "JPEG with \(components) components is not supported") }
                self.width = width
                self.height = height
                self.components = components
                self.hasAdobeMarker = adobe
                return
            case 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF:
                throw PDFError(.unsupportedImage, "JPEG frame type 0x\(String(marker, radix: 16, uppercase: true)) (lossless, hierarchical or arithmetic) is not supported")
            default: break
            }
            offset += length
        }
        throw PDFError(.unsupportedImage, "JPEG has no start-of-frame before its image data")
    }
}
