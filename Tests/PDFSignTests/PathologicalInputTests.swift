@testable import PDFSign
import Foundation
import Testing

@Suite("Crafted inputs stay linear: no hang, no unbounded allocation")
struct PathologicalInputTests {
    static func timed(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    @Test("many streams with bad /Length and no endstream")
    func manyBrokenStreams() throws {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [] >>")
        for number in 3..<20_003 {
            builder.offsets[number] = builder.bytes.count
            builder.append("\(number) 0 obj\n<< /Length 999999 >>\nstream\nxx\n")
        }
        builder.classicXref(trailer: "/Size 20003 /Root 1 0 R")
        let seconds = try Self.timed {
            let document = try PDFDocument(bytes: builder.bytes)
            for number in document.objectNumbers {
                do { _ = try document.indirectObject(number: number) } catch is PDFError {}
            }
        }
        #expect(seconds < 20, "took \(seconds) s")
    }

    @Test("repair over many unterminated objects")
    func manyUnterminatedObjects() throws {
        var bytes = Array("%PDF-1.7\n".utf8)
        for number in 1..<20_000 { bytes += Array("\(number) 0 obj\n<< /Title (never closed \n".utf8) }
        let seconds = Self.timed {
            #expect(throws: PDFError(.brokenXref, "")) { try PDFDocument(bytes: bytes) }
        }
        #expect(seconds < 20, "took \(seconds) s")
    }

    @Test("xref sizes and predictor rows far beyond the data are refused or clamped")
    func hugeDeclaredSizes() throws {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [] >>")
        let data = try FlateEncoder.encode([2, 1, 2, 3])
        builder.stream(3, "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 16000000 /Colors 32 /BitsPerComponent 16 >>", data: data)
        builder.classicXref(trailer: "/Size 4 /Root 1 0 R")
        var bytes = builder.bytes
        // A subsection claiming 9 999 999 entries in a small file.
        bytes += Array("xref\n0 9999999\n0000000000 65535 f \ntrailer\n<< /Size 9999999 /Root 1 0 R >>\nstartxref\n\(builder.bytes.count)\n%%EOF\n".utf8)
        let document = try PDFDocument(bytes: bytes)
        #expect(document.wasRepaired)
        let stream = try #require(try document.object(for: PDFObjectReference(3)).streamValue)
        #expect(try document.decodedData(of: stream).bytes == [1, 2, 3])
    }
}
