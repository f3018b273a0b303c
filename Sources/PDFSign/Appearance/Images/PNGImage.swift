/// A decoded PNG (non-interlaced; color types 0, 2, 3, 4, 6), as 8-bit gray or RGB samples
/// plus an optional 8-bit alpha channel.
struct PNGImage: Hashable, Sendable {
    /// The largest accepted width or height.
    static let maxDimension = 10_000
    /// The largest accepted decompressed (filtered) image data.
    static let maxDecodedBytes = 64 * 1024 * 1024
    /// The largest accepted compressed image data.
    static let maxEncodedBytes = 64 * 1024 * 1024

    let width: Int
    let height: Int
    /// 1 (gray) or 3 (RGB).
    let colorComponents: Int
    /// `width × height × colorComponents` samples, row by row.
    let pixels: [UInt8]
    /// `width × height` alpha samples, or `nil` when the image is opaque.
    let alpha: [UInt8]?

    init(_ bytes: [UInt8]) throws {
        let chunks = try PNGChunks(bytes)
        let header = SFNTReader(bytes: Array(chunks.header))
        guard chunks.header.count == 13 else { throw PDFError(.unsupportedImage, "PNG IHDR has \(chunks.header.count) bytes, not 13") }
        let width = Int(try header.uint32(0)), height = Int(try header.uint32(4))
        let depth = Int(chunks.header[chunks.header.startIndex + 8]), colorType = Int(chunks.header[chunks.header.startIndex + 9])
        let interlace = chunks.header[chunks.header.startIndex + 12]
        guard (1...Self.maxDimension).contains(width), (1...Self.maxDimension).contains(height) else {
            throw PDFError(.unsupportedImage, "PNG size \(width)×\(height) is outside 1…\(Self.maxDimension) pixels")
        }
        guard chunks.header[chunks.header.startIndex + 10] == 0, chunks.header[chunks.header.startIndex + 11] == 0 else {
            throw PDFError(.unsupportedImage, "PNG uses an unknown compression or filter method")
        }
        guard interlace == 0 else { throw PDFError(.unsupportedImage, "interlaced (Adam7) PNGs are not supported; save the stamp without interlacing") }
        let channels: Int
        switch (colorType, depth) {
        case (0, 1), (0, 2), (0, 4), (0, 8), (0, 16): channels = 1
        case (3, 1), (3, 2), (3, 4), (3, 8): channels = 1
        case (2, 8), (2, 16): channels = 3
        case (4, 8), (4, 16): channels = 2
        case (6, 8), (6, 16): channels = 4
        default: throw PDFError(.unsupportedImage, "PNG color type \(colorType) with bit depth \(depth) is not valid")
        }
        let bitsPerPixel = channels * depth
        let rowBytes = (width * bitsPerPixel + 7) / 8
        let expected = (rowBytes + 1) * height
        guard expected <= Self.maxDecodedBytes else {
            throw PDFError(.unsupportedImage, "PNG image data would decode to \(expected) bytes, more than \(Self.maxDecodedBytes)")
        }
        let inflated: [UInt8]
        do {
            inflated = try FlateDecoder.decode(chunks.imageData, limit: expected)
        } catch let error as PDFError {
            throw PDFError(.unsupportedImage, "PNG image data does not inflate: \(error.reason)")
        }
        guard inflated.count >= expected else {
            throw PDFError(.unsupportedImage, "PNG image data has \(inflated.count) bytes, \(expected) expected")
        }
        let raw = try PNGFilters.unfilter(inflated, rowBytes: rowBytes, rows: height, bytesPerPixel: max(1, bitsPerPixel / 8))
        let samples = PNGSamples(raw: raw, rowBytes: rowBytes, depth: depth, channels: channels, width: width)

        var pixels: [UInt8] = [], alpha: [UInt8] = []
        let pixelCount = width * height
        alpha.reserveCapacity(pixelCount)
        switch colorType {
        case 3:
            guard let palette = chunks.palette.map(Array.init), palette.count % 3 == 0, !palette.isEmpty else {
                throw PDFError(.unsupportedImage, "palette PNG has no valid PLTE chunk")
            }
            let opacity = chunks.transparency.map(Array.init) ?? []
            pixels.reserveCapacity(pixelCount * 3)
            for y in 0..<height {
                for x in 0..<width {
                    let index = samples.sample(x: x, y: y, channel: 0)
                    guard index * 3 < palette.count else { throw PDFError(.unsupportedImage, "PNG pixel uses palette entry \(index) beyond the palette") }
                    pixels += palette[(index * 3)..<(index * 3 + 3)]
                    alpha.append(index < opacity.count ? opacity[index] : 255)
                }
            }
        default:
            let colors = channels >= 3 ? 3 : 1
            let key = try Self.transparentKey(chunks.transparency, colorType: colorType, colors: colors)
            pixels.reserveCapacity(pixelCount * colors)
            for y in 0..<height {
                for x in 0..<width {
                    var rawColor: [Int] = []
                    for channel in 0..<colors {
                        rawColor.append(samples.sample(x: x, y: y, channel: channel))
                        pixels.append(samples.sample8(x: x, y: y, channel: channel))
                    }
                    if channels == 2 || channels == 4 {
                        alpha.append(samples.sample8(x: x, y: y, channel: channels - 1))
                    } else {
                        alpha.append(rawColor == key ? 0 : 255)
                    }
                }
            }
        }
        self.width = width
        self.height = height
        self.colorComponents = colorType == 3 || colorType == 2 || colorType == 6 ? 3 : 1
        self.pixels = pixels
        self.alpha = alpha.contains(where: { $0 != 255 }) ? alpha : nil
    }

    /// The tRNS color key of a gray or RGB image, in raw sample values.
    private static func transparentKey(_ chunk: ArraySlice<UInt8>?, colorType: Int, colors: Int) throws -> [Int]? {
        guard let chunk, colorType == 0 || colorType == 2 else { return nil }
        guard chunk.count >= colors * 2 else { throw PDFError(.unsupportedImage, "PNG tRNS chunk is too short") }
        let bytes = Array(chunk)
        return (0..<colors).map { Int(bytes[$0 * 2]) << 8 | Int(bytes[$0 * 2 + 1]) }
    }
}

/// Reads samples of any PNG bit depth from unfiltered rows.
struct PNGSamples {
    let raw: [UInt8]
    let rowBytes: Int
    let depth: Int
    let channels: Int
    let width: Int

    /// The raw sample value (0 … 2^depth − 1).
    func sample(x: Int, y: Int, channel: Int) -> Int {
        let index = x * channels + channel
        let row = y * rowBytes
        switch depth {
        case 16: return Int(raw[row + index * 2]) << 8 | Int(raw[row + index * 2 + 1])
        case 8: return Int(raw[row + index])
        default:
            let bit = index * depth
            let byte = raw[row + bit / 8]
            return Int(byte >> (8 - depth - bit % 8)) & ((1 << depth) - 1)
        }
    }

    /// The sample scaled to 8 bits (16-bit samples keep their high byte).
    func sample8(x: Int, y: Int, channel: Int) -> UInt8 {
        let value = sample(x: x, y: y, channel: channel)
        switch depth {
        case 16: return UInt8(value >> 8)
        case 8: return UInt8(value)
        default: return UInt8(value * 255 / ((1 << depth) - 1))
        }
    }
}
