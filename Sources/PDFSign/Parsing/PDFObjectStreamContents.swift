import Foundation

/// The decoded contents of an object stream (`/Type /ObjStm`, ISO 32000-2 §7.5.7).
struct PDFObjectStreamContents: Sendable {
    /// The decoded stream data.
    let data: [UInt8]
    /// (object number, offset relative to /First) for each of the /N objects.
    let directory: [(number: Int, offset: Int)]
    /// /First.
    let first: Int
    /// The distinct member offsets (relative to /First), ascending: a member's bytes end where
    /// the next member begins (ISO 32000-2 §7.5.7: members are consecutive, offsets increase).
    private let sortedOffsets: [Int]
    /// Members already parsed, by offset: members sharing an offset are parsed once.
    private let parsed = ParsedMembers()

    /// Parse outcomes by member offset (shared by copies of the contents; locked).
    private final class ParsedMembers: @unchecked Sendable {
        let lock = NSLock()
        var outcomes: [Int: Result<PDFObject, PDFError>] = [:]
    }

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
        self.sortedOffsets = Set(directory.map(\.offset)).sorted()
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
        let offset = directory[slot].offset
        let (start, overflow) = first.addingReportingOverflow(offset)
        guard !overflow, start < data.count else {
            throw PDFError(.malformedSyntax, "object \(number) offset beyond its object stream")
        }
        parsed.lock.lock()
        defer { parsed.lock.unlock() }
        if let outcome = parsed.outcomes[offset] { return try outcome.get() }
        // The member ends where the next one starts, so a member whose offset points into a long
        // run of whitespace or junk is not parsed through the rest of the stream, once per member.
        var end = data.count
        if let next = nextOffset(after: offset) {
            let (nextStart, overflow) = first.addingReportingOverflow(next)
            if !overflow { end = min(end, nextStart) }
        }
        let source = PDFBoundedByteSource(PDFMemoryByteSource(data), limit: end)
        var parser = PDFObjectParser(source: source, position: start, limits: limits)
        let outcome: Result<PDFObject, PDFError>
        do {
            outcome = .success(try parser.parseObject())
        } catch let error as PDFError {
            outcome = .failure(error)
        }
        parsed.outcomes[offset] = outcome
        return try outcome.get()
    }

    /// The smallest member offset greater than `offset`, if any.
    private func nextOffset(after offset: Int) -> Int? {
        var low = 0
        var high = sortedOffsets.count
        while low < high {
            let middle = (low + high) / 2
            if sortedOffsets[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low < sortedOffsets.count ? sortedOffsets[low] : nil
    }
}
