@testable import PDFSign
import Foundation
import Testing

/// Inputs that made the PDFReaderFuzzer target (Fuzz/PDFReaderFuzzer) crash, hang or allocate
/// without bound. Each reproducer is kept in Fuzz/reproducers/ (replayed by .ci/fuzz); here it
/// is rebuilt, or embedded when small, and walked exactly as the fuzz target walks it.
@Suite("Fuzz regressions: the reader's fuzz target walk finishes quickly and throws only PDFError")
struct FuzzRegressionTests {
    /// The fuzz target's walk: open (with repair), read every cross-reference entry of every
    /// revision, resolve every object, decode every stream, catalog, info and page count.
    /// Each step must succeed or throw a ``PDFError``. (How long it takes is never asserted:
    /// the tests check the structural fix — caches, budgets — that makes it fast.)
    static func walkLikeFuzzer(_ bytes: [UInt8]) throws {
        var limits = PDFParsingLimits()
        limits.decode.maxDecodedBytes = 64 * 1024 * 1024  // as in the fuzz target
        let document: PDFDocument
        do {
            document = try PDFDocument(bytes: bytes, limits: limits)
        } catch is PDFError {
            return
        }
        for revision in document.revisions {
            for number in revision.entries.keys.prefix(2_000) {
                do { _ = try document.indirectObject(number: number, asOf: revision) } catch is PDFError {}
            }
        }
        for number in document.objectNumbers.prefix(2_000) {
            do {
                if case .stream(let stream) = try document.indirectObject(number: number).object {
                    _ = try document.decodedData(of: stream)
                }
            } catch is PDFError {}
        }
        do { _ = try document.catalog() } catch is PDFError {}
        do { _ = try document.info() } catch is PDFError {}
        do { _ = try document.pageCount() } catch is PDFError {}
    }

    /// Fuzz/reproducers/PDFReaderFuzzer-timeout-917d4aa2… (`damaged: false`) and -fde2294e…
    /// (`damaged: true`): 2 000 compressed objects in one object stream that decodes to 16 MB.
    /// When `damaged`, /N promises more objects than its header lists, so every member fails.
    static func bigObjectStream(damaged: Bool, memberOffset: (Int) -> Int = { _ in 0 }) throws -> [UInt8] {
        let members = 2_000
        var header = ""
        for index in 0..<members { header += "\(10 + index) \(memberOffset(index)) " }
        let body = "null\n" + String(repeating: " ", count: 15 * 1024 * 1024)
        var builder = TestPDFBuilder()
        let data = try FlateEncoder.encode(Array((header + body).utf8), level: 9)
        builder.stream(3, "/Type /ObjStm /N \(damaged ? 9_999 : members) /First \(header.utf8.count) /Filter /FlateDecode", data: data)
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [] /Count 0 >>")
        var entries: [(Int, PDFXrefEntry)] = [
            (0, .free(nextFreeObject: 0, generation: 65535)),
            (1, .inUse(offset: builder.offsets[1] ?? 0, generation: 0)),
            (2, .inUse(offset: builder.offsets[2] ?? 0, generation: 0)),
            (3, .inUse(offset: builder.offsets[3] ?? 0, generation: 0)),
        ]
        for index in 0..<members { entries.append((10 + index, .compressed(streamNumber: 3, index: index))) }
        try builder.xrefStream(4, entries: entries, size: 10 + members, trailer: "/Root 1 0 R")
        return builder.bytes
    }

    @Test("an object stream is decoded once, not once per member and revision walk", arguments: [false, true])
    func objectStreamDecodedOnce(damaged: Bool) throws {
        let bytes = try Self.bigObjectStream(damaged: damaged)
        #expect(bytes.count < 64 * 1024)
        let document = try PDFDocument(bytes: bytes)
        #expect(!document.wasRepaired, "\(document.repairNotes)")
        let revision = try #require(document.revisions.last)
        for number in [10, 1_009, 2_009] {
            if damaged {
                #expect(throws: PDFError(.malformedSyntax, "")) { try document.indirectObject(number: number, asOf: revision) }
                #expect(throws: PDFError(.malformedSyntax, "")) { try document.indirectObject(number: number) }
            } else {
                #expect(try document.indirectObject(number: number, asOf: revision).object == .null)
                #expect(try document.indirectObject(number: number).object == .null)
            }
        }
        // Before the fix every member decoded the 16 MB stream again: about a minute (two for
        // the damaged stream) under the fuzzer, where the per-input timeout is 10 s. Now the
        // stream is decoded once and its result (parsed or failed) cached for every member.
        #expect(document.objectStreamCache.count == 1)
        try Self.walkLikeFuzzer(bytes)
    }

    /// Fuzz/reproducers/PDFReaderFuzzer-timeout-9ab5c0bc…: FlateDecode to 16 MB of FF bytes,
    /// then 2 000 RunLengthDecode filters, each turning the 16 MB into the same 16 MB.
    static func runLengthChain(filters count: Int) throws -> [UInt8] {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [] /Count 0 >>")
        let data = try FlateEncoder.encode([UInt8](repeating: 0xFF, count: 16 * 1024 * 1024 - 2), level: 9)
        let filters = "[/FlateDecode" + String(repeating: " /RL", count: count) + "]"
        builder.stream(3, "/Filter \(filters)", data: data)
        builder.classicXref(trailer: "/Size 4 /Root 1 0 R")
        return builder.bytes
    }

    @Test("a long chain of size-keeping filters hits the chain's output budget")
    func sizeKeepingFilterChain() throws {
        let bytes = try Self.runLengthChain(filters: 2_000)
        #expect(bytes.count < 64 * 1024)
        let document = try PDFDocument(bytes: bytes)
        let stream = try #require(try document.indirectObject(number: 3).object.streamValue)
        #expect(throws: PDFError(.limitExceeded, "")) { try document.decodedData(of: stream) }
        // Before the fix each stage decoded 16 MB: minutes under the fuzzer (10 s timeout).
        try Self.walkLikeFuzzer(bytes)
    }

    @Test("short chains within the budget still decode")
    func shortChainsDecode() throws {
        // FF FF is a run of two FF bytes: RunLengthDecode maps it to itself.
        let pairs = [UInt8](repeating: 0xFF, count: 4_096)
        let flate = try FlateEncoder.encode(pairs)
        let decoded = try PDFFilterPipeline.decode(flate, filters: [("FlateDecode", nil), ("RunLengthDecode", nil)])
        #expect(decoded.bytes == pairs)
        // A chain that first shrinks (ASCIIHexDecode) keeps the full limit for the next stage.
        let hex = Array(flate.map { String(format: "%02x", $0) }.joined().utf8)
        let limits = PDFDecodeLimits(maxDecodedBytes: 4_096, maxExpansionRatio: 1, expansionFloor: 4_096)
        #expect(try PDFFilterPipeline.decode(hex, filters: [("ASCIIHexDecode", nil), ("FlateDecode", nil)], limits: limits).bytes == pairs)
        // Two stages at the per-stage limit fit the chain's budget; a third does not.
        let oneRun: [(PDFName, PDFDictionary?)] = [("FlateDecode", nil), ("RunLengthDecode", nil)]
        #expect(try PDFFilterPipeline.decode(flate, filters: oneRun, limits: limits).bytes == pairs)
        #expect(throws: PDFError(.limitExceeded, "")) {
            try PDFFilterPipeline.decode(flate, filters: oneRun + [("RunLengthDecode", nil)], limits: limits)
        }
    }

    /// Fuzz/reproducers/PDFReaderFuzzer-timeout-d70e5aaf…: a 9 KB file whose xref stream
    /// (/W [0 1 0]) decodes to 9 million one-byte rows, every one an in-use entry.
    @Test("an xref stream cannot have more rows than the file has bytes")
    func xrefStreamRowsBoundedByFileSize() throws {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [] /Count 0 >>")
        let offset1 = try #require(builder.offsets[1])
        let rows = 9_000_000
        let data = try FlateEncoder.encode([UInt8](repeating: UInt8(offset1), count: rows), level: 9)
        let start = builder.bytes.count
        builder.stream(3, "/Type /XRef /Size \(rows) /W [0 1 0] /Root 1 0 R /Filter /FlateDecode", data: data)
        builder.append("startxref\n\(start)\n%%EOF\n")
        #expect(builder.bytes.count < 16 * 1024)
        // The xref stream is refused (limitExceeded) and the file is rebuilt by scanning.
        let document = try PDFDocument(bytes: builder.bytes)
        #expect(document.wasRepaired)
        #expect(document.repairNotes.contains { $0.message.contains("more rows than the file has bytes") }, "\(document.repairNotes)")
        #expect(document.xrefTable.count == 3)
        #expect(try document.pageCount() == 0)
        // Before the fix: 9 million entries to validate, past the fuzz target's 10 s timeout.
        try Self.walkLikeFuzzer(builder.bytes)
    }

    /// Fuzz/reproducers/PDFReaderFuzzer-timeout-1bcb85ae… (every member at offset 5) and
    /// PDFReaderFuzzer-slow-unit-9cb1af04… (found by the fuzzer): members whose offsets point
    /// into the 15 MB run of spaces after the first object, each parsed to the end of the stream.
    @Test("object stream members are parsed only up to the next member", arguments: [false, true])
    func objectStreamMembersBounded(distinctOffsets: Bool) throws {
        let bytes = try Self.bigObjectStream(damaged: false, memberOffset: { distinctOffsets ? 5 + $0 : 5 })
        let document = try PDFDocument(bytes: bytes)
        #expect(!document.wasRepaired, "\(document.repairNotes)")
        for number in [10, 1_009, 2_009] {
            #expect(throws: PDFError(.malformedSyntax, "")) { try document.indirectObject(number: number) }
        }
        // Before the fix: 2 000 parses through 15 MB of spaces each (a libFuzzer timeout).
        try Self.walkLikeFuzzer(bytes)
    }

    @Test("members of a sound object stream still parse, in any directory order")
    func objectStreamMembersParse() throws {
        // Offsets given out of order: each member still ends where the next one in the data starts.
        let objects = "<< /A [1 2 3] >>\n(a string)\n42\n"
        let header = "3 28 1 0 2 17 "
        let contents = try PDFObjectStreamContents(
            stream: PDFStream(dictionary: PDFDictionary(["N": .integer(3), "First": .integer(Int64(header.utf8.count))]), dataRange: 0..<0),
            decoded: Array((header + objects).utf8), limits: PDFParsingLimits())
        #expect(try contents.object(number: 1, index: 1, limits: PDFParsingLimits()) == .dictionary(PDFDictionary(["A": .array([.integer(1), .integer(2), .integer(3)])])))
        #expect(try contents.object(number: 2, index: 2, limits: PDFParsingLimits()) == .string(PDFString(bytes: Array("a string".utf8))))
        #expect(try contents.object(number: 3, index: 0, limits: PDFParsingLimits()) == .integer(42))
    }
}
