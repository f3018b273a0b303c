/// The decoded contents of an object stream (`/Type /ObjStm`, ISO 32000-2 §7.5.7).
struct PDFObjectStreamContents: Sendable {
    /// The decoded stream data.
    let data: [UInt8]
    /// (object number, offset relative to /First) for each of the /N objects.
    let directory: [(number: Int, offset: Int)]
    /// /First.
    let first: Int

    init(stream: PDFStream, decoded: [UInt8], limits: PDFParsingLimits) throws {
        let dictionary = stream.dictionary
        guard let count = dictionary.integer("N"), count >= 0, let first = dictionary.integer("First"), first >= 0 else {
            throw PDFError(.malformedSyntax, "object stream lacks a valid /N or /First")
        }
        guard count <= limits.maxObjectStreamCount, count <= decoded.count / 2 + 1 else {
            throw PDFError(.limitExceeded, "object stream /N \(count) too large")
        }
        guard first <= decoded.count else {
            throw PDFError(.malformedSyntax, "object stream /First \(first) beyond its data (\(decoded.count) bytes)")
        }
        var lexer = PDFLexer(source: PDFMemoryByteSource(Array(decoded[0..<first])), limits: limits)
        var directory: [(number: Int, offset: Int)] = []
        directory.reserveCapacity(count)
        for _ in 0..<count {
            guard case .integer(let number) = try lexer.next(), case .integer(let offset) = try lexer.next(),
                  let n = Int(exactly: number), let o = Int(exactly: offset), n >= 0, o >= 0
            else {
                throw PDFError(.malformedSyntax, "object stream header is not \(count) integer pairs")
            }
            directory.append((n, o))
        }
        self.data = decoded
        self.directory = directory
        self.first = first
    }

    /// Parses the object at `index`, checking that its number is `number` (falling back to a
    /// directory search when the index is wrong).
    func object(number: Int, index: Int, limits: PDFParsingLimits) throws -> PDFObject {
        var slot = index
        if !(0..<directory.count).contains(slot) || directory[slot].number != number {
            guard let found = directory.firstIndex(where: { $0.number == number }) else {
                throw PDFError(.objectNotFound, "object \(number) is not in its object stream")
            }
            slot = found
        }
        let (start, overflow) = first.addingReportingOverflow(directory[slot].offset)
        guard !overflow, start < data.count else {
            throw PDFError(.malformedSyntax, "object \(number) offset beyond its object stream")
        }
        var parser = PDFObjectParser(source: PDFMemoryByteSource(data), position: start, limits: limits)
        return try parser.parseObject()
    }
}
