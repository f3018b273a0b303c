import CMSCore
import Foundation
@testable import PDFSign
import Testing

@Suite("Signature fields, certification and locks")
struct SignatureFieldTests {
    /// A document whose form has an empty signature field `Parties.Buyer` (parent/kid) and a text field.
    static func formPDF() -> [UInt8] {
        SigningFixtures.classicPDF(catalogExtra: "/AcroForm 5 0 R", extraObjects: [
            (5, "<< /Fields [6 0 R 8 0 R] >>"),
            (6, "<< /T (Parties) /Kids [7 0 R] >>"),
            (7, "<< /Parent 6 0 R /T (Buyer) /FT /Sig /Type /Annot /Subtype /Widget /Rect [100 100 300 160] /P 3 0 R /F 4 >>"),
            (8, "<< /T (Note) /FT /Tx /V (hello) /Type /Annot /Subtype /Widget /Rect [0 0 10 10] >>"),
        ])
    }

    static func sign(_ bytes: [UInt8], _ configure: (inout PDFSignatureOptions) -> Void = { _ in }, key: String = "party") async throws -> [UInt8] {
        var options = PDFSignatureOptions()
        configure(&options)
        return try await PDFSigner(key: SigningFixtures.signer(key), options: options).sign(PDFDocument(bytes: bytes))
    }

    @Test("form fields are read with inherited names and types")
    func readFields() throws {
        let fields = try PDFDocument(bytes: Self.formPDF()).formFields()
        #expect(fields.map(\.qualifiedName) == ["Parties.Buyer", "Note"])
        #expect(fields[0].isSignatureField && !fields[0].isSigned)
        #expect(fields[0].widgets == [PDFObjectReference(7)])
        #expect(fields[1].fieldType == "Tx")
    }

    @Test("an existing empty field is filled by its qualified name; no field is added")
    func fillExisting() async throws {
        let signed = try await Self.sign(Self.formPDF()) { $0.fieldName = "Parties.Buyer" }
        let readback = try SignedPDFReadback(signed, field: "Parties.Buyer")
        #expect(readback.field.reference == PDFObjectReference(7))
        #expect(try readback.document.formFields().count == 2)
        #expect(try await readback.verify().isValid)
        let widget = try readback.document.indirectObject(number: 7).object.dictionaryValue
        #expect(widget?["AP"] != nil)
    }

    @Test("refusals: text field, already signed field, second certification, anything after P=1")
    func refusals() async throws {
        await #expect(throws: PDFError(.notSignable, "")) { try await Self.sign(Self.formPDF()) { $0.fieldName = "Note" } }
        let once = try await Self.sign(Self.formPDF()) { $0.fieldName = "Parties.Buyer" }
        await #expect(throws: PDFError(.notSignable, "")) { try await Self.sign(once) { $0.fieldName = "Parties.Buyer" } }
        await #expect(throws: PDFError(.notSignable, "")) { try await Self.sign(once) { $0.certification = .formFillingAndSigning } }
        let locked = try await Self.sign(SigningFixtures.classicPDF()) { $0.certification = .noChanges }
        await #expect(throws: PDFError(.notSignable, "")) { try await Self.sign(locked) }
    }

    @Test("certification P=2: /Perms /DocMDP and the DocMDP transform; a later approval signature is allowed")
    func certification() async throws {
        let certified = try await Self.sign(SigningFixtures.classicPDF()) { $0.certification = .formFillingAndSigning }
        let readback = try SignedPDFReadback(certified)
        let document = readback.document
        let perms = try document.resolve(document.catalog()["Perms"] ?? .null).dictionaryValue
        #expect(perms?["DocMDP"] == readback.field.value)
        let reference = try document.resolve(readback.signatureDictionary["Reference"] ?? .null).arrayValue?.first?.dictionaryValue
        #expect(reference?.name("TransformMethod") == "DocMDP")
        #expect(reference?["TransformParams"]?.dictionaryValue?.integer("P") == 2)
        let approved = try await Self.sign(certified, key: "second")
        #expect(try PDFDocument(bytes: approved).formFields().filter(\.isSigned).count == 2)
    }

    @Test("FieldMDP: /Lock on the field and a FieldMDP transform in the signature")
    func fieldLock() async throws {
        let signed = try await Self.sign(Self.formPDF()) {
            $0.fieldName = "Parties.Buyer"
            $0.fieldLock = .include(["Note"])
        }
        let readback = try SignedPDFReadback(signed, field: "Parties.Buyer")
        let lock = try readback.document.indirectObject(number: 7).object.dictionaryValue?["Lock"]?.dictionaryValue
        #expect(lock?.name("Action") == "Include")
        #expect(lock?["Fields"] == .array([.string(PDFString(bytes: Array("Note".utf8)))]))
        let transform = readback.signatureDictionary["Reference"]?.arrayValue?.first?.dictionaryValue
        #expect(transform?.name("TransformMethod") == "FieldMDP")
        #expect(transform?["TransformParams"]?.dictionaryValue?.name("Action") == "Include")
    }

    @Test("a new field gets the first free name and sits in the page's /Annots")
    func newFieldName() async throws {
        let bytes = SigningFixtures.classicPDF(catalogExtra: "/AcroForm << /Fields [5 0 R] >>", extraObjects: [
            (5, "<< /T (Signature1) /FT /Sig /Rect [0 0 0 0] /Type /Annot /Subtype /Widget >>"),
        ])
        let signed = try await Self.sign(bytes)
        let readback = try SignedPDFReadback(signed)
        #expect(readback.field.qualifiedName == "Signature2")
        let page = try readback.document.indirectObject(number: 3).object.dictionaryValue
        #expect(page?["Annots"]?.arrayValue == [.reference(readback.field.reference)])
    }
}
