import CMSCore
import Foundation
@testable import PDFSign
import Testing

@Suite("Irregular inputs: what the signer tolerates, repairs around, or refuses")
struct IrregularInputTests {
    /// A classic file whose table lines end with a single LF (19 bytes): readable, but irregular.
    static func shortLinesPDF() -> [UInt8] {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        builder.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
        builder.classicXref(trailer: "/Size 4 /Root 1 0 R", lineEnding: "\n")
        return builder.bytes
    }

    @Test("19-byte xref lines are an irregularity, not a repair; the signer writes a complete section")
    func shortLines() async throws {
        let document = try PDFDocument(bytes: Self.shortLinesPDF())
        #expect(!document.wasRepaired)
        #expect(document.xrefIrregularities.count == 1)
        let signed = try await PDFSigner(key: SigningFixtures.signer()).sign(document)
        let readback = try SignedPDFReadback(signed)
        #expect(readback.document.revisions.count == 1)
        #expect(readback.document.trailer["Prev"] == nil)
        #expect(readback.document.xrefIrregularities.isEmpty)
        #expect(try await readback.verify().isValid)
    }

    @Test("a regular file is not irregular, and its update chains with /Prev")
    func regular() throws {
        let document = try PDFDocument(bytes: SigningFixtures.classicPDF())
        #expect(document.xrefIrregularities.isEmpty)
    }

    @Test("an already signed irregular file keeps the /Prev chain, so earlier signatures keep their revision")
    func signedIrregular() async throws {
        let once = try await PDFSigner(key: SigningFixtures.signer("a")).sign(PDFDocument(bytes: Self.shortLinesPDF()))
        // Make the signed file irregular again by appending an update whose trailer lacks /Size.
        let text = "\n% empty update\nxref\n0 0\ntrailer\n<< /Root 1 0 R /Prev \(try PDFDocument(bytes: once).revisions.last!.xrefOffset) >>\nstartxref\n\(once.count + 16)\n%%EOF\n"
        let irregular = once + Array(text.utf8)
        let document = try PDFDocument(bytes: irregular)
        #expect(!document.xrefIrregularities.isEmpty, "\(document.repairNotes)")
        let twice = try await PDFSigner(key: SigningFixtures.signer("b")).sign(document)
        let reopened = try PDFDocument(bytes: twice)
        #expect(reopened.revisions.count == document.revisions.count + 1)
        for field in try reopened.formFields().filter(\.isSigned) {
            #expect(try await SignedPDFReadback(twice, field: field.qualifiedName).verify().isValid)
        }
    }

    @Test("a /Prev loop is recorded")
    func prevLoop() throws {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [] /Count 0 >>")
        let start = builder.bytes.count
        builder.classicXref(trailer: "/Size 3 /Root 1 0 R /Prev \(start)")
        let document = try PDFDocument(bytes: builder.bytes)
        #expect(document.xrefIrregularities.contains { $0.contains("loops") })
    }

    @Test("a cross-reference stream that lists itself at a dummy offset needs no repair")
    func xrefStreamSelfEntry() throws {
        var builder = TestPDFBuilder()
        try builder.objectStream(10, objects: [
            (1, "<< /Type /Catalog /Pages 2 0 R >>"), (2, "<< /Type /Pages /Kids [] /Count 0 >>"),
        ])
        try builder.xrefStream(11, entries: [
            (0, .free(nextFreeObject: 0, generation: 65535)),
            (1, .compressed(streamNumber: 10, index: 0)), (2, .compressed(streamNumber: 10, index: 1)),
            (10, .inUse(offset: builder.offsets[10] ?? 0, generation: 0)),
        ], size: 12, trailer: "/Root 1 0 R", selfOffset: 3)
        let document = try PDFDocument(bytes: builder.bytes)
        #expect(!document.wasRepaired, "\(document.repairNotes)")
    }

    @Test("no %PDF-x.y header: refused with .malformedSyntax")
    func noHeader() async throws {
        var bytes = SigningFixtures.classicPDF()
        bytes.replaceSubrange(0..<8, with: Array("%PDF\n\n\n\n".utf8))
        let document = try PDFDocument(bytes: bytes)
        await #expect(throws: PDFError(.malformedSyntax, "")) { try await PDFSigner(key: SigningFixtures.signer()).sign(document) }
    }

    @Test("an earlier signature that is not CMS: refused with .notSignable")
    func malformedEarlierSignature() async throws {
        let bytes = SigningFixtures.classicPDF(catalogExtra: "/AcroForm << /Fields [5 0 R] >>", extraObjects: [
            (5, "<< /T (Old) /FT /Sig /V 6 0 R /Rect [0 0 0 0] /Type /Annot /Subtype /Widget >>"),
            (6, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 10 30 10] /Contents <3080060902> >>"),
        ])
        await #expect(throws: PDFError(.notSignable, "")) {
            try await PDFSigner(key: SigningFixtures.signer()).sign(PDFDocument(bytes: bytes))
        }
    }
}
