@testable import PDFSign

/// Builds PNG files for tests: raw rows in, filtered and deflated chunks out.
enum TestPNGEncoder {
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(UInt32(data.count)) + body + be32(CRC32.checksum(body))
    }

    static func be32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (24 - 8 * UInt32($0))) & 0xFF) } }

    /// A PNG whose rows are `rows` (raw, unfiltered bytes), each filtered with `filter`.
    static func make(width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, rows: [[UInt8]], filter: UInt8 = 0,
                     palette: [UInt8]? = nil, transparency: [UInt8]? = nil, interlace: UInt8 = 0) throws -> [UInt8] {
        let channels: Int = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(colorType)]!
        let bytesPerPixel = max(1, channels * Int(bitDepth) / 8)
        var filtered: [UInt8] = []
        var previous = [UInt8](repeating: 0, count: rows.first?.count ?? 0)
        for row in rows {
            filtered.append(filter)
            for (i, x) in row.enumerated() {
                let a = i >= bytesPerPixel ? Int(row[i - bytesPerPixel]) : 0
                let b = Int(previous[i])
                let c = i >= bytesPerPixel ? Int(previous[i - bytesPerPixel]) : 0
                let predictor: Int
                switch filter {
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: predictor = 0
                }
                filtered.append(x &- UInt8(predictor & 0xFF))
            }
            previous = row
        }
        var header = be32(UInt32(width)) + be32(UInt32(height))
        header += [bitDepth, colorType, 0, 0, interlace]
        var file = PNGChunks.signature + chunk("IHDR", header)
        if let palette { file += chunk("PLTE", palette) }
        if let transparency { file += chunk("tRNS", transparency) }
        let compressed = try FlateEncoder.encode(filtered)
        // Two IDAT chunks, to check they are concatenated.
        let half = compressed.count / 2
        file += chunk("IDAT", Array(compressed[..<half])) + chunk("IDAT", Array(compressed[half...]))
        return file + chunk("IEND", [])
    }

    /// A red circular seal with transparent surroundings: a ring and a filled dot, RGBA.
    static func redSeal(size: Int = 64) throws -> [UInt8] {
        var rows: [[UInt8]] = []
        let centre = Double(size - 1) / 2, radius = Double(size) / 2 - 1
        for y in 0..<size {
            var row: [UInt8] = []
            for x in 0..<size {
                let distance = ((Double(x) - centre) * (Double(x) - centre) + (Double(y) - centre) * (Double(y) - centre)).squareRoot()
                let ink = (distance <= radius && distance >= radius * 0.8) || distance <= radius * 0.35
                    || (abs(Double(x) - centre) < radius * 0.08 && distance < radius * 0.8)
                row += ink ? [220, 20, 30, 255] : [255, 255, 255, 0]
            }
            rows.append(row)
        }
        return try make(width: size, height: size, bitDepth: 8, colorType: 6, rows: rows, filter: 4)
    }
}
