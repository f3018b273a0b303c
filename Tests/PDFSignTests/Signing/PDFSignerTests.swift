import CMSCore
import Foundation
@testable import PDFSign
import Testing
import TimestampClient

@Suite("PDFSigner: incremental PAdES signatures")
struct PDFSignerTests {
    @Test("B-B on a classic table: original bytes kept, one table revision added, CMS verifies over the byte ranges")
    func classicBB() async throws {
        let original = SigningFixtures.classicPDF()
        let signed = try await PDFSigner(key: SigningFixtures.signer()).sign(PDFDocument(bytes: original))
        #expect(Array(signed.prefix(original.count)) == original)
        let readback = try SignedPDFReadback(signed)
        #expect(readback.document.revisions.map(\.kind) == [.table, .table])
        #expect(!readback.document.wasRepaired)
        #expect(readback.document.revisions.last?.trailer.integer("Prev") == readback.document.revisions.first?.xrefOffset)
        #expect(readback.byteRange[0] == 0 && readback.byteRange[2] + readback.byteRange[3] == signed.count)
        #expect(signed[readback.byteRange[1]] == UInt8(ascii: "<") && signed[readback.byteRange[2] - 1] == UInt8(ascii: ">"))
        #expect(readback.signatureDictionary.name("SubFilter") == "ETSI.CAdES.detached")
        #expect(readback.field.qualifiedName == "Signature1")
        let report = await readback.verify()
        #expect(report.isValid, "\(report.checks)")
        // PAdES: no signing-time attribute.
        #expect(readback.cms.signers.first?.signedAttributeTypes.contains(CMSObjectIdentifier.Attribute.signingTime) == false)
        let catalog = try readback.document.catalog()
        let form = try readback.document.resolve(catalog["AcroForm"] ?? .null).dictionaryValue
        #expect(form?.integer("SigFlags") == 3)
    }

    @Test("an xref-stream file gets a cross-reference stream update")
    func xrefStreamUpdate() async throws {
        let original = try SigningFixtures.xrefStreamPDF()
        let signed = try await PDFSigner(key: SigningFixtures.signer()).sign(PDFDocument(bytes: original))
        let readback = try SignedPDFReadback(signed)
        #expect(readback.document.revisions.map(\.kind) == [.stream, .stream])
        #expect(!readback.document.wasRepaired, "\(readback.document.repairNotes)")
        #expect(await readback.verify().isValid)
    }

    @Test("B-T: the signature timestamp covers the signature value")
    func bt() async throws {
        let signer = PDFSigner(key: try SigningFixtures.signer(), timestampAuthority: try SigningFixtures.tsa())
        #expect(signer.level == .t)
        let signed = try await signer.sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        let readback = try SignedPDFReadback(signed)
        #expect(try readback.cms.signatureTimestamps().count == 1)
        let verifier = TimestampVerifier(policy: TimestampVerificationPolicy(trustAnchors: [SigningFixtures.pki.root]))
        let reports = await verifier.verifySignatureTimestamps(of: readback.cms)
        #expect(reports.count == 1 && reports.allSatisfy(\.isValid), "\(reports)")
    }

    @Test("B-T without a TSA is refused")
    func btWithoutTSA() async throws {
        let signer = PDFSigner(key: try SigningFixtures.signer(), level: .t)
        await #expect(throws: PDFError(.invalidArgument, "")) {
            try await signer.sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        }
    }

    @Test("three signers in turn: every signature still verifies and covers its own revision")
    func threeSigners() async throws {
        var bytes = SigningFixtures.classicPDF()
        for name in ["a", "b", "c"] {
            bytes = try await PDFSigner(key: SigningFixtures.signer(name)).sign(PDFDocument(bytes: bytes))
        }
        let document = try PDFDocument(bytes: bytes)
        let fields = try document.formFields().filter(\.isSigned)
        #expect(fields.map(\.qualifiedName) == ["Signature1", "Signature2", "Signature3"])
        var previousEnd = 0
        for field in fields {
            let readback = try SignedPDFReadback(bytes, field: field.qualifiedName)
            let end = readback.byteRange[2] + readback.byteRange[3]
            #expect(end > previousEnd)
            previousEnd = end
            #expect(await readback.verify().isValid, "\(field.qualifiedName)")
        }
        #expect(previousEnd == bytes.count)
        #expect(document.revisions.count == 4)
    }

    @Test("reason, location, contact and name are text strings; Japanese as UTF-16BE")
    func metadata() async throws {
        var options = PDFSignatureOptions()
        options.reason = "契約締結"
        options.location = "Tokyo"
        options.contactInfo = "legal@example.jp"
        options.signerName = "山田 太郎"
        let signed = try await PDFSigner(key: SigningFixtures.signer(), options: options).sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        let dictionary = try SignedPDFReadback(signed).signatureDictionary
        #expect(dictionary["Reason"]?.stringValue?.textValue == "契約締結")
        #expect(dictionary["Reason"]?.stringValue?.bytes.prefix(2) == [0xFE, 0xFF])
        #expect(dictionary["Location"]?.stringValue?.textValue == "Tokyo")
        #expect(dictionary["ContactInfo"]?.stringValue?.textValue == "legal@example.jp")
        #expect(dictionary["Name"]?.stringValue?.textValue == "山田 太郎")
        #expect(dictionary["M"]?.stringValue?.textValue.hasPrefix("D:20") == true)
    }

    @Test("adbe.pkcs7.detached carries a signing-time attribute")
    func pkcs7Detached() async throws {
        var options = PDFSignatureOptions()
        options.subFilter = .pkcs7Detached
        let signed = try await PDFSigner(key: SigningFixtures.signer(), options: options).sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        let readback = try SignedPDFReadback(signed)
        #expect(readback.signatureDictionary.name("SubFilter") == "adbe.pkcs7.detached")
        #expect(readback.cms.signers.first?.signedAttributeTypes.contains(CMSObjectIdentifier.Attribute.signingTime) == true)
        #expect(await readback.verify().isValid)
        // No ESIC extension is declared for a non-PAdES signature.
        #expect(try readback.document.catalog()["Extensions"] == nil)
    }

    @Test("signing into a file streams the original and leaves no partial file behind")
    func fileOutput() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pdfsign-file-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.pdf").path
        let output = directory.appendingPathComponent("out.pdf").path
        let original = SigningFixtures.classicPDF()
        FileManager.default.createFile(atPath: input, contents: Data(original))
        let signer = PDFSigner(key: try SigningFixtures.signer())
        try await signer.sign(PDFDocument(contentsOfFile: input), writingTo: output)
        let signed = Array(try Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(Array(signed.prefix(original.count)) == original)
        #expect(try await SignedPDFReadback(signed).verify().isValid)
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
        // The input by another name — relative, through a symbolic link, a hard link — is refused too.
        let symbolic = directory.appendingPathComponent("symbolic.pdf").path
        let hard = directory.appendingPathComponent("hard.pdf").path
        try FileManager.default.createSymbolicLink(atPath: symbolic, withDestinationPath: input)
        try FileManager.default.linkItem(atPath: input, toPath: hard)
        for name in [input, directory.appendingPathComponent("../\(directory.lastPathComponent)/in.pdf").path, symbolic, hard] {
            await #expect(throws: PDFError(.invalidArgument, ""), "\(name)") {
                try await signer.sign(PDFDocument(contentsOfFile: input), writingTo: name)
            }
            // The deferred path (prepare into a file) refuses it the same way.
            #expect(throws: PDFError(.invalidArgument, ""), "\(name)") {
                try PDFSignaturePreparer(options: PDFSignatureOptions()).prepare(PDFDocument(contentsOfFile: input), contentsCapacity: 8192, writingTo: name)
            }
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: input))) == original)
    }

    @Test("a file larger than the copy buffer is copied and hashed completely (kernel copy or fallback)")
    func largeFileOutput() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pdfsign-large-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        builder.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
        // A random piece whose length does not divide the buffer size, repeated past two buffers:
        // a chunk copied to the wrong place would not match.
        let piece = (0..<(64 * 1024 + 7)).map { _ in UInt8.random(in: 0...255) }
        let blob = Array(repeatElement(piece, count: PDFFileCopier.bufferSize * 2 / piece.count + 2).joined())
        builder.stream(4, data: blob)
        builder.classicXref(trailer: "/Size 5 /Root 1 0 R")
        let input = directory.appendingPathComponent("in.pdf").path
        let output = directory.appendingPathComponent("out.pdf").path
        FileManager.default.createFile(atPath: input, contents: Data(builder.bytes))
        try await PDFSigner(key: SigningFixtures.signer()).sign(PDFDocument(contentsOfFile: input), writingTo: output)
        let signed = Array(try Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(signed.count > builder.bytes.count)
        #expect(Array(signed.prefix(builder.bytes.count)) == builder.bytes)
        #expect(try await SignedPDFReadback(signed).verify().isValid)
    }

    @Test("a fixed /Contents capacity that is too small is a typed error")
    func capacityTooSmall() async throws {
        var options = PDFSignatureOptions()
        options.contentsCapacity = 200
        await #expect(throws: PDFError(.signatureTooLarge, "")) {
            try await PDFSigner(key: SigningFixtures.signer(), options: options).sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        }
    }

    @Test("a repaired file is signed with a complete cross-reference section without /Prev")
    func repairedInput() async throws {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        builder.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
        builder.offsets[2, default: 0] += 5
        builder.classicXref(trailer: "/Size 4 /Root 1 0 R")
        let original = try PDFDocument(bytes: builder.bytes)
        #expect(original.wasRepaired)
        let signed = try await PDFSigner(key: SigningFixtures.signer()).sign(original)
        let readback = try SignedPDFReadback(signed)
        #expect(!readback.document.wasRepaired, "\(readback.document.repairNotes)")
        #expect(readback.document.revisions.count == 1)
        #expect(readback.document.trailer["Prev"] == nil)
        #expect(try readback.document.pageCount() == 1)
        #expect(await readback.verify().isValid)
    }
}
