import Foundation
@testable import PDFSign
import Testing

/// Shadow attacks through repeated keys: an update writes the signed value first and the
/// attacker's value last. A reader keeping the first occurrence sees the signed document;
/// viewers (MuPDF, Poppler, qpdf, pdf.js) show the attacker's. Each must fail with
/// `duplicateKey`, and the change viewers see must be judged as well.
@Suite("Modification analyzer: repeated keys in updates")
struct DuplicateKeyAttackTests {
    /// `dictionary` written with `extra` entries after its own (the description keeps file order).
    static func withExtra(_ dictionary: PDFDictionary, _ extra: String) -> String {
        String(dictionary.description.dropLast(2)) + extra + " >>"
    }

    static func validate(_ bytes: [UInt8]) async throws -> (PDFValidationReport, Set<PDFValidationFinding.Code>) {
        let report = try await VerdictFixtures.validate(bytes)
        return (report, VerdictFixtures.codes(report))
    }

    @Test("catalog /Pages repeated, pointing at a page tree prepared before signing", arguments: ["/Pages", "/P#61ges"])
    func catalogPages(_ spelling: String) async throws {
        let signed = try await ModificationFixtures.sign(SigningFixtures.classicPDF(extraObjects: [
            (5, "<< /Type /Pages /Kids [6 0 R] /Count 1 >>"),
            (6, "<< /Type /Page /Parent 5 0 R /MediaBox [0 0 595 842] /Contents 7 0 R >>"),
            (7, "<< /Length 3 >>\nstream\nq Q\nendstream"),
        ]))
        let document = try PDFDocument(bytes: signed)
        let root = document.trailer["Root"]!.referenceValue!.number
        let attacked = try ModificationFixtures.append(signed, objects: [(root, Self.withExtra(try document.catalog(), " \(spelling) 5 0 R"))])
        #expect(try PDFDocument(bytes: attacked).catalog()["Pages"] == .reference(PDFObjectReference(5)))
        let (report, codes) = try await Self.validate(attacked)
        #expect(codes.contains(.duplicateKey), "\(codes)")
        #expect(codes.contains(.shadowAttackHideAndReplace), "\(codes)")
        #expect(!report.valid)
    }

    @Test("trailer /Root repeated, pointing at a new catalog with a forged page tree")
    func trailerRoot() async throws {
        let signed = try await ModificationFixtures.sign(SigningFixtures.classicPDF())
        let document = try PDFDocument(bytes: signed)
        let size = document.trailer.integer("Size")!
        var forged = try document.catalog()
        forged["Pages"] = .reference(PDFObjectReference(size + 1))
        let attacked = try ModificationFixtures.append(signed, objects: [
            (size, forged.description),
            (size + 1, "<< /Type /Pages /Kids [\(size + 2) 0 R] /Count 1 >>"),
            (size + 2, "<< /Type /Page /Parent \(size + 1) 0 R /MediaBox [0 0 595 842] /Contents \(size + 3) 0 R >>"),
        ], streams: [(size + 3, "", "BT /F1 12 Tf 72 720 Td (Forged) Tj ET")], trailerExtra: "/Root \(size) 0 R")
        #expect(try PDFDocument(bytes: attacked).trailer["Root"] == .reference(PDFObjectReference(size)))
        let (report, codes) = try await Self.validate(attacked)
        #expect(codes.contains(.duplicateKey), "\(codes)")
        #expect(codes.contains(.shadowAttackReplace), "\(codes)")
        #expect(!report.valid)
    }

    @Test("page /Annots repeated, the last one adding an annotation")
    func pageAnnots() async throws {
        let signed = try await ModificationFixtures.sign(SigningFixtures.classicPDF())
        let document = try PDFDocument(bytes: signed)
        let size = document.trailer.integer("Size")!
        let pageReference = try document.pageReference(at: 0)
        let page = try document.resolve(.reference(pageReference)).dictionaryValue!
        let annots = try document.resolve(page["Annots"] ?? .array([])).arrayValue ?? []
        let extended = PDFObject.array(annots + [.reference(PDFObjectReference(size))])
        let attacked = try ModificationFixtures.append(signed, objects: [
            (pageReference.number, Self.withExtra(page, " /Annots \(extended)")),
            (size, "<< /Type /Annot /Subtype /FreeText /Rect [72 700 300 740] /Contents (Price: 1 EUR) /DA (/Helv 12 Tf 0 g) >>"),
        ])
        let (report, codes) = try await Self.validate(attacked)
        #expect(codes.contains(.duplicateKey), "\(codes)")
        #expect(codes.contains(.disallowedModification), "\(codes)")
        #expect(!report.valid)
    }

    @Test("a field's /V repeated: the signed value first, the forged one last")
    func fieldValue() async throws {
        let signed = try await ModificationFixtures.sign(SignatureFieldTests.formPDF())
        let attacked = try ModificationFixtures.append(signed, objects: [
            (8, "<< /T (Note) /FT /Tx /V (hello) /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /V (forged) >>"),
        ])
        #expect(try PDFDocument(bytes: attacked).formFields().first { $0.qualifiedName == "Note" }?.value?.stringValue?.bytes == Array("forged".utf8))
        let (report, codes) = try await Self.validate(attacked)
        #expect(codes.contains(.duplicateKey), "\(codes)")
        #expect(codes.contains(.shadowAttackReplace), "Note held (hello) when signed: \(codes)")
        #expect(!report.valid)
    }

    @Test("a key repeated with the same value is still refused: readers cannot be told apart otherwise")
    func repeatedOrphan() async throws {
        let signed = try await ModificationFixtures.sign(SigningFixtures.classicPDF())
        let size = try PDFDocument(bytes: signed).trailer.integer("Size")!
        let attacked = try ModificationFixtures.append(signed, objects: [(size, "<< /Note (a) /Note (a) >>")])
        let (report, codes) = try await Self.validate(attacked)
        #expect(codes.contains(.duplicateKey), "\(codes)")
        #expect(!report.valid)
        // Control: the same update without the repetition is an allowed orphan.
        let benign = try ModificationFixtures.append(signed, objects: [(size, "<< /Note (a) >>")])
        #expect(try await Self.validate(benign).0.valid)
    }
}
