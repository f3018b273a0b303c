/// Writes cross-reference sections (ISO 32000-2 §7.5.4 tables, §7.5.8 streams).
enum PDFXrefSectionWriter {
    /// Consecutive runs of object numbers: the subsections.
    static func runs(of numbers: [Int]) -> [[Int]] {
        var runs: [[Int]] = []
        for number in numbers.sorted() {
            if let last = runs.last?.last, last + 1 == number { runs[runs.count - 1].append(number) } else { runs.append([number]) }
        }
        return runs
    }

    /// `xref`, subsections of 20-byte lines, `trailer` and its dictionary. A complete section
    /// also lists object 0 as the head of the free list.
    static func writeTable(entries: [Int: PDFXrefEntry], complete: Bool, trailer: PDFDictionary, into output: inout [UInt8]) throws {
        var entries = entries
        if complete { entries[0] = .free(nextFreeObject: 0, generation: 65535) }
        output += Array("xref\n".utf8)
        for run in runs(of: Array(entries.keys)) {
            output += Array("\(run[0]) \(run.count)\n".utf8)
            for number in run {
                let line: String
                switch entries[number]! {
                case .inUse(let offset, let generation): line = padded(offset, 10) + " " + padded(generation, 5) + " n\r\n"
                case .free(let next, let generation): line = padded(next, 10) + " " + padded(generation, 5) + " f\r\n"
                case .compressed:
                    throw PDFError(.brokenXref, "object \(number) lives in an object stream, which a classic table cannot describe")
                }
                output += Array(line.utf8)
            }
        }
        output += Array("trailer\n".utf8)
        try PDFObjectSerializer.writeDictionary(trailer, into: &output)
        output += Array("\n".utf8)
    }

    /// A `/Type /XRef` stream object `reference` holding `entries`, Flate-compressed.
    static func writeStream(
        entries: [Int: PDFXrefEntry], complete: Bool, trailer: PDFDictionary, reference: PDFObjectReference, into output: inout [UInt8]
    ) throws {
        var entries = entries
        if complete { entries[0] = .free(nextFreeObject: 0, generation: 65535) }
        let largest = entries.values.map { entry -> Int in
            switch entry {
            case .inUse(let offset, _): return offset
            case .free(let next, _): return next
            case .compressed(let stream, _): return stream
            }
        }.max() ?? 0
        var width = 1
        while width < 8, largest >> (8 * width) != 0 { width += 1 }
        let runs = runs(of: Array(entries.keys))
        var rows: [UInt8] = []
        for number in runs.joined() {
            let (type, field2, field3): (UInt8, Int, Int)
            switch entries[number]! {
            case .free(let next, let generation): (type, field2, field3) = (0, next, min(generation, 0xFFFF))
            case .inUse(let offset, let generation): (type, field2, field3) = (1, offset, generation)
            case .compressed(let stream, let index): (type, field2, field3) = (2, stream, index)
            }
            rows.append(type)
            rows += (0..<width).map { UInt8(truncatingIfNeeded: field2 >> (8 * (width - 1 - $0))) }
            rows += [UInt8(truncatingIfNeeded: field3 >> 8), UInt8(truncatingIfNeeded: field3)]
        }
        var dictionary = PDFDictionary(["Type": .name("XRef")])
        for entry in trailer.entries { dictionary[entry.key] = entry.value }
        dictionary["W"] = .array([.integer(1), .integer(Int64(width)), .integer(2)])
        dictionary["Index"] = .array(runs.flatMap { [PDFObject.integer(Int64($0[0])), .integer(Int64($0.count))] })
        dictionary["Filter"] = .name("FlateDecode")
        output += Array("\(reference.number) \(reference.generation) obj\n".utf8)
        try PDFUpdateWriter.write(.stream(dictionary, try FlateEncoder.encode(rows)), reference: reference, crypt: nil, into: &output)
        output += Array("\nendobj\n".utf8)
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
