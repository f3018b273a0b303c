import Foundation
@testable import PDFSign
import Testing

@Suite("PDFSignatureDictionary: the typed reading of what the signer writes")
struct SignatureDictionaryTests {
    @Test("a certification signature with a field lock and metadata reads back typed")
    func readsBack() async throws {
        var options = PDFSignatureOptions()
        options.certification = .formFillingSigningAndAnnotations
        options.fieldLock = .include(["Name", "Date"])
        options.reason = "Agreement"
        options.location = "Tokyo"
        options.contactInfo = "legal@example.com"
        options.signerName = "Party"
        options.signingTime = Date(timeIntervalSince1970: 1_800_000_000)
        let signer = PDFSigner(key: try SigningFixtures.signer(), options: options)
        let bytes = try await signer.sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        let embedded = try #require(try PDFDocument(bytes: bytes).embeddedSignatures().first)
        let model = embedded.signatureDictionary
        #expect(model.type == PDFSignatureDictionary.signatureType && !model.isDocumentTimestamp && model.typeConfusion == nil)
        #expect(model.subFilter == .cadesDetached && !model.isPKCS7SHA1)
        #expect(model.docMDP == .formFillingSigningAndAnnotations)
        #expect(model.fieldMDP == .include(["Name", "Date"]))
        #expect(model.references.map(\.transformMethod) == [.docMDP, .fieldMDP])
        #expect(model.reason == "Agreement" && model.location == "Tokyo" && model.contactInfo == "legal@example.com" && model.signerName == "Party")
        #expect(model.signingTime == options.signingTime)
        #expect(model.byteRange.count == 4 && !model.byteRangeHasNonIntegers && model.contents != nil)
    }

    @Test("DocMDP without /P is P = 2; a /P outside 1…3 reads as 2 typed, raw as written")
    func docMDPDefaults() {
        func signature(_ params: PDFDictionary) -> PDFDictionary {
            PDFDictionary(["Reference": .array([.dictionary(PDFDictionary([
                "TransformMethod": .name("DocMDP"), "TransformParams": .dictionary(params),
            ]))])])
        }
        let resolve: (PDFObject?) -> PDFObject? = { $0 }
        #expect(PDFSignatureDictionary(signature(PDFDictionary()), resolve: resolve).docMDP == .formFillingAndSigning)
        #expect(PDFDocMDPPermission.permission(ofSignature: signature(PDFDictionary()), resolve: resolve) == 2)
        #expect(PDFSignatureDictionary(signature(PDFDictionary(["P": .integer(7)])), resolve: resolve).docMDP == .formFillingAndSigning)
        #expect(PDFDocMDPPermission.permission(ofSignature: signature(PDFDictionary(["P": .integer(7)])), resolve: resolve) == 7)
        #expect(PDFSignatureDictionary(PDFDictionary(), resolve: resolve).docMDP == nil)
    }
}
