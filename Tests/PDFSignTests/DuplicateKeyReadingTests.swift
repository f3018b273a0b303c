@testable import PDFSign
import Testing

/// Repeated dictionary keys are read as MuPDF, Poppler, qpdf and pdf.js read them: the last
/// occurrence wins, names compared after `#xx` decoding, and the repetition is recorded.
@Suite("Duplicate dictionary keys: last wins, recorded, written once")
struct DuplicateKeyReadingTests {
    static func dictionary(_ text: String) throws -> PDFDictionary {
        try #require(try PDFObjectParser.parse(Array(text.utf8)).dictionaryValue)
    }

    @Test("the last occurrence wins and the key is recorded as repeated")
    func lastWins() throws {
        let dictionary = try Self.dictionary("<< /Type /Sig /Contents <01> /M (x) /Contents <02> >>")
        #expect(dictionary["Contents"] == .string(PDFString(bytes: [0x02], format: .hex)))
        #expect(dictionary.duplicateKeys == ["Contents"])
        #expect(dictionary.hasDuplicateKeys)
        #expect(dictionary.keys == ["Type", "M", "Contents"])
        #expect(dictionary.count == 3)
        let plain = try Self.dictionary("<< /Type /Sig /Contents <01> >>")
        #expect(plain.duplicateKeys.isEmpty && !plain.hasDuplicateKeys)
    }

    @Test("a key spelled with #xx escapes is the same key (/C#6Fntents repeats /Contents)")
    func escapedSpelling() throws {
        let dictionary = try Self.dictionary("<< /Contents <01> /C#6Fntents <02> >>")
        #expect(dictionary["Contents"] == .string(PDFString(bytes: [0x02], format: .hex)))
        #expect(dictionary.duplicateKeys == ["Contents"])
    }

    @Test("large dictionaries (the hashed path) record repeats too")
    func largeDictionary() throws {
        let entries = (0..<40).map { "/K\($0) \($0)" }.joined(separator: " ")
        let dictionary = try Self.dictionary("<< \(entries) /K7 99 >>")
        #expect(dictionary.integer("K7") == 99)
        #expect(dictionary.duplicateKeys == ["K7"])
    }

    @Test("setting a repeated key leaves one entry, and the serializer writes what readers read")
    func settingAndWriting() throws {
        var dictionary = try Self.dictionary("<< /Pages 2 0 R /Type /Catalog /Pages 9 0 R >>")
        var written: [UInt8] = []
        try PDFObjectSerializer.writeDictionary(dictionary, into: &written)
        #expect(String(decoding: written, as: UTF8.self) == "<</Type /Catalog/Pages 9 0 R>>")
        dictionary["Pages"] = .reference(PDFObjectReference(3))
        #expect(dictionary.duplicateKeys.isEmpty)
        #expect(dictionary.entries.filter { $0.key == "Pages" }.count == 1)
        #expect(dictionary["Pages"] == .reference(PDFObjectReference(3)))
    }

    @Test("a trailer with a repeated /Root opens on the last one, as viewers do")
    func trailerRoot() throws {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [] /Count 0 >>")
        builder.object(3, "<< /Type /Catalog /Pages 2 0 R /Lang (attacker) >>")
        builder.classicXref(trailer: "/Size 4 /Root 1 0 R /Root 3 0 R")
        let document = try PDFDocument(bytes: builder.bytes)
        #expect(document.trailer["Root"] == .reference(PDFObjectReference(3)))
        #expect(try document.catalog()["Lang"] != nil)
        #expect(document.revisions[0].trailer.duplicateKeys == ["Root"])
    }
}

/// The signer reads a document as viewers and the validator do, and writes each key once.
@Suite("Duplicate dictionary keys: the signer's reading")
struct DuplicateKeySigningTests {
    @Test("a catalog repeating /Pages: the widget goes on the page viewers show, the new catalog holds /Pages once")
    func signerFollowsLastPages() async throws {
        let base = SigningFixtures.classicPDF(catalogExtra: "/Pages 5 0 R", extraObjects: [
            (5, "<< /Type /Pages /Kids [6 0 R] /Count 1 >>"),
            (6, "<< /Type /Page /Parent 5 0 R /MediaBox [0 0 595 842] >>"),
        ])
        #expect(try PDFDocument(bytes: base).catalog().duplicateKeys == ["Pages"])
        let signed = try await ModificationFixtures.sign(base)
        let document = try PDFDocument(bytes: signed)
        let catalog = try document.catalog()
        #expect(catalog.duplicateKeys.isEmpty && catalog.entries.filter { $0.key == "Pages" }.count == 1)
        #expect(catalog["Pages"] == .reference(PDFObjectReference(5)))
        let widget = try #require(try document.formFields().first { $0.isSigned }?.widgets.first)
        let page = try document.resolve(.reference(PDFObjectReference(6))).dictionaryValue
        #expect((page?["Annots"]).flatMap { try? document.resolve($0).arrayValue }?.contains(.reference(widget)) == true)
        let report = await PDFSignatureValidator().validate(document)
        #expect(report.valid, "\(report.findings) \(report.signatures.map(\.findings))")
    }
}
