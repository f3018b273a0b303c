import CMSCore
import Foundation
@testable import PDFSign
import SwiftASN1
import Testing

/// Placeholders for several signers (ISO 32000-2 §12.7.5.5) and the ETSI signed attributes
/// a party's signature carries (EN 319 122-1 §5.2.3, §5.2.6.1), on the sandbox PKI.
@Suite("Multi-party contracts: signature field placeholders and signed attributes")
struct MultiPartyContractTests {
    static func placeholders(visible: Bool = true) throws -> [PDFSignatureFieldPlaceholder] {
        func rect(_ x: Double) throws -> PDFRectangle? { visible ? try PDFRectangle(x: x, y: 60, width: 160, height: 50) : nil }
        return [
            try PDFSignatureFieldPlaceholder(name: "PartyA", pageIndex: 0, rectangle: rect(40), signerHint: "甲: 代表取締役 山田 太郎"),
            try PDFSignatureFieldPlaceholder(name: "PartyB", pageIndex: 0, rectangle: rect(220), signerHint: "乙", lock: .include(["PartyA"])),
            try PDFSignatureFieldPlaceholder(name: "Witness", pageIndex: 0, rectangle: rect(400)),
        ]
    }

    static func validate(_ bytes: [UInt8]) async throws -> PDFValidationReport {
        await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [SigningFixtures.pki.root])).validate(try PDFDocument(bytes: bytes))
    }

    static func sign(_ bytes: [UInt8], field: String?, key: String, _ configure: (inout PDFSignatureOptions) -> Void = { _ in }) async throws -> [UInt8] {
        var options = PDFSignatureOptions()
        options.fieldName = field
        configure(&options)
        var signer = PDFSigner(key: try SigningFixtures.signer(key), options: options)
        signer.revocationSource = try SigningFixtures.pki.revocationDataSource()
        return try await signer.sign(PDFDocument(bytes: bytes))
    }

    @Test("three placeholders in one update: names, /TU, /Lock, widgets on the page; each signer fills its own and every signature stays valid")
    func placeholdersThenSigners() async throws {
        let original = SigningFixtures.classicPDF()
        let prepared = try PDFSignatureFieldAdder().adding(try Self.placeholders(), to: PDFDocument(bytes: original))
        #expect(Array(prepared.prefix(original.count)) == original)
        let document = try PDFDocument(bytes: prepared)
        let fields = try document.formFields()
        #expect(fields.map(\.qualifiedName) == ["PartyA", "PartyB", "Witness"])
        #expect(fields.allSatisfy { $0.isSignatureField && !$0.isSigned })
        #expect(try document.resolve(fields[0].dictionary["TU"] ?? .null).stringValue?.textValue == "甲: 代表取締役 山田 太郎")
        let lock = try #require(try document.resolve(fields[1].dictionary["Lock"] ?? .null).dictionaryValue)
        #expect(PDFFieldLock(lockDictionary: lock) { try? document.resolve($0 ?? .null) } == .include(["PartyA"]))
        let annots = try document.resolve(try document.resolve(.reference(document.pageReference(at: 0))).dictionaryValue?["Annots"] ?? .null).arrayValue
        #expect(annots?.compactMap(\.referenceValue) == fields.map(\.reference))

        var bytes = prepared
        for (field, key) in [("PartyA", "party"), ("PartyB", "buyer"), ("Witness", "witness")] {
            bytes = try await Self.sign(bytes, field: field, key: key)
        }
        let signed = try PDFDocument(bytes: bytes)
        #expect(try signed.formFields().count == 3, "signing filled the placeholders instead of adding fields")
        let partyB = try #require(try signed.embeddedSignatures().first { $0.field.qualifiedName == "PartyB" })
        #expect(partyB.signatureDictionary.fieldMDP == .include(["PartyA"]), "the placeholder's /Lock becomes the signature's FieldMDP")
        let report = try await Self.validate(bytes)
        #expect(report.signatures.map(\.field) == ["PartyA", "PartyB", "Witness"])
        for signature in report.signatures {
            #expect(signature.intact && signature.modifications != .disallowed, "\(signature.field): \(signature.findings)")
        }
    }

    @Test("after a signature: placeholders are added when the signature allows it and refused with a typed error when not")
    func addingAfterSigning() async throws {
        // An approval signature allows new fields, visible ones included.
        let approved = try await Self.sign(SigningFixtures.classicPDF(), field: nil, key: "party")
        let withFields = try PDFSignatureFieldAdder().adding(try Self.placeholders(), to: PDFDocument(bytes: approved))
        let first = try #require(try await Self.validate(withFields).signatures.first)
        #expect(first.intact && first.modifications == .allowed, "\(first.findings)")

        // Certification P=2: only invisible fields (a visible one could cover certified content).
        let certified = try await Self.sign(SigningFixtures.classicPDF(), field: nil, key: "party") { $0.certification = .formFillingAndSigning }
        #expect(throws: PDFError(.notSignable, "")) { try PDFSignatureFieldAdder().adding(try Self.placeholders(), to: PDFDocument(bytes: certified)) }
        let invisible = try PDFSignatureFieldAdder().adding(try Self.placeholders(visible: false), to: PDFDocument(bytes: certified))
        let certification = try #require(try await Self.validate(invisible).signatures.first)
        #expect(certification.intact && certification.modifications == .allowed, "\(certification.findings)")
        let filled = try await Self.sign(invisible, field: "PartyB", key: "buyer")
        #expect(try await Self.validate(filled).signatures.allSatisfy { $0.modifications != .disallowed })

        // Certification P=1: nothing. A FieldMDP lock on all fields: only invisible ones.
        let frozen = try await Self.sign(SigningFixtures.classicPDF(), field: nil, key: "party") { $0.certification = .noChanges }
        #expect(throws: PDFError(.notSignable, "")) { try PDFSignatureFieldAdder().adding(try Self.placeholders(visible: false), to: PDFDocument(bytes: frozen)) }
        let locked = try await Self.sign(SigningFixtures.classicPDF(), field: nil, key: "party") { $0.fieldLock = .all }
        #expect(throws: PDFError(.notSignable, "")) { try PDFSignatureFieldAdder().adding(try Self.placeholders(), to: PDFDocument(bytes: locked)) }
        _ = try PDFSignatureFieldAdder().adding(try Self.placeholders(visible: false), to: PDFDocument(bytes: locked))

        // A placeholder's /Lock locks too once its field is signed, with or without a FieldMDP transform.
        let withLockedField = try PDFSignatureFieldAdder().adding(
            [try PDFSignatureFieldPlaceholder(name: "First", pageIndex: 0, rectangle: nil, lock: .all)], to: PDFDocument(bytes: SigningFixtures.classicPDF()))
        let signedLocked = try await Self.sign(withLockedField, field: "First", key: "party")
        #expect(throws: PDFError(.notSignable, "")) { try PDFSignatureFieldAdder().adding(try Self.placeholders(), to: PDFDocument(bytes: signedLocked)) }
    }

    @Test("the validator judges a new visible signature field after certification as pyHanko does, with or without an appearance")
    func visibleFieldAfterCertification() async throws {
        let certified = try await Self.sign(SigningFixtures.classicPDF(), field: nil, key: "party") { $0.certification = .formFillingAndSigning }
        // Bypass the adder's refusal: the writer without its checks, as another tool would write it.
        let document = try PDFDocument(bytes: certified)
        let update = PDFIncrementalUpdate(document: document)
        let page = try document.pageReference(at: 0)
        let field = update.add(.dictionary(PDFDictionary([
            "Type": .name("Annot"), "Subtype": .name("Widget"), "FT": .name("Sig"), "T": .string(.text("Late")),
            "Rect": .array([.integer(10), .integer(10), .integer(200), .integer(60)]), "P": .reference(page),
        ])))
        var form = try #require(try document.resolve(document.catalog()["AcroForm"] ?? .null).dictionaryValue)
        form["Fields"] = .array((try document.resolve(form["Fields"] ?? .null).arrayValue ?? []) + [.reference(field)])
        var catalog = try document.catalog()
        if let formReference = catalog["AcroForm"]?.referenceValue {
            update.set(formReference, .object(.dictionary(form)))
        } else {
            catalog["AcroForm"] = .dictionary(form)
            update.set(try #require(document.trailer["Root"]?.referenceValue), .object(.dictionary(catalog)))
        }
        let bytes = certified + (try PDFUpdateWriter.write(update)).bytes
        let signature = try #require(try await Self.validate(bytes).signatures.first)
        #expect(signature.modifications == .disallowed && signature.findings.contains { $0.code == .sneakySignature }, "\(signature.findings)")
    }

    @Test("bad placeholders: duplicate or existing names, periods, pages that do not exist")
    func badPlaceholders() throws {
        let document = try PDFDocument(bytes: SigningFixtures.classicPDF())
        let one = try PDFSignatureFieldPlaceholder(name: "A", pageIndex: 0, rectangle: nil)
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFSignatureFieldAdder().adding([one, one], to: document) }
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFSignatureFieldAdder().adding([], to: document) }
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFSignatureFieldPlaceholder(name: "A.B", pageIndex: 0, rectangle: nil) }
        let far = try PDFSignatureFieldPlaceholder(name: "Far", pageIndex: 5, rectangle: nil)
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFSignatureFieldAdder().adding([far], to: document) }
        let added = try PDFSignatureFieldAdder().adding([one], to: document)
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFSignatureFieldAdder().adding([one], to: PDFDocument(bytes: added)) }
    }

    @Test("commitment type, claimed role and an application attribute are signed and reported typed, in JSON too")
    func signedAttributes() async throws {
        let custom = try CMSRawAttribute(type: [1, 3, 6, 1, 4, 1, 99999, 7, 1], valueDER: [0x0C, 0x03] + Array("abc".utf8))
        let bytes = try await Self.sign(SigningFixtures.classicPDF(), field: nil, key: "party") {
            $0.commitmentType = .proofOfApproval
            $0.claimedRoles = ["代表取締役"]
            $0.additionalSignedAttributes = [custom]
        }
        let report = try await Self.validate(bytes)
        let signature = try #require(report.signatures.first)
        #expect(signature.intact)
        #expect(signature.commitmentType == .proofOfApproval)
        #expect(signature.claimedRoles == ["代表取締役"])
        #expect(signature.otherSignedAttributes == [custom])
        let object = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        let json = try #require((object["signatures"] as? [[String: Any]])?.first)
        try ReportSchemaTests.checkSignature(json)
        #expect(json["commitmentType"] as? String == "proofOfApproval")
        #expect(json["claimedRoles"] as? [String] == ["代表取締役"])
        #expect((json["otherSignedAttributes"] as? [[String: String]])?.first == ["type": "1.3.6.1.4.1.99999.7.1", "value": "DANhYmM="])
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(PDFValidationReport.self, from: report.jsonData()).signatures.first?.commitmentType == .proofOfApproval)
        // Without the options the keys are absent: existing reports keep their exact JSON.
        let plain = try #require(try await Self.validate(try await Self.sign(SigningFixtures.classicPDF(), field: nil, key: "party")).signatures.first)
        let plainJSON = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(plain)) as? [String: Any])
        #expect(Set(plainJSON.keys).isDisjoint(with: ReportSchemaTests.signatureAttributeKeys))
    }

    @Test("the public capacity estimate holds a B-T signature with roles and an application attribute, as a fixed capacity")
    func capacityEstimate() async throws {
        var options = PDFSignatureOptions()
        options.claimedRoles = ["代表取締役", "購買部長"]
        options.commitmentType = .proofOfApproval
        options.additionalSignedAttributes = [try CMSRawAttribute(type: [1, 3, 6, 1, 4, 1, 99999, 7, 2], valueDER: [0x04, 0x82, 0x01, 0x00] + Array(repeating: 7, count: 256))]
        var signer = PDFSigner(key: try SigningFixtures.signer("party"), options: options, timestampAuthority: try SigningFixtures.tsa())
        let estimate = try await signer.estimatedContentsCapacity()
        signer.options.contentsCapacity = estimate  // a fixed capacity: too small would throw signatureTooLarge
        let bytes = try await signer.sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        let readback = try SignedPDFReadback(bytes)
        let used = try readback.cms.derEncoded().count
        #expect(used <= estimate && estimate % 1_024 == 0 && estimate - used < 16_384, "estimate \(estimate), used \(used)")
    }

    @Test("commitment types: the six ETSI OIDs, names both ways, another OID kept")
    func commitmentTypes() throws {
        #expect(CMSCommitmentType.proofOfOrigin.oid.description == "1.2.840.113549.1.9.16.6.1")
        #expect(CMSCommitmentType.proofOfCreation.oid.description == "1.2.840.113549.1.9.16.6.6")
        #expect(CMSCommitmentType(name: "proof-of-approval") == .proofOfApproval)
        #expect(CMSCommitmentType(oid: [1, 2, 840, 113549, 1, 9, 16, 6, 5]) == .proofOfApproval)
        let other = try #require(CMSCommitmentType(name: "1.3.6.1.4.1.99999.1"))
        #expect(other == .other([1, 3, 6, 1, 4, 1, 99999, 1]) && other.name == "1.3.6.1.4.1.99999.1")
        #expect(CMSCommitmentType(name: "approval") == nil)
        #expect(try JSONDecoder().decode(CMSCommitmentType.self, from: JSONEncoder().encode(other)) == other)
    }
}
