import CMSCore
import Foundation
@testable import PDFSign
import Testing
import TimestampClient

/// Deferred signing across processes: phase one stores a `PDFPendingSignature` as JSON and
/// drops every object; phase two decodes it, gets the signature value, timestamps and extends.
@Suite("Deferred signing resumed from JSON (B-T, B-LTA)")
struct DeferredResumeTests {
    /// Phase one in its own scope: only the JSON and the prepared file outlive it.
    static func phaseOne(chain: [Certificate], level: PAdESLevel, path: String, configure: (inout PDFSignatureOptions) -> Void = { _ in }) async throws -> Data {
        let certificatesOnly = ExternalSigningKey(certificateChain: chain) { _ in
            throw PDFError(.invalidArgument, "phase one never signs")
        }
        var options = PDFSignatureOptions()
        options.commitmentType = .proofOfApproval
        configure(&options)
        let signer = PDFSigner(key: certificatesOnly, options: options, level: level)
        let pending = try await signer.prepareDeferred(PDFDocument(bytes: SigningFixtures.classicPDF()), writingTo: path)
        return try JSONEncoder().encode(pending)
    }

    @Test("sandbox: prepare, JSON, resume, sign the request, finish at B-LTA; our validator reaches B-LTA with the commitment type")
    func sandboxLTA() async throws {
        let key = try SigningFixtures.signer("party")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pending-\(UUID().uuidString).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let stored = try await Self.phaseOne(chain: key.certificateChain, level: .lta, path: path)

        let pending = try JSONDecoder().decode(PDFPendingSignature.self, from: stored)
        #expect(pending.level == .lta)
        let value = try await key.sign(pending.signatureRequest)
        let tsa = try SigningFixtures.tsa()
        let ltv = PDFLongTermValidation(revocationSource: try SigningFixtures.pki.revocationDataSource(), timestampAuthority: tsa,
                                        extraCertificates: [SigningFixtures.pki.root])
        // A wrong value is refused and the prepared file stays usable.
        let wrong = try await SigningFixtures.signer("other").sign(pending.signatureRequest)
        await #expect(throws: CMSError.self) { try await pending.finish(signatureValue: wrong, fileAt: path, timestampAuthority: tsa, longTermValidation: ltv) }
        try await pending.finish(signatureValue: value, fileAt: path, timestampAuthority: tsa, longTermValidation: ltv)

        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let report = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [SigningFixtures.pki.root])).validate(try PDFDocument(bytes: bytes))
        let signature = try #require(report.signatures.first)
        #expect(report.valid && signature.level == .lta && signature.commitmentType == .proofOfApproval, "\(signature)")
        #expect(report.documentTimestamps.count == 1)
    }

    @Test("interop PKI: resumed from JSON and finished at B-T, pyHanko validates it (validate-pdf --expect B-T)")
    func interopBT() async throws {
        if let missing = await InteropKit.missing {
            print("SKIPPED DeferredResumeTests.interopBT: \(missing)")
            return
        }
        let key = try SoftwareSigningKey.load(
            keyFile: InteropKit.key("signer-ec"), certificateFile: InteropKit.certificate("signer-ec"), chainFiles: [InteropKit.certificate("interm")])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pending-\(UUID().uuidString).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let stored = try await Self.phaseOne(chain: key.certificateChain, level: .t, path: path) { $0.claimedRoles = ["代表取締役"] }

        let pending = try JSONDecoder().decode(PDFPendingSignature.self, from: stored)
        let value = try await key.sign(pending.signatureRequest)
        try await pending.finish(signatureValue: value, fileAt: path, timestampAuthority: HTTPTimestampAuthority(url: try #require(InteropKit.tsaURL)))
        let validation = try await InteropKit.run(InteropKit.validatePDF, [path, "--expect", "B-T"])
        #expect(validation.status == 0, "\(validation.output)")
    }
}
