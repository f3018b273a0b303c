@testable import PDFSign

/// Assembles PDF bytes with correct offsets for tests.
struct TestPDFBuilder {
    var bytes: [UInt8] = Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
    /// Object number → offset of its header.
    var offsets: [Int: Int] = [:]

    mutating func append(_ text: String) { bytes += Array(text.utf8) }
    mutating func append(_ raw: [UInt8]) { bytes += raw }

    /// Writes `n 0 obj body endobj`.
    mutating func object(_ number: Int, _ body: String) {
        offsets[number] = bytes.count
        append("\(number) 0 obj\n\(body)\nendobj\n")
    }

    /// Writes a stream object; `/Length` is appended to `dictionary` unless `length` says otherwise.
    mutating func stream(_ number: Int, _ dictionary: String = "", data: [UInt8], length: String? = nil) {
        offsets[number] = bytes.count
        append("\(number) 0 obj\n<< \(dictionary) /Length \(length ?? String(data.count)) >>\nstream\n")
        append(data)
        append("\nendstream\nendobj\n")
    }

    /// Writes a classic xref table for `numbers` (object 0 always free), the trailer, startxref and %%EOF.
    @discardableResult
    mutating func classicXref(_ numbers: [Int]? = nil, trailer: String, lineEnding: String = " \n", free: Set<Int> = []) -> Int {
        let start = bytes.count
        let included = (numbers ?? offsets.keys.sorted()).sorted()
        append("xref\n")
        var runs: [[Int]] = [[0]]
        for number in included where number != 0 {
            if let last = runs[runs.count - 1].last, last + 1 == number { runs[runs.count - 1].append(number) } else { runs.append([number]) }
        }
        for run in runs {
            append("\(run[0]) \(run.count)\n")
            for number in run {
                if number == 0 || free.contains(number) {
                    append("0000000000 65535 f" + lineEnding)
                } else {
                    let offset = String(offsets[number] ?? 0)
                    append(String(repeating: "0", count: 10 - offset.count) + offset + " 00000 n" + lineEnding)
                }
            }
        }
        append("trailer\n<< \(trailer) >>\nstartxref\n\(start)\n%%EOF\n")
        return start
    }

    /// Big-endian field of `width` bytes.
    static func field(_ value: Int, width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * (width - 1 - $0))) }
    }

    /// Writes an xref stream object `number` with rows for `entries` (/W [1 3 2]), Flate + PNG Up predictor.
    @discardableResult
    mutating func xrefStream(_ number: Int, entries: [(Int, PDFXrefEntry)], size: Int, trailer: String, writeStartxref: Bool = true, selfOffset: Int? = nil) throws -> Int {
        let start = bytes.count
        offsets[number] = start
        var rows: [[UInt8]] = []
        var allEntries = entries
        allEntries.append((number, .inUse(offset: selfOffset ?? start, generation: 0)))
        allEntries.sort { $0.0 < $1.0 }
        var index: [Int] = []
        for (n, entry) in allEntries {
            index += [n, 1]
            switch entry {
            case .free(let next, let generation): rows.append([0] + Self.field(next, width: 3) + Self.field(generation, width: 2))
            case .inUse(let offset, let generation): rows.append([1] + Self.field(offset, width: 3) + Self.field(generation, width: 2))
            case .compressed(let stream, let idx): rows.append([2] + Self.field(stream, width: 3) + Self.field(idx, width: 2))
            }
        }
        // PNG "Up" filter on each row.
        var predicted: [UInt8] = []
        var previous = [UInt8](repeating: 0, count: 6)
        for row in rows {
            predicted.append(2)
            for i in 0..<6 { predicted.append(row[i] &- previous[i]) }
            previous = row
        }
        let data = try FlateEncoder.encode(predicted)
        let indexText = index.map(String.init).joined(separator: " ")
        append("\(number) 0 obj\n<< /Type /XRef /Size \(size) /W [1 3 2] /Index [\(indexText)] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 6 >> /Length \(data.count) \(trailer) >>\nstream\n")
        append(data)
        append("\nendstream\nendobj\n")
        if writeStartxref { append("startxref\n\(start)\n%%EOF\n") }
        return start
    }

    /// Writes an object stream holding `objects` (number, body), Flate-compressed.
    mutating func objectStream(_ number: Int, objects: [(Int, String)]) throws {
        var header = ""
        var body = ""
        for (n, text) in objects {
            header += "\(n) \(body.utf8.count) "
            body += text + "\n"
        }
        let data = try FlateEncoder.encode(Array((header + body).utf8))
        stream(number, "/Type /ObjStm /N \(objects.count) /First \(header.utf8.count) /Filter /FlateDecode", data: data)
    }

    /// A one-page document whose catalog, page tree and page (with `pageEntries`) sit in object
    /// stream 10, indexed by cross-reference stream 11.
    static func objectStreamDocument(pageEntries: String) throws -> TestPDFBuilder {
        var builder = TestPDFBuilder()
        try builder.objectStream(10, objects: [
            (1, "<< /Type /Catalog /Pages 2 0 R >>"),
            (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            (3, "<< /Type /Page /Parent 2 0 R \(pageEntries) >>"),
        ])
        try builder.xrefStream(11, entries: [
            (0, .free(nextFreeObject: 0, generation: 65535)),
            (1, .compressed(streamNumber: 10, index: 0)),
            (2, .compressed(streamNumber: 10, index: 1)),
            (3, .compressed(streamNumber: 10, index: 2)),
            (10, .inUse(offset: builder.offsets[10] ?? 0, generation: 0)),
        ], size: 12, trailer: "/Root 1 0 R")
        return builder
    }
}
