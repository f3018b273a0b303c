import CMSCore
import Foundation
@testable import PDFSign
import Testing

/// B-LT and B-LTA on files (streaming): the signer's file path, `extend(fileAt:…)` in place and
/// to another file, and a failed extension that leaves the file as it was.
@Suite("Long-term validation on files")
struct FileExtensionTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).pdf").path
    }

    static func ltv() throws -> PDFLongTermValidation {
        PDFLongTermValidation(revocationSource: try SigningFixtures.pki.revocationDataSource(), timestampAuthority: try SigningFixtures.tsa(),
                              extraCertificates: [SigningFixtures.pki.root], issuerSource: nil)
    }

    static func report(_ path: String) async throws -> PDFValidationReport {
        let policy = PDFSignatureValidationPolicy(trustAnchors: [SigningFixtures.pki.root])
        return await PDFSignatureValidator(policy: policy).validate(try PDFDocument(contentsOfFile: path))
    }

    /// The files in the temporary directory that a step left behind next to `path`.
    static func leftovers(of path: String) throws -> [String] {
        let name = URL(fileURLWithPath: path).lastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix(name) && $0 != name }
    }

    @Test("PDFSigner.sign(_:writingTo:) at B-LTA: valid, B-LTA, one document timestamp, nothing left beside it")
    func signerWritesLTA() async throws {
        let input = Self.temporaryPath("in"), output = Self.temporaryPath("out")
        defer { for path in [input, output] { try? FileManager.default.removeItem(atPath: path) } }
        try Data(SigningFixtures.classicPDF()).write(to: URL(fileURLWithPath: input))
        var signer = PDFSigner(key: try SigningFixtures.signer(), level: .lta, timestampAuthority: try SigningFixtures.tsa())
        signer.revocationSource = try SigningFixtures.pki.revocationDataSource()
        signer.extraCertificates = [SigningFixtures.pki.root]
        signer.issuerSource = nil
        try await signer.sign(PDFDocument(contentsOfFile: input), writingTo: output)
        let report = try await Self.report(output)
        #expect(report.valid && report.signatures.first?.level == .lta, "\(report)")
        #expect(report.documentTimestamps.count == 1)
        #expect(try Self.leftovers(of: output).isEmpty)
    }

    @Test("extend(fileAt:to:writingTo:) in place: B-T becomes B-LT, then B-LTA; each step keeps the earlier bytes as a prefix")
    func extendInPlace() async throws {
        let path = Self.temporaryPath("ltv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await PDFSigner(key: try SigningFixtures.signer(), timestampAuthority: try SigningFixtures.tsa()).sign(PDFDocument(bytes: SigningFixtures.classicPDF()), writingTo: path)
        let signed = try Data(contentsOf: URL(fileURLWithPath: path))

        try await Self.ltv().extend(fileAt: path, to: .lt, writingTo: path)
        let withData = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(withData.count > signed.count && withData.prefix(signed.count) == signed)
        #expect(try await Self.report(path).signatures.first?.level == .lt)

        try await Self.ltv().extend(fileAt: path, to: .lta, writingTo: path)
        let archived = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(archived.prefix(withData.count) == withData)
        let report = try await Self.report(path)
        #expect(report.valid && report.signatures.first?.level == .lta, "\(report)")
        #expect(try Self.leftovers(of: path).isEmpty)
    }

    @Test("a failed extension (no TSA for B-LTA; a level below B-LT; no signatures) throws typed and leaves the file as it was")
    func failureLeavesFile() async throws {
        let path = Self.temporaryPath("keep"), unsigned = Self.temporaryPath("unsigned")
        defer { for file in [path, unsigned] { try? FileManager.default.removeItem(atPath: file) } }
        try await PDFSigner(key: try SigningFixtures.signer()).sign(PDFDocument(bytes: SigningFixtures.classicPDF()), writingTo: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var noTSA = try Self.ltv()
        noTSA.timestampAuthority = nil
        await #expect(throws: PDFError.self) { try await noTSA.extend(fileAt: path, to: .lta, writingTo: path) }
        await #expect(throws: PDFError.self) { try await Self.ltv().extend(fileAt: path, to: .t, writingTo: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try Self.leftovers(of: path).isEmpty)

        try Data(SigningFixtures.classicPDF()).write(to: URL(fileURLWithPath: unsigned))
        let error = await #expect(throws: PDFError.self) { try await Self.ltv().extend(fileAt: unsigned, to: .lt, writingTo: unsigned) }
        #expect(error?.code == .notSignable)
        #expect(try Data(contentsOf: URL(fileURLWithPath: unsigned)) == Data(SigningFixtures.classicPDF()))
    }
}
