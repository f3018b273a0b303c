/// Reads classic cross-reference tables and cross-reference streams (ISO 32000-2 §7.5.4, §7.5.8).
struct PDFXrefParser {
    let source: any PDFByteSource
    let limits: PDFParsingLimits
    var endstreamIndex: PDFEndstreamIndex?

    /// Parses the section at `offset`: a table when the `xref` keyword is there, else an xref stream.
    func parseSection(at offset: Int) throws -> PDFXrefSection {
        guard offset >= 0, offset < source.count else {
            throw PDFError(.brokenXref, "xref offset \(offset) outside the file (size \(source.count))")
        }
        var lexer = PDFLexer(source: source, position: offset, limits: limits)
        let first = try lexer.peek()
        if first.isKeyword("xref") {
            return try parseTable(at: offset)
        }
        if case .integer = first {
            return try parseStream(at: offset)
        }
        throw PDFError(.brokenXref, "no 'xref' keyword or xref stream at offset \(offset)")
    }

    /// Parses a classic table (`xref` … `trailer << … >>`).
    func parseTable(at offset: Int) throws -> PDFXrefSection {
        var parser = PDFObjectParser(source: source, position: offset, limits: limits)
        guard try parser.lexer.next().isKeyword("xref") else {
            throw PDFError(.brokenXref, "no 'xref' keyword at offset \(offset)")
        }
        var entries: [Int: PDFXrefEntry] = [:]
        var total = 0
        var irregular = false
        while true {
            let token = try parser.lexer.next()
            if token.isKeyword("trailer") { break }
            guard case .integer(let start64) = token, case .integer(let count64) = try parser.lexer.next(),
                  let start = Int(exactly: start64), let count = Int(exactly: count64), start >= 0, count >= 0
            else {
                throw PDFError(.brokenXref, "bad xref subsection header near offset \(parser.lexer.tokenStart)")
            }
            guard start <= limits.maxObjectNumber, count <= limits.maxObjectNumber - start,
                  count <= (source.count - parser.lexer.position) / 6 + 1
            else {
                throw PDFError(.limitExceeded, "xref subsection \(start) \(count) too large")
            }
            total += count
            guard total <= limits.maxObjectNumber else { throw PDFError(.limitExceeded, "too many xref entries") }
            var previousEntryStart: Int?
            for index in 0..<count {
                guard case .integer(let field1) = try parser.lexer.next() else {
                    throw PDFError(.brokenXref, "bad xref entry \(start + index) near offset \(parser.lexer.tokenStart)")
                }
                let entryStart = parser.lexer.tokenStart
                if let previousEntryStart, entryStart - previousEntryStart != 20 { irregular = true }
                previousEntryStart = entryStart
                guard case .integer(let field2) = try parser.lexer.next() else {
                    throw PDFError(.brokenXref, "bad xref entry \(start + index) near offset \(parser.lexer.tokenStart)")
                }
                let generationStart = parser.lexer.tokenStart
                guard case .keyword(let type) = try parser.lexer.next(), type.count == 1,
                      let value = Int(exactly: field1), let generation = Int(exactly: field2), value >= 0, generation >= 0
                else {
                    throw PDFError(.brokenXref, "bad xref entry \(start + index) near offset \(parser.lexer.tokenStart)")
                }
                // §7.5.4: `nnnnnnnnnn ggggg n` plus a two-byte end of line, 20 bytes in all.
                if generationStart != entryStart + 11 || parser.lexer.tokenStart != entryStart + 17 { irregular = true }
                let number = start + index
                guard entries[number] == nil else { continue }
                switch type[0] {
                case UInt8(ascii: "n"):
                    entries[number] = value == 0 ? .free(nextFreeObject: 0, generation: generation) : .inUse(offset: value, generation: generation)
                case UInt8(ascii: "f"):
                    entries[number] = .free(nextFreeObject: value, generation: generation)
                default:
                    throw PDFError(.brokenXref, "xref entry type '\(Character(Unicode.Scalar(type[0])))' near offset \(parser.lexer.tokenStart)")
                }
            }
        }
        guard case .dictionary(let trailer) = try parser.parseObject() else {
            throw PDFError(.brokenXref, "trailer after xref at \(offset) is not a dictionary")
        }
        var section = PDFXrefSection(kind: .table, offset: offset, byteRange: offset..<parser.lexer.position, trailer: trailer, entries: entries)
        section.hasIrregularEntries = irregular
        return section
    }

    /// Parses a cross-reference stream object at `offset`.
    func parseStream(at offset: Int) throws -> PDFXrefSection {
        var parser = PDFObjectParser(source: source, position: offset, limits: limits, endstreamIndex: endstreamIndex)
        let object = try parser.parseIndirectObject(at: offset)
        guard case .stream(let stream) = object.object else {
            throw PDFError(.brokenXref, "object at xref offset \(offset) is not a stream")
        }
        let dictionary = stream.dictionary
        if let type = dictionary.name("Type"), type != "XRef" {
            throw PDFError(.brokenXref, "stream at xref offset \(offset) has /Type \(type)")
        }
        guard let widthArray = dictionary["W"]?.arrayValue, widthArray.count == 3 else {
            throw PDFError(.brokenXref, "xref stream at \(offset) lacks a 3-element /W")
        }
        let widths = try widthArray.map { value -> Int in
            guard let width = value.integerValue, (0...8).contains(width) else {
                throw PDFError(.brokenXref, "xref stream /W value \(value) out of range")
            }
            return width
        }
        guard let size = dictionary.integer("Size"), size >= 0, size <= limits.maxObjectNumber else {
            throw PDFError(.brokenXref, "xref stream at \(offset) has a missing or out-of-range /Size")
        }
        var subsections: [(Int, Int)] = []
        if let index = dictionary["Index"]?.arrayValue {
            guard index.count % 2 == 0 else { throw PDFError(.brokenXref, "xref stream /Index has odd length") }
            var i = 0
            while i < index.count {
                guard let start = index[i].integerValue, let count = index[i + 1].integerValue, start >= 0, count >= 0,
                      start <= limits.maxObjectNumber, count <= limits.maxObjectNumber - start
                else {
                    throw PDFError(.brokenXref, "xref stream /Index pair out of range")
                }
                subsections.append((start, count))
                i += 2
            }
        } else {
            subsections = [(0, size)]
        }
        let raw = Array(try source.read(stream.dataRange))
        let data = try PDFFilterPipeline.decode(raw, filters: try PDFFilterPipeline.filterChain(of: dictionary), limits: limits.decode)
        guard data.isFullyDecoded else { throw PDFError(.unsupportedFilter, "xref stream uses an image filter") }
        let bytes = data.bytes
        let rowSize = widths.reduce(0, +)
        guard rowSize > 0 else { throw PDFError(.brokenXref, "xref stream /W sums to zero") }
        var entries: [Int: PDFXrefEntry] = [:]
        var position = 0
        func field(_ width: Int, default value: Int) -> Int {
            if width == 0 { return value }
            var result = 0
            for k in 0..<width { result = result << 8 | Int(bytes[position + k]) }
            position += width
            return result
        }
        // Every entry of a real file costs it at least a byte (the object it locates, or its row
        // in the compressed stream), as a classic table's 20-byte lines do; a stream decoded from
        // a few bytes to millions of rows would otherwise make millions of entries to validate.
        var rows = 0
        outer: for (start, count) in subsections {
            for i in 0..<count {
                guard position + rowSize <= bytes.count else { break outer }
                rows += 1
                guard rows <= source.count else {
                    throw PDFError(.limitExceeded, "xref stream at \(offset) has more rows than the file has bytes (\(source.count))")
                }
                let type = field(widths[0], default: 1)
                let second = field(widths[1], default: 0)
                let third = field(widths[2], default: 0)
                let number = start + i
                guard entries[number] == nil else { continue }
                switch type {
                case 0: entries[number] = .free(nextFreeObject: second, generation: third)
                case 1: entries[number] = second == 0 ? .free(nextFreeObject: 0, generation: third) : .inUse(offset: second, generation: third)
                case 2: entries[number] = .compressed(streamNumber: second, index: third)
                default: break  // unknown types are null references (§7.5.8.3)
                }
            }
        }
        guard case .file(let range) = object.location else {
            throw PDFError(.brokenXref, "xref stream location unknown")
        }
        return PDFXrefSection(kind: .stream, offset: offset, byteRange: range, trailer: dictionary, entries: entries)
    }
}
