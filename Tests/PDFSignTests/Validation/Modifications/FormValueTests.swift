import Foundation
@testable import PDFSign
import Testing

/// Form filling after signing, judged against what the signer saw: a value the field held when
/// signed must not be replaced (shadow attack, replace variant), an appearance must not change
/// while the value stays; filling an empty field, with its appearance, is allowed.
@Suite("Modification analyzer: form values against the signed revision")
struct FormValueTests {
    /// A one-page form: text field "Note" (object 8, /V `note` unless nil) with appearance
    /// stream 9, and an empty signature field "Parties.Buyer" (objects 6 and 7).
    static func formPDF(note: String?) -> [UInt8] {
        let value = note.map { "/V (\($0))" } ?? ""
        return SigningFixtures.classicPDF(catalogExtra: "/AcroForm 5 0 R", extraObjects: [
            (5, "<< /Fields [6 0 R 8 0 R] >>"),
            (6, "<< /T (Parties) /Kids [7 0 R] >>"),
            (7, "<< /Parent 6 0 R /T (Buyer) /FT /Sig /Type /Annot /Subtype /Widget /Rect [100 100 300 160] /P 3 0 R /F 4 >>"),
            (8, "<< /T (Note) /FT /Tx \(value) /Type /Annot /Subtype /Widget /Rect [0 0 100 20] /AP << /N 9 0 R >> >>"),
            (9, "<< /Type /XObject /Subtype /Form /BBox [0 0 100 20] /Length 30 >>\nstream\nBT /Helv 10 Tf 2 5 Td (\(note ?? "")) Tj ET\nendstream"),
        ])
    }

    /// Object 8 rewritten with `value` and appearance stream `appearance` (a new object).
    static func filled(_ signed: [UInt8], value: String?, appearanceText: String, sameAppearanceObject: Bool = false) throws -> [UInt8] {
        let size = try PDFDocument(bytes: signed).trailer.integer("Size")!
        let stream = sameAppearanceObject ? 9 : size
        let v = value.map { "/V (\($0))" } ?? ""
        let field = "<< /T (Note) /FT /Tx \(v) /Type /Annot /Subtype /Widget /Rect [0 0 100 20] /AP << /N \(stream) 0 R >> >>"
        let appearance = (stream, "/Type /XObject /Subtype /Form /BBox [0 0 100 20]", "BT /Helv 10 Tf 2 5 Td (\(appearanceText)) Tj ET")
        return try ModificationFixtures.append(signed, objects: sameAppearanceObject ? [] : [(8, field)], streams: [appearance])
    }

    static func codes(_ bytes: [UInt8]) throws -> (PDFModificationReport, Set<PDFValidationFinding.Code>) {
        let report = try ModificationFixtures.analyze(bytes)
        return (report, ModificationFixtures.codes(report))
    }

    @Test("a value present when signed, replaced with a new appearance → shadowAttackReplace")
    func replacedValue() async throws {
        let signed = try await ModificationFixtures.sign(Self.formPDF(note: "pay 100 EUR"))
        let (report, codes) = try Self.codes(try Self.filled(signed, value: "pay 900 EUR", appearanceText: "pay 900 EUR"))
        #expect(report.level == .disallowed)
        #expect(codes.contains(.shadowAttackReplace), "\(report.findings)")
        #expect(report.findings.contains { $0.message.contains("pay 100 EUR") }, "\(report.findings)")
    }

    @Test("an empty field filled with its appearance after signing stays form filling")
    func emptyFieldFilled() async throws {
        let signed = try await ModificationFixtures.sign(Self.formPDF(note: nil))
        let (report, _) = try Self.codes(try Self.filled(signed, value: "pay 100 EUR", appearanceText: "pay 100 EUR"))
        #expect(report.level == .allowed, "\(report.findings)")
    }

    @Test("filled after signing, then the appearance regenerated in a later update: still form filling")
    func appearanceForNewValue() async throws {
        let signed = try await ModificationFixtures.sign(Self.formPDF(note: nil))
        let filled = try Self.filled(signed, value: "pay 100 EUR", appearanceText: "pay 100 EUR")
        let regenerated = try Self.filled(filled, value: "pay 100 EUR", appearanceText: "pay 100 EUR ")
        let (report, _) = try Self.codes(regenerated)
        #expect(report.level == .allowed, "\(report.findings)")
    }

    @Test("the appearance of a filled field changed while /V stays (new /AP object) → flagged")
    func appearanceOnlyNewObject() async throws {
        let signed = try await ModificationFixtures.sign(Self.formPDF(note: "pay 100 EUR"))
        let (report, codes) = try Self.codes(try Self.filled(signed, value: "pay 100 EUR", appearanceText: "pay 900 EUR"))
        #expect(report.level == .disallowed)
        #expect(codes.contains(.shadowAttackReplace), "\(report.findings)")
        #expect(report.findings.contains { $0.message.contains("appearance") }, "\(report.findings)")
    }

    @Test("the appearance stream of a filled field overwritten in place while /V stays → flagged")
    func appearanceOnlyInPlace() async throws {
        let signed = try await ModificationFixtures.sign(Self.formPDF(note: "pay 100 EUR"))
        let (report, codes) = try Self.codes(try Self.filled(signed, value: nil, appearanceText: "pay 900 EUR", sameAppearanceObject: true))
        #expect(report.level == .disallowed)
        #expect(codes.contains(.shadowAttackReplace), "\(report.findings)")
    }

    @Test("the same value written again with the same appearance is no change at all")
    func rewrittenIdentically() async throws {
        let signed = try await ModificationFixtures.sign(Self.formPDF(note: "pay 100 EUR"))
        let rewritten = try ModificationFixtures.append(signed, objects: [
            (8, "<< /T (Note) /FT /Tx /V (pay 100 EUR) /Type /Annot /Subtype /Widget /Rect [0 0 100 20] /AP << /N 9 0 R >> >>"),
        ])
        let (report, _) = try Self.codes(rewritten)
        #expect(report.level == .allowed, "\(report.findings)")
    }
}
