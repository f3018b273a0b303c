import CMSCore
import Foundation
import PDFSign
import Testing
import TimestampClient

/// Three placeholders, three signers of the interop PKI in turn, then B-LTA, checked by
/// pyHanko, a PAdES level check, pdfsig and qpdf (`validate-pdf`), and the signed attributes
/// read back by pyHanko's own status objects.
@Suite("Multi-party contract against the interop kit")
struct MultiPartyInteropTests {
    @Test("three placeholders, three signers (RSA, P-256, witness), B-LTA: validate-pdf --expect B-LTA passes; pyHanko reads the commitment and the claimed role")
    func threeSignersToLTA() async throws {
        if let missing = await InteropKit.missing {
            print("SKIPPED MultiPartyInteropTests: \(missing)")
            return
        }
        let tsa = HTTPTimestampAuthority(url: try #require(InteropKit.tsaURL))
        let root = try PEMFiles.certificates(inFile: InteropKit.certificate("root"))
        var bytes = try PDFSignatureFieldAdder().adding(try MultiPartyContractTests.placeholders(), to: PDFDocument(bytes: SigningFixtures.classicPDF()))
        let signers = [("PartyA", "signer-party", "代表取締役"), ("PartyB", "signer-ec", "購買部長"), ("Witness", "signer-witness", "立会人")]
        for (index, (field, name, role)) in signers.enumerated() {
            let key = try SoftwareSigningKey.load(
                keyFile: InteropKit.key(name), certificateFile: InteropKit.certificate(name), chainFiles: [InteropKit.certificate("interm")])
            var options = PDFSignatureOptions()
            options.fieldName = field
            options.commitmentType = .proofOfApproval
            options.claimedRoles = [role]
            var signer = PDFSigner(key: key, options: options, level: index == signers.count - 1 ? .lta : .t, timestampAuthority: tsa)
            signer.extraCertificates = root
            bytes = try await signer.sign(PDFDocument(bytes: bytes))
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("multi-party-\(UUID().uuidString).pdf")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let validation = try await InteropKit.run(InteropKit.validatePDF, [file.path, "--expect", "B-LTA"])
        #expect(validation.status == 0, "\(validation.output)")

        let helper = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".ci/pyhanko-signed-attrs.py").path
        let read = try await InteropKit.run(InteropKit.python, [helper, file.path, InteropKit.certificate("root")])
        #expect(read.status == 0, "\(read.output)")
        let line = try #require(read.output.split(separator: "\n").first { $0.hasPrefix("[") })
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [[String: Any]])
        #expect(parsed.map { $0["field"] as? String } == ["PartyA", "PartyB", "Witness"])
        for (entry, (_, _, role)) in zip(parsed, signers) {
            #expect(entry["intact"] as? Bool == true)
            #expect(entry["commitmentTypes"] as? [String] == ["proof_of_approval"])
            let roles = (entry["claimedAttributes"] as? [String: [String]])?["role"] ?? []
            #expect(roles.count == 1 && roles[0].contains(role), "pyHanko read \(roles)")
        }

        let ours = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: root)).validate(try PDFDocument(bytes: bytes))
        #expect(ours.valid, "\(ours.signatures.map(\.findings))")
        #expect(ours.signatures.map(\.claimedRoles) == signers.map { [$0.2] })
        #expect(ours.signatures.allSatisfy { $0.level == .lta && $0.commitmentType == .proofOfApproval })
    }

    @Test("files attached before signing: validate-pdf --expect B-LTA passes and the files extract byte-identical")
    func attachmentsThenLTA() async throws {
        if let missing = await InteropKit.missing {
            print("SKIPPED MultiPartyInteropTests.attachmentsThenLTA: \(missing)")
            return
        }
        let attached = try AttachmentTests.attached()
        let key = try SoftwareSigningKey.load(
            keyFile: InteropKit.key("signer-party"), certificateFile: InteropKit.certificate("signer-party"), chainFiles: [InteropKit.certificate("interm")])
        var signer = PDFSigner(key: key, level: .lta, timestampAuthority: HTTPTimestampAuthority(url: try #require(InteropKit.tsaURL)))
        signer.extraCertificates = try PEMFiles.certificates(inFile: InteropKit.certificate("root"))
        let signed = try await signer.sign(PDFDocument(bytes: attached))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("attached-lta-\(UUID().uuidString).pdf")
        try Data(signed).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let validation = try await InteropKit.run(InteropKit.validatePDF, [file.path, "--expect", "B-LTA"])
        #expect(validation.status == 0, "\(validation.output)")
        let document = try PDFDocument(bytes: signed)
        #expect(try document.attachments().map { try document.data(of: $0) } == [AttachmentTests.terms, AttachmentTests.blob])
    }
}
