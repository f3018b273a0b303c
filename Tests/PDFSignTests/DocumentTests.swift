@testable import PDFSign
import Foundation
import Testing

@Suite("PDFDocument over synthetic files")
struct DocumentTests {
    /// Catalog, page tree with two pages, a content stream.
    static func basicObjects(_ builder: inout TestPDFBuilder) {
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>")
        builder.object(3, "<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>")
        builder.object(4, "<< /Type /Page /Parent 2 0 R >>")
        builder.stream(5, data: Array("BT /F1 12 Tf (Hello) Tj ET".utf8))
    }

    static func classic() -> [UInt8] {
        var builder = TestPDFBuilder()
        basicObjects(&builder)
        builder.classicXref(trailer: "/Size 6 /Root 1 0 R")
        return builder.bytes
    }

    @Test("classic xref table: objects, catalog, pages, revision offsets")
    func classicTable() throws {
        let bytes = Self.classic()
        let document = try PDFDocument(bytes: bytes)
        #expect(!document.wasRepaired)
        #expect(document.headerVersion == "1.7")
        #expect(document.objectNumbers == [1, 2, 3, 4, 5])
        #expect(try document.catalog().name("Type") == "Catalog")
        #expect(try document.pageCount() == 2)
        #expect(document.revisions.count == 1)
        let revision = try #require(document.revisions.first)
        #expect(revision.kind == .table)
        #expect(revision.endOffset == bytes.count)
        #expect(bytes[revision.xrefOffset..<revision.xrefOffset + 4].elementsEqual("xref".utf8))
        let content = try #require(try document.object(for: PDFObjectReference(5)).streamValue)
        #expect(try document.decodedData(of: content).bytes == Array("BT /F1 12 Tf (Hello) Tj ET".utf8))
        let object = try document.indirectObject(number: 3)
        guard case .file(let range) = object.location else {
            Issue.record("not in file")
            return
        }
        #expect(bytes[range].starts(with: Array("3 0 obj".utf8)))
        #expect(bytes[range].reversed().starts(with: Array("jbodne".utf8)))
    }

    @Test("xref lines with \\r\\n and \\n variants")
    func lineEndings() throws {
        for ending in ["\r\n", " \n", " \r", "\n"] {
            var builder = TestPDFBuilder()
            Self.basicObjects(&builder)
            builder.classicXref(trailer: "/Size 6 /Root 1 0 R", lineEnding: ending)
            let document = try PDFDocument(bytes: builder.bytes)
            #expect(!document.wasRepaired, "line ending \(Array(ending.utf8))")
            #expect(try document.pageCount() == 2)
        }
    }

    @Test("xref stream with PNG predictor and object stream")
    func xrefStream() throws {
        let builder = try TestPDFBuilder.objectStreamDocument(pageEntries: "/Annots [(a string) 42 3.5]")
        let document = try PDFDocument(bytes: builder.bytes)
        #expect(!document.wasRepaired, "\(document.repairNotes)")
        #expect(document.revisions.map(\.kind) == [.stream])
        #expect(try document.pageCount() == 1)
        let page = try document.indirectObject(number: 3)
        #expect(page.location == .objectStream(streamNumber: 10, index: 2))
        #expect(page.object.dictionaryValue?["Annots"] == .array([.string(PDFString(bytes: Array("a string".utf8))), .integer(42), .real(3.5)]))
        #expect(document.xrefTable[11] == .inUse(offset: builder.offsets[11] ?? -1, generation: 0))
    }

    @Test("hybrid file: /XRefStm in a classic trailer")
    func hybrid() throws {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        try builder.objectStream(4, objects: [(3, "<< /Type /Page /Parent 2 0 R >>")])
        let offset4 = try #require(builder.offsets[4])
        let streamOffset = try builder.xrefStream(5, entries: [(3, .compressed(streamNumber: 4, index: 0)), (4, .inUse(offset: offset4, generation: 0))], size: 6, trailer: "", writeStartxref: false)
        builder.classicXref([1, 2, 3], trailer: "/Size 6 /Root 1 0 R /XRefStm \(streamOffset)", free: [3])
        let document = try PDFDocument(bytes: builder.bytes)
        #expect(!document.wasRepaired, "\(document.repairNotes)")
        #expect(document.revisions.map(\.kind) == [.hybrid])
        #expect(document.revisions.first?.xrefStreamOffset == streamOffset)
        #expect(document.xrefTable[3] == .compressed(streamNumber: 4, index: 0))
        #expect(try document.pageCount() == 1)
    }

    @Test("incremental update with /Prev keeps both revisions")
    func incrementalUpdate() throws {
        var builder = TestPDFBuilder()
        Self.basicObjects(&builder)
        let firstXref = builder.classicXref(trailer: "/Size 6 /Root 1 0 R")
        let firstEnd = builder.bytes.count
        builder.object(4, "<< /Type /Page /Parent 2 0 R /Rotate 90 >>")
        builder.object(6, "<< /Producer (update) >>")
        let secondXref = builder.classicXref([4, 6], trailer: "/Size 7 /Root 1 0 R /Info 6 0 R /Prev \(firstXref)")
        let document = try PDFDocument(bytes: builder.bytes)
        #expect(!document.wasRepaired, "\(document.repairNotes)")
        #expect(document.revisions.count == 2)
        #expect(document.revisions.map(\.xrefOffset) == [firstXref, secondXref])
        #expect(document.revisions[0].endOffset == firstEnd)
        #expect(document.revisions[1].endOffset == builder.bytes.count)
        #expect(Set(document.revisions[1].entries.keys) == [0, 4, 6])
        #expect(try document.resolve(.reference(PDFObjectReference(4))).dictionaryValue?.integer("Rotate") == 90)
        #expect(try document.info()?["Producer"] == .string(PDFString(bytes: Array("update".utf8))))
        #expect(document.objectNumbers == [1, 2, 3, 4, 5, 6])
        // Each revision's view of object 4.
        let before = try document.indirectObject(number: 4, asOf: document.revisions[0])
        let after = try document.indirectObject(number: 4, asOf: document.revisions[1])
        #expect(before.object.dictionaryValue?["Rotate"] == nil)
        #expect(after.object.dictionaryValue?.integer("Rotate") == 90)
        #expect(document.xrefEntry(for: 6, asOf: document.revisions[0]) == nil)
        #expect(throws: PDFError(.objectNotFound, "")) { try document.indirectObject(number: 6, asOf: document.revisions[0]) }
    }

    @Test("/Prev pointing at itself does not loop")
    func prevCycle() throws {
        var builder = TestPDFBuilder()
        Self.basicObjects(&builder)
        let start = builder.bytes.count
        builder.classicXref(trailer: "/Size 6 /Root 1 0 R /Prev \(start)")
        let document = try PDFDocument(bytes: builder.bytes)
        #expect(document.revisions.count == 1)
        #expect(try document.pageCount() == 2)
    }

    @Test("wrong xref offsets are repaired by scanning")
    func wrongOffsets() throws {
        var builder = TestPDFBuilder()
        Self.basicObjects(&builder)
        builder.offsets[2, default: 0] += 7
        builder.offsets[3] = 3
        builder.classicXref(trailer: "/Size 6 /Root 1 0 R")
        let document = try PDFDocument(bytes: builder.bytes)
        #expect(document.wasRepaired)
        #expect(document.repairNotes.contains { $0.category == "offset" })
        #expect(try document.pageCount() == 2)
    }

    @Test("missing startxref and garbage xref: rebuilt, trailer found")
    func rebuilt() throws {
        var builder = TestPDFBuilder()
        Self.basicObjects(&builder)
        builder.append("xref\nthis is not an xref\ntrailer\n<< /Size 6 /Root 1 0 R >>\n%%EOF\n")
        let document = try PDFDocument(bytes: builder.bytes)
        #expect(document.wasRepaired)
        #expect(document.revisions.isEmpty)
        #expect(try document.pageCount() == 2)

        // No trailer at all: the catalog is found by its /Type.
        var bare = TestPDFBuilder()
        Self.basicObjects(&bare)
        let found = try PDFDocument(bytes: bare.bytes)
        #expect(found.wasRepaired)
        #expect(try found.catalog().name("Type") == "Catalog")
        #expect(try found.pageCount() == 2)
    }

    @Test("truncated files: repaired or refused with a PDFError, never a crash")
    func truncated() throws {
        let bytes = Self.classic()
        for length in stride(from: 0, to: bytes.count, by: 7) {
            do {
                let document = try PDFDocument(bytes: Array(bytes.prefix(length)))
                _ = try? document.pageCount()
                for number in document.objectNumbers { _ = try? document.indirectObject(number: number) }
            } catch let error as PDFError {
                _ = error
            } catch {
                Issue.record("untyped error \(error) at length \(length)")
            }
        }
        // Cut just before the xref: objects are still readable.
        let cut = try #require(Array(bytes).firstRange(of: Array("xref".utf8))?.lowerBound)
        let document = try PDFDocument(bytes: Array(bytes.prefix(cut)))
        #expect(document.wasRepaired)
        #expect(try document.pageCount() == 2)
    }

    @Test("a wrong or missing /Length is recovered by scanning for endstream")
    func wrongLength() throws {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [] /Count 0 >>")
        builder.stream(3, data: Array("0123456789".utf8), length: "4")
        builder.stream(4, data: Array("abcdef".utf8), length: "99999")
        builder.stream(5, data: Array("xyz".utf8), length: "6 0 R")
        builder.object(6, "3")
        builder.stream(7, data: Array("self".utf8), length: "7 0 R")
        builder.classicXref(trailer: "/Size 8 /Root 1 0 R")
        let document = try PDFDocument(bytes: builder.bytes)
        #expect(!document.wasRepaired)
        let three = try #require(try document.object(for: PDFObjectReference(3)).streamValue)
        #expect(three.lengthWasRecovered)
        #expect(try document.rawData(of: three) == Array("0123456789".utf8))
        let four = try #require(try document.object(for: PDFObjectReference(4)).streamValue)
        #expect(four.lengthWasRecovered)
        #expect(try document.rawData(of: four) == Array("abcdef".utf8))
        let five = try #require(try document.object(for: PDFObjectReference(5)).streamValue)
        #expect(!five.lengthWasRecovered)
        #expect(try document.rawData(of: five) == Array("xyz".utf8))
        let seven = try #require(try document.object(for: PDFObjectReference(7)).streamValue)
        #expect(seven.lengthWasRecovered)
        #expect(try document.rawData(of: seven) == Array("self".utf8))
        #expect(try document.pageCount() == 0)
    }

    @Test("a standard handler whose /O and /U are truncated is refused as malformed")
    func encrypted() throws {
        var builder = TestPDFBuilder()
        Self.basicObjects(&builder)
        builder.object(6, "<< /Filter /Standard /V 4 /R 4 /Length 128 /O <00> /U <00> /P -4 >>")
        builder.classicXref(trailer: "/Size 7 /Root 1 0 R /Encrypt 6 0 R")
        #expect(throws: PDFError(.malformedSyntax, "")) { try PDFDocument(bytes: builder.bytes) }
    }

    @Test("reference cycles and page-tree cycles are refused")
    func cycles() throws {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [3 0 R] >>")
        builder.object(3, "<< /Type /Pages /Kids [2 0 R] >>")
        builder.object(4, "5 0 R")
        builder.object(5, "4 0 R")
        builder.object(6, "<< /Type /Catalog /Pages 7 0 R >>")
        builder.object(7, "<< /Type /Pages /Kids [8 0 R 8 0 R 8 0 R] >>")
        builder.object(8, "<< /Type /Page /Parent 7 0 R >>")
        builder.classicXref(trailer: "/Size 9 /Root 1 0 R")
        let document = try PDFDocument(bytes: builder.bytes)
        #expect(throws: PDFError(.referenceCycle, "")) { try document.pageCount() }
        // The same page listed three times is not a cycle.
        var shared = TestPDFBuilder()
        for (number, body) in [(1, "<< /Type /Catalog /Pages 2 0 R >>"), (2, "<< /Type /Pages /Kids [3 0 R 3 0 R 3 0 R] >>"), (3, "<< /Type /Page /Parent 2 0 R >>")] {
            shared.object(number, body)
        }
        shared.classicXref(trailer: "/Size 4 /Root 1 0 R")
        #expect(try PDFDocument(bytes: shared.bytes).pageCount() == 3)
        #expect(throws: PDFError(.referenceCycle, "")) { try document.resolve(.reference(PDFObjectReference(4))) }
        #expect(throws: PDFError(.objectNotFound, "")) { try document.resolve(.reference(PDFObjectReference(40))) }
    }

    @Test("file-backed source reads the same document")
    func fileSource() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pdfsign-\(UUID().uuidString).pdf")
        try Data(Self.classic()).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let document = try PDFDocument(contentsOfFile: url.path)
        #expect(try document.pageCount() == 2)
        #expect(throws: PDFError(.ioFailure, "")) { try PDFDocument(contentsOfFile: url.path + ".missing") }
    }

    @Test("not a PDF at all")
    func notAPDF() {
        #expect(throws: PDFError(.brokenXref, "")) { try PDFDocument(bytes: Array("hello world".utf8)) }
        #expect(throws: PDFError(.brokenXref, "")) { try PDFDocument(bytes: []) }
    }
}

@Suite("Linearized files")
struct LinearizedTests {
    @Test("first-page section with a forward /Prev and the main section form one revision")
    func linearized() throws {
        // Layout: header, linearization dict (1), first-page xref (objects 1–3) → /Prev main xref,
        // page objects, main xref (objects 0, 4–5), final startxref pointing at the first-page xref.
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Linearized 1 >>")
        let firstPageXrefOffset = builder.bytes.count
        // Placeholder: the first-page xref needs offsets of later objects, so assemble twice.
        func assemble(mainOffset: Int, offsets: [Int: Int]) -> [UInt8] {
            var b = TestPDFBuilder()
            b.object(1, "<< /Linearized 1 >>")
            b.append("xref\n1 3\n")
            for n in 1...3 { let o = String(offsets[n] ?? 0); b.append(String(repeating: "0", count: 10 - o.count) + o + " 00000 n \n") }
            b.append("trailer\n<< /Size 6 /Root 2 0 R /Prev \(String(format: "%010d", mainOffset)) >>\nstartxref\n0\n%%EOF\n")
            b.object(2, "<< /Type /Catalog /Pages 4 0 R >>")
            b.object(3, "<< /Type /Page /Parent 4 0 R >>")
            b.object(4, "<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>")
            b.object(5, "<< /Type /Page /Parent 4 0 R >>")
            let main = b.bytes.count
            b.append("xref\n0 1\n0000000000 65535 f \n4 2\n")
            for n in 4...5 { let o = String(b.offsets[n] ?? 0); b.append(String(repeating: "0", count: 10 - o.count) + o + " 00000 n \n") }
            b.append("trailer\n<< /Size 6 >>\nstartxref\n\(firstPageXrefOffset)\n%%EOF\n")
            return main == mainOffset && offsets == b.offsets ? b.bytes : assemble(mainOffset: main, offsets: b.offsets)
        }
        let bytes = assemble(mainOffset: 0, offsets: [:])
        let document = try PDFDocument(bytes: bytes)
        #expect(!document.wasRepaired, "\(document.repairNotes)")
        #expect(document.revisions.count == 1)
        let revision = try #require(document.revisions.first)
        #expect(revision.xrefOffset == firstPageXrefOffset)
        #expect(revision.linearizedMainXrefByteRange != nil)
        #expect(revision.endOffset == bytes.count)
        #expect(Set(revision.entries.keys) == [0, 1, 2, 3, 4, 5])
        #expect(try document.pageCount() == 2)
    }
}
