@testable import PDFSign
import Testing

@Suite("Stamp images: PNG decoding and JPEG headers")
struct AppearanceStampImageTests {
    static func decode(_ bytes: [UInt8]) throws -> PNGImage {
        let image = try PDFStampImage(data: bytes)
        guard case .png(let png) = image.content else { throw PDFError(.unsupportedImage, "not decoded as PNG") }
        return png
    }

    /// A 5×3 RGB gradient with varied bytes so every filter predicts something different.
    static let rgbRows: [[UInt8]] = (0..<3).map { y in (0..<15).map { UInt8(truncatingIfNeeded: $0 * 37 + y * 91 + ($0 * y) % 7) } }

    /// 8×6 RGB pseudo-random values in 0…3: many predictor ties (Paeth's tie-breaking order matters).
    static let tieRows: [[UInt8]] = {
        var state: UInt32 = 12345
        return (0..<6).map { _ in (0..<24).map { _ in state = state &* 1_103_515_245 &+ 12345; return UInt8((state >> 16) % 4) } }
    }()

    @Test("RGB 8-bit, each of the five row filters", arguments: [UInt8(0), 1, 2, 3, 4])
    func rgbFilters(filter: UInt8) throws {
        let png = try TestPNGEncoder.make(width: 5, height: 3, bitDepth: 8, colorType: 2, rows: Self.rgbRows, filter: filter)
        let image = try Self.decode(png)
        #expect(image.width == 5 && image.height == 3 && image.colorComponents == 3)
        #expect(image.pixels == Self.rgbRows.flatMap { $0 })
        #expect(image.alpha == nil)
        let ties = try Self.decode(try TestPNGEncoder.make(width: 8, height: 6, bitDepth: 8, colorType: 2, rows: Self.tieRows, filter: filter))
        #expect(ties.pixels == Self.tieRows.flatMap { $0 })
    }

    @Test("Gray at 1, 2, 4, 8 and 16 bits")
    func grayDepths() throws {
        // 4 pixels per row: values 0, max, 1, max-1 at each depth.
        for depth in [1, 2, 4, 8] {
            let maxValue = (1 << depth) - 1
            let values = [0, maxValue, 1 % (maxValue + 1), max(0, maxValue - 1)]
            var row: [UInt8] = [], bits = 0, current = 0
            for value in values {
                current = current << depth | value
                bits += depth
                if bits == 8 { row.append(UInt8(current)); bits = 0; current = 0 }
            }
            if bits > 0 { row.append(UInt8(current << (8 - bits))) }
            let png = try TestPNGEncoder.make(width: 4, height: 2, bitDepth: UInt8(depth), colorType: 0, rows: [row, row], filter: 1)
            let image = try Self.decode(png)
            let expected = values.map { UInt8($0 * 255 / maxValue) }
            #expect(image.pixels == expected + expected, "depth \(depth)")
            #expect(image.colorComponents == 1)
        }
        let sixteen = try TestPNGEncoder.make(width: 2, height: 1, bitDepth: 16, colorType: 0, rows: [[0x12, 0x34, 0xAB, 0xCD]], filter: 4)
        #expect(try Self.decode(sixteen).pixels == [0x12, 0xAB])
    }

    @Test("Palette at 1, 2, 4 and 8 bits with tRNS alpha")
    func palette() throws {
        let palette: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9]
        for depth in [2, 4, 8] {
            let indices = [0, 1, 2, 3]
            var row: [UInt8] = [], bits = 0, current = 0
            for index in indices {
                current = current << depth | index
                bits += depth
                if bits == 8 { row.append(UInt8(current)); bits = 0; current = 0 }
            }
            if bits > 0 { row.append(UInt8(current << (8 - bits))) }
            let png = try TestPNGEncoder.make(width: 4, height: 1, bitDepth: UInt8(depth), colorType: 3, rows: [row], palette: palette, transparency: [0, 128])
            let image = try Self.decode(png)
            #expect(image.pixels == palette, "depth \(depth)")
            #expect(image.alpha == [0, 128, 255, 255])
        }
        let oneBit = try TestPNGEncoder.make(width: 3, height: 1, bitDepth: 1, colorType: 3, rows: [[0b1010_0000]], palette: Array(palette[..<6]))
        #expect(try Self.decode(oneBit).pixels == [0, 255, 0, 255, 0, 0, 0, 255, 0])
        let outOfRange = try TestPNGEncoder.make(width: 1, height: 1, bitDepth: 8, colorType: 3, rows: [[7]], palette: palette)
        #expect(throws: PDFError(.unsupportedImage, "")) { try Self.decode(outOfRange) }
    }

    @Test("Gray+alpha and RGBA at 8 and 16 bits; gray and RGB tRNS color keys")
    func alphaChannels() throws {
        let grayAlpha = try TestPNGEncoder.make(width: 2, height: 1, bitDepth: 8, colorType: 4, rows: [[10, 255, 20, 30]], filter: 3)
        let ga = try Self.decode(grayAlpha)
        #expect(ga.pixels == [10, 20] && ga.alpha == [255, 30] && ga.colorComponents == 1)
        let rgba = try TestPNGEncoder.make(width: 2, height: 2, bitDepth: 8, colorType: 6, rows: [[1, 2, 3, 4, 5, 6, 7, 255], [9, 10, 11, 0, 13, 14, 15, 16]], filter: 4)
        let image = try Self.decode(rgba)
        #expect(image.pixels == [1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15] && image.alpha == [4, 255, 0, 16])
        let rgba16 = try TestPNGEncoder.make(width: 1, height: 1, bitDepth: 16, colorType: 6, rows: [[0xA0, 1, 0xB0, 2, 0xC0, 3, 0x80, 4]], filter: 2)
        let wide = try Self.decode(rgba16)
        #expect(wide.pixels == [0xA0, 0xB0, 0xC0] && wide.alpha == [0x80])
        let opaque = try TestPNGEncoder.make(width: 1, height: 1, bitDepth: 8, colorType: 6, rows: [[1, 2, 3, 255]])
        #expect(try Self.decode(opaque).alpha == nil, "a fully opaque alpha channel is dropped")

        let rgbKey = try TestPNGEncoder.make(width: 2, height: 1, bitDepth: 8, colorType: 2, rows: [[1, 2, 3, 4, 5, 6]], transparency: [0, 4, 0, 5, 0, 6])
        #expect(try Self.decode(rgbKey).alpha == [255, 0])
        let grayKey = try TestPNGEncoder.make(width: 2, height: 1, bitDepth: 8, colorType: 0, rows: [[7, 8]], transparency: [0, 7])
        #expect(try Self.decode(grayKey).alpha == [0, 255])
    }

    @Test("Corrupt, truncated, interlaced, oversized and non-image data are refused with unsupportedImage")
    func refusals() throws {
        let good = try TestPNGEncoder.make(width: 5, height: 3, bitDepth: 8, colorType: 2, rows: Self.rgbRows)
        var badCRC = good
        badCRC[29] ^= 0xFF  // last CRC byte of IHDR (8 + 4 + 4 + 13 = 29)
        let crcError = try #require(throws: PDFError.self) { try PDFStampImage(data: badCRC) }
        #expect(crcError.code == .unsupportedImage && crcError.reason.contains("CRC"))
        var badData = good
        badData[45] ^= 0x55  // inside the first IDAT payload: caught by its CRC
        #expect(throws: PDFError(.unsupportedImage, "")) { try PDFStampImage(data: badData) }
        for length in [8, 20, 33, good.count - 12, good.count - 1] {
            #expect(throws: PDFError(.unsupportedImage, "")) { try PDFStampImage(data: Array(good[..<length])) }
        }
        let interlaced = try TestPNGEncoder.make(width: 5, height: 3, bitDepth: 8, colorType: 2, rows: Self.rgbRows, interlace: 1)
        let interlaceError = try #require(throws: PDFError.self) { try PDFStampImage(data: interlaced) }
        #expect(interlaceError.reason.contains("interlaced"))
        let huge = try TestPNGEncoder.make(width: 20_000, height: 1, bitDepth: 8, colorType: 0, rows: [[0]])
        #expect(throws: PDFError(.unsupportedImage, "")) { try PDFStampImage(data: huge) }
        let badDepth = try TestPNGEncoder.make(width: 1, height: 1, bitDepth: 4, colorType: 2, rows: [[0, 0]])
        #expect(throws: PDFError(.unsupportedImage, "")) { try PDFStampImage(data: badDepth) }
        let badFilter = try TestPNGEncoder.make(width: 1, height: 1, bitDepth: 8, colorType: 0, rows: [[0]], filter: 9)
        #expect(throws: PDFError(.unsupportedImage, "")) { try PDFStampImage(data: badFilter) }
        #expect(throws: PDFError(.unsupportedImage, "")) { try PDFStampImage(data: Array("GIF89a".utf8)) }
        #expect(throws: PDFError(.unsupportedImage, "")) { try PDFStampImage(data: []) }
    }

    @Test("A PNG whose data inflates beyond its dimensions is refused (decompression bomb)")
    func bomb() throws {
        var file = PNGChunks.signature + TestPNGEncoder.chunk("IHDR", TestPNGEncoder.be32(4) + TestPNGEncoder.be32(4) + [8, 0, 0, 0, 0])
        file += TestPNGEncoder.chunk("IDAT", try FlateEncoder.encode([UInt8](repeating: 0, count: 10_000_000)))
        file += TestPNGEncoder.chunk("IEND", [])
        // Inflating stops at the size width × height implies, and the image is refused.
        let error = try #require(throws: PDFError.self) { try PDFStampImage(data: file) }
        #expect(error.code == .unsupportedImage)
        let short = PNGChunks.signature + TestPNGEncoder.chunk("IHDR", TestPNGEncoder.be32(100) + TestPNGEncoder.be32(100) + [8, 0, 0, 0, 0])
            + TestPNGEncoder.chunk("IDAT", try FlateEncoder.encode([0, 1, 2])) + TestPNGEncoder.chunk("IEND", [])
        #expect(throws: PDFError(.unsupportedImage, "")) { try PDFStampImage(data: short) }
    }

    /// SOI, APP0 JFIF, optional APP14 Adobe, SOFn, EOI.
    static func jpegHeader(marker: UInt8 = 0xC0, width: Int = 300, height: Int = 200, components: UInt8 = 3, adobe: Bool = false) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        if adobe { bytes += [0xFF, 0xEE, 0x00, 0x0E] + Array("Adobe".utf8) + [0, 100, 0, 0, 0, 0, 2] }
        bytes += [0xFF, 0xFF, 0xFF]  // fill bytes before a marker are allowed
        bytes += [marker, 0x00, UInt8(8 + 3 * Int(components)), 8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), components]
        for index in 0..<components { bytes += [index + 1, 0x11, 0] }
        return bytes + [0xFF, 0xD9]
    }

    @Test("JPEG: size and components from SOF0/SOF2, passed through with DCTDecode; inverted Adobe CMYK")
    func jpeg() throws {
        let image = try PDFStampImage(data: Self.jpegHeader())
        #expect(image.width == 300 && image.height == 200 && !image.hasTransparency)
        let sink = CollectingObjectSink(firstNumber: 1)
        let reference = try image.makeXObject(into: sink)
        let dictionary = try #require(sink.dictionary(reference))
        #expect(dictionary.name("Filter") == "DCTDecode" && dictionary.name("ColorSpace") == "DeviceRGB")
        #expect(sink.streamData[reference.number] == Self.jpegHeader())

        let gray = try PDFStampImage(data: Self.jpegHeader(marker: 0xC2, components: 1))
        let graySink = CollectingObjectSink(firstNumber: 1)
        #expect(graySink.dictionary(try gray.makeXObject(into: graySink))?.name("ColorSpace") == "DeviceGray")

        let cmyk = try PDFStampImage(data: Self.jpegHeader(components: 4, adobe: true))
        let cmykSink = CollectingObjectSink(firstNumber: 1)
        let cmykDictionary = try #require(cmykSink.dictionary(try cmyk.makeXObject(into: cmykSink)))
        #expect(cmykDictionary.name("ColorSpace") == "DeviceCMYK")
        #expect(cmykDictionary["Decode"] == .array([1, 0, 1, 0, 1, 0, 1, 0].map { .integer($0) }))

        #expect(throws: PDFError(.unsupportedImage, "")) { try PDFStampImage(data: Self.jpegHeader(marker: 0xC3)) }
        #expect(throws: PDFError(.unsupportedImage, "")) { try PDFStampImage(data: Self.jpegHeader(height: 0)) }
        let header = Self.jpegHeader()
        for length in [3, 6, 12, 25] {
            #expect(throws: PDFError(.unsupportedImage, "")) { try PDFStampImage(data: Array(header[..<length])) }
        }
    }

    @Test("PNG with alpha becomes an RGB image XObject with a DeviceGray /SMask")
    func pngXObject() throws {
        let image = try PDFStampImage(data: try TestPNGEncoder.redSeal(size: 16))
        #expect(image.hasTransparency)
        let sink = CollectingObjectSink(firstNumber: 1)
        let reference = try image.makeXObject(into: sink)
        let dictionary = try #require(sink.dictionary(reference))
        #expect(dictionary.name("ColorSpace") == "DeviceRGB" && dictionary.name("Filter") == "FlateDecode")
        #expect(dictionary.integer("BitsPerComponent") == 8 && dictionary.integer("Width") == 16)
        let mask = try #require(dictionary["SMask"]?.referenceValue)
        #expect(sink.dictionary(mask)?.name("ColorSpace") == "DeviceGray")
        #expect(try sink.decodedStream(reference).count == 16 * 16 * 3)
        #expect(try sink.decodedStream(mask).count == 16 * 16)
    }
}
