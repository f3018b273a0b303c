import Foundation
@testable import PDFSign
import Testing

/// File-level verdicts: the signature dictionary's own syntax, a /Contents hex string with
/// white space, cross-reference damage inside or after the signed bytes, stripped signatures.
@Suite("Validation verdicts: signature dictionary, structure, removed signatures")
struct StructureVerdictTests {
    // MARK: Duplicate keys in the signature dictionary

    /// A signature whose dictionary also says `spelling <00>` before the real /Contents (the
    /// /Reason entry is overwritten with it before the digest is taken, so the CMS is valid).
    static func signedWithRepeatedContents(_ spelling: String) async throws -> [UInt8] {
        var options = PDFSignatureOptions()
        options.reason = String(repeating: "R", count: 24)
        return try await VerdictFixtures.signMutating(SigningFixtures.classicPDF(), options: options) { bytes in
            try VerdictFixtures.replace("/Reason (" + String(repeating: "R", count: 24) + ")", with: "\(spelling) <00>", in: &bytes)
        }
    }

    @Test("/Contents repeated in the signature dictionary → duplicateKey, the signature fails", arguments: ["/Contents", "/C#6Fntents"])
    func repeatedContents(_ spelling: String) async throws {
        let report = try await VerdictFixtures.validate(try await Self.signedWithRepeatedContents(spelling))
        let signature = try #require(report.signatures.first)
        #expect(signature.findings.contains { $0.code == .duplicateKey && $0.message.contains("/Contents") }, "\(signature.findings)")
        #expect(signature.indication == .totalFailed && signature.subIndication == .formatFailure, "\(signature)")
        #expect(!report.valid)
    }

    @Test("control: the same two-phase signature without the repeated key is valid")
    func controlWithoutRepeat() async throws {
        var options = PDFSignatureOptions()
        options.reason = String(repeating: "R", count: 24)
        let report = try await VerdictFixtures.validate(try await VerdictFixtures.signMutating(SigningFixtures.classicPDF(), options: options))
        #expect(report.valid, "\(report.findings) \(report.signatures.map(\.findings))")
    }

    // MARK: /Contents with white space

    @Test("a /Contents hex string broken by newlines and spaces is legal syntax, not signature wrapping")
    func contentsWithWhiteSpace() async throws {
        var bytes = try await ModificationFixtures.sign(SigningFixtures.classicPDF())
        let range = try SignedPDFReadback(bytes).byteRange
        // Re-flow the digits inside the unsigned gap: a newline after every 64 digits and a space
        // after the first 8, dropping as many trailing zero digits (padding) to keep the length.
        let digits = Array(bytes[(range[1] + 1)..<(range[2] - 1)])
        var flowed: [UInt8] = []
        for (index, digit) in digits.enumerated() {
            flowed.append(digit)
            if index == 7 { flowed.append(UInt8(ascii: " ")) }
            if index % 64 == 63 { flowed += [0x0D, 0x0A] }
        }
        var extra = flowed.count - digits.count
        if extra % 2 == 1 { flowed.insert(0x09, at: 3); extra += 1 }
        #expect(flowed.suffix(extra).allSatisfy { $0 == UInt8(ascii: "0") || PDFCharacterClass.isWhitespace($0) })
        bytes.replaceSubrange((range[1] + 1)..<(range[2] - 1), with: flowed.dropLast(extra))
        let report = try await VerdictFixtures.validate(bytes)
        let signature = try #require(report.signatures.first)
        #expect(!signature.findings.contains { $0.code == .signatureWrapping }, "\(signature.findings)")
        #expect(signature.intact && signature.coverage == .entireFile, "\(signature)")
        #expect(report.valid, "\(signature.findings)")
    }

    @Test("control: a non-hex character in the gap is still signature wrapping")
    func nonHexInGap() async throws {
        var bytes = try await ModificationFixtures.sign(SigningFixtures.classicPDF())
        let range = try SignedPDFReadback(bytes).byteRange
        bytes[range[1] + 5] = UInt8(ascii: "G")
        let report = try await VerdictFixtures.validate(bytes)
        #expect(!report.valid)
    }

    // MARK: Cross-reference damage

    /// Object 4's entry (the page content, which the signer does not rewrite) in the original
    /// table points at offset 1, changed before signing.
    static func signedOverBrokenTable() async throws -> [UInt8] {
        try await VerdictFixtures.signMutating(SigningFixtures.classicPDF()) { bytes in
            let table = try VerdictFixtures.offset(of: "xref\n0 5\n", in: bytes)
            // Entries are 20 bytes after "xref\n0 5\n"; object 4 is the fifth.
            let entry = table + 9 + 4 * 20
            bytes.replaceSubrange(entry..<entry + 10, with: Array("0000000001".utf8))
        }
    }

    @Test("a cross-reference entry broken inside the signed bytes is a warning, not an ISA")
    func brokenInsideSigned() async throws {
        let bytes = try await Self.signedOverBrokenTable()
        #expect(try PDFDocument(bytes: bytes).wasRepaired)
        let report = try await VerdictFixtures.validate(bytes)
        let codes = VerdictFixtures.codes(report)
        #expect(codes.contains(.structureRepaired))
        #expect(!codes.contains(.incrementalSavingAttack), "\(report.findings)")
        #expect(report.valid, "\(report.findings) \(report.signatures.map(\.findings))")
    }

    @Test("broken inside the signed bytes, then a proper DSS update: still only a warning")
    func brokenInsideSignedThenUpdate() async throws {
        let signed = try await Self.signedOverBrokenTable()
        let document = try PDFDocument(bytes: signed)
        var catalog = try document.catalog()
        let size = document.trailer.integer("Size")!
        catalog["DSS"] = .reference(PDFObjectReference(size))
        let updated = try ModificationFixtures.append(signed, objects: [
            (document.trailer["Root"]!.referenceValue!.number, catalog.description),
            (size, "<< /Certs [] >>"),
        ])
        let report = try await VerdictFixtures.validate(updated)
        let codes = VerdictFixtures.codes(report)
        #expect(codes.contains(.structureRepaired) && !codes.contains(.incrementalSavingAttack), "\(codes)")
        #expect(report.signatures.first?.modifications == .allowed, "\(report.signatures.map(\.findings))")
        #expect(report.valid)
    }

    @Test("a whole cross-reference section broken inside the signed bytes (rebuilt by scanning) is a warning")
    func rebuiltInsideSigned() async throws {
        let bytes = try await VerdictFixtures.signMutating(SigningFixtures.classicPDF()) { bytes in
            try VerdictFixtures.replace("xref\n0 5\n", with: "xreX\n0 5\n", in: &bytes)
        }
        #expect(try PDFDocument(bytes: bytes).repairNotes.contains { $0.extent == nil })
        let report = try await VerdictFixtures.validate(bytes)
        let codes = VerdictFixtures.codes(report)
        #expect(codes.contains(.structureRepaired) && !codes.contains(.incrementalSavingAttack), "\(codes)")
        #expect(report.valid, "\(report.findings) \(report.signatures.map(\.findings))")
    }

    @Test("a cross-reference entry broken after the signed bytes stays an incremental saving attack")
    func brokenAfterSigned() async throws {
        let signed = try await ModificationFixtures.sign(SigningFixtures.classicPDF())
        let size = try PDFDocument(bytes: signed).trailer.integer("Size")!
        var attacked = try ModificationFixtures.append(signed, objects: [(size, "<< /Note (appended) >>")])
        // The new section's only in-use entry, pointed at offset 1 (offset 0 would read as free).
        let table = try VerdictFixtures.offset(of: "xref", in: attacked, from: signed.count)
        let entry = try VerdictFixtures.offset(of: " 00000 n", in: attacked, from: table) - 10
        attacked.replaceSubrange(entry..<entry + 10, with: Array("0000000001".utf8))
        #expect(try PDFDocument(bytes: attacked).wasRepaired)
        let report = try await VerdictFixtures.validate(attacked)
        #expect(VerdictFixtures.codes(report).contains(.incrementalSavingAttack), "\(report.findings)")
        #expect(!VerdictFixtures.codes(report).contains(.structureRepaired))
        #expect(!report.valid)
    }

    // MARK: Removed signatures

    @Test("a later update that strips the signature field → signatureRemoved, not only noSignatures")
    func strippedSignature() async throws {
        let signed = try await ModificationFixtures.sign(SigningFixtures.classicPDF())
        let document = try PDFDocument(bytes: signed)
        var catalog = try document.catalog()
        catalog["AcroForm"] = nil
        let pageReference = try document.pageReference(at: 0)
        var page = try document.resolve(.reference(pageReference)).dictionaryValue!
        page["Annots"] = nil
        let stripped = try ModificationFixtures.append(signed, objects: [
            (document.trailer["Root"]!.referenceValue!.number, catalog.description), (pageReference.number, page.description),
        ])
        let report = try await VerdictFixtures.validate(stripped)
        #expect(report.signatures.isEmpty)
        #expect(report.findings.contains { $0.code == .signatureRemoved }, "\(report.findings)")
        #expect(!report.valid)
    }

    @Test("a trailing startxref pointing back at the unsigned revision → signatureRemoved")
    func startxrefBack() async throws {
        let signed = try await ModificationFixtures.sign(SigningFixtures.classicPDF())
        let original = try PDFDocument(bytes: SigningFixtures.classicPDF()).revisions[0].xrefOffset
        let rewound = signed + Array("startxref\n\(original)\n%%EOF\n".utf8)
        let document = try PDFDocument(bytes: rewound)
        #expect(try document.embeddedSignatures().isEmpty)
        let report = try await VerdictFixtures.validate(rewound)
        #expect(report.findings.contains { $0.code == .signatureRemoved }, "\(report.findings)")
        #expect(!report.valid)
    }

    @Test("control: two signatures, both present → no signatureRemoved, valid")
    func twoSignaturesPresent() async throws {
        let once = try await ModificationFixtures.sign(SigningFixtures.classicPDF(), key: "a")
        let twice = try await ModificationFixtures.sign(once, key: "b")
        let report = try await VerdictFixtures.validate(twice)
        #expect(report.signatures.count == 2)
        #expect(!VerdictFixtures.codes(report).contains(.signatureRemoved))
        #expect(report.valid, "\(report.findings) \(report.signatures.map(\.findings))")
    }
}
