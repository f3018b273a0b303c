/// A seal or stamp image for a signature appearance, from PNG or JPEG bytes.
///
/// PNGs are decoded (and so fully validated) when the image is made; JPEGs are checked up to
/// their frame header and embedded unchanged with /DCTDecode.
public struct PDFStampImage: Hashable, Sendable {
    enum Content: Hashable, Sendable {
        case png(PNGImage)
        case jpeg(JPEGInfo, bytes: [UInt8])
    }

    let content: Content

    /// The image width in pixels.
    public var width: Int {
        switch content {
        case .png(let image): return image.width
        case .jpeg(let info, _): return info.width
        }
    }

    /// The image height in pixels.
    public var height: Int {
        switch content {
        case .png(let image): return image.height
        case .jpeg(let info, _): return info.height
        }
    }

    /// Whether the image has transparency (a PNG alpha channel or tRNS).
    public var hasTransparency: Bool {
        if case .png(let image) = content { return image.alpha != nil }
        return false
    }

    /// An image from PNG or JPEG file bytes, recognised by their signature.
    ///
    /// - Throws: ``PDFError`` with `unsupportedImage` for other formats, interlaced PNGs,
    ///   corrupt data (bad CRC, truncated), or sizes over 10,000 pixels or 64 MiB decoded.
    public init(data: [UInt8]) throws {
        if data.starts(with: PNGChunks.signature) {
            content = .png(try PNGImage(data))
        } else if data.starts(with: [0xFF, 0xD8, 0xFF]) {
            content = .jpeg(try JPEGInfo(data), bytes: data)
        } else {
            throw PDFError(.unsupportedImage, "the stamp image is neither PNG nor JPEG")
        }
    }
}
