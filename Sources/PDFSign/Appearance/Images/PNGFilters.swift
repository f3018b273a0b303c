/// Undoing PNG scanline filters (PNG spec §9): None, Sub, Up, Average, Paeth.
enum PNGFilters {
    /// Removes the filter byte of each row and reverses the filter, returning the raw rows.
    static func unfilter(_ data: [UInt8], rowBytes: Int, rows: Int, bytesPerPixel: Int) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: rowBytes * rows)
        for row in 0..<rows {
            let source = row * (rowBytes + 1), target = row * rowBytes
            let filter = data[source]
            for index in 0..<rowBytes {
                let x = data[source + 1 + index]
                let a = index >= bytesPerPixel ? output[target + index - bytesPerPixel] : 0
                let b = row > 0 ? output[target - rowBytes + index] : 0
                let c = row > 0 && index >= bytesPerPixel ? output[target - rowBytes + index - bytesPerPixel] : 0
                let predicted: UInt8
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = UInt8((Int(a) + Int(b)) / 2)
                case 4: predicted = paeth(a, b, c)
                default: throw PDFError(.unsupportedImage, "PNG row \(row) has unknown filter type \(filter)")
                }
                output[target + index] = x &+ predicted
            }
        }
        return output
    }

    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }
}
