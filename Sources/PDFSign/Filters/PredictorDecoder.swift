/// PNG (predictors 10–15) and TIFF (predictor 2) un-prediction (ISO 32000-2 §7.4.4.4).
enum PredictorDecoder {
    /// Applies /DecodeParms /Predictor, /Colors, /BitsPerComponent, /Columns to `data`.
    static func decode(_ data: [UInt8], parameters: PDFDictionary) throws -> [UInt8] {
        let predictor = parameters.integer("Predictor") ?? 1
        if predictor <= 1 { return data }
        let colors = parameters.integer("Colors") ?? 1
        let bits = parameters.integer("BitsPerComponent") ?? 8
        let columns = parameters.integer("Columns") ?? 1
        guard (1...32).contains(colors), [1, 2, 4, 8, 16].contains(bits), (1...(1 << 24)).contains(columns) else {
            throw PDFError(.unsupportedFilter, "predictor parameters Colors \(colors) BitsPerComponent \(bits) Columns \(columns)")
        }
        let bitsPerPixel = colors * bits
        // A row longer than the data can only be a partial row: clamp so that declared sizes
        // never drive allocation.
        let rowBytes = min((columns * bitsPerPixel + 7) / 8, max(1, data.count))
        let pixelBytes = max(1, (bitsPerPixel + 7) / 8)
        if predictor == 2 { return try tiff(data, rowBytes: rowBytes, colors: colors, bits: bits) }
        guard predictor >= 10, predictor <= 15 else {
            throw PDFError(.unsupportedFilter, "predictor \(predictor)")
        }
        return try png(data, rowBytes: rowBytes, pixelBytes: pixelBytes)
    }

    static func png(_ data: [UInt8], rowBytes: Int, pixelBytes: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(data.count)
        var previous = [UInt8](repeating: 0, count: rowBytes)
        var row = [UInt8](repeating: 0, count: rowBytes)
        var index = 0
        while index < data.count {
            let type = data[index]
            index += 1
            let available = min(rowBytes, data.count - index)
            for i in 0..<rowBytes { row[i] = i < available ? data[index + i] : 0 }
            index += available
            switch type {
            case 0:
                break
            case 1:
                for i in pixelBytes..<max(pixelBytes, rowBytes) { row[i] = row[i] &+ row[i - pixelBytes] }
            case 2:
                for i in 0..<rowBytes { row[i] = row[i] &+ previous[i] }
            case 3:
                for i in 0..<rowBytes {
                    let left = i >= pixelBytes ? Int(row[i - pixelBytes]) : 0
                    row[i] = row[i] &+ UInt8((left + Int(previous[i])) / 2)
                }
            case 4:
                for i in 0..<rowBytes {
                    let a = i >= pixelBytes ? Int(row[i - pixelBytes]) : 0
                    let b = Int(previous[i])
                    let c = i >= pixelBytes ? Int(previous[i - pixelBytes]) : 0
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    let predicted = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
                    row[i] = row[i] &+ UInt8(predicted)
                }
            default:
                throw PDFError(.corruptStreamData, "PNG predictor: unknown row filter type \(type)")
            }
            output.append(contentsOf: row[0..<available])
            swap(&previous, &row)
        }
        return output
    }

    static func tiff(_ data: [UInt8], rowBytes: Int, colors: Int, bits: Int) throws -> [UInt8] {
        var output = data
        var rowStart = 0
        while rowStart < output.count {
            let rowEnd = min(output.count, rowStart + rowBytes)
            switch bits {
            case 8:
                var i = rowStart + colors
                while i < rowEnd {
                    output[i] = output[i] &+ output[i - colors]
                    i += 1
                }
            case 16:
                var i = rowStart + 2 * colors
                while i + 1 < rowEnd {
                    let value = (UInt16(output[i]) << 8 | UInt16(output[i + 1])) &+ (UInt16(output[i - 2 * colors]) << 8 | UInt16(output[i - 2 * colors + 1]))
                    output[i] = UInt8(value >> 8)
                    output[i + 1] = UInt8(value & 0xFF)
                    i += 2
                }
            default:
                // 1, 2 or 4 bits: unpack samples, accumulate, repack.
                let mask = (1 << bits) - 1
                let samples = (rowEnd - rowStart) * 8 / bits
                var values = [Int](repeating: 0, count: samples)
                for s in 0..<samples {
                    let bit = s * bits
                    let byte = Int(output[rowStart + bit / 8])
                    values[s] = (byte >> (8 - bits - bit % 8)) & mask
                }
                if samples > colors {
                    for s in colors..<samples { values[s] = (values[s] + values[s - colors]) & mask }
                }
                for b in rowStart..<rowEnd { output[b] = 0 }
                for s in 0..<samples {
                    let bit = s * bits
                    output[rowStart + bit / 8] |= UInt8(values[s] << (8 - bits - bit % 8))
                }
            }
            rowStart = rowEnd
        }
        return output
    }
}
