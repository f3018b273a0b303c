import CMSCore
import Foundation
@testable import PDFSign
import Testing

/// Adding validation data to a file another signature already extended keeps that signature's
/// /VRI entry exactly as it was (pyHanko calls a rewritten entry an illegal modification).
@Suite("DSS: /VRI entries are added, never rewritten")
struct VRIEntryTests {
    /// The VRI dictionary of the newest DSS.
    static func vri(_ bytes: [UInt8]) throws -> (PDFDocument, PDFDictionary) {
        let document = try PDFDocument(bytes: bytes)
        let dssObject = try #require(try document.catalog()["DSS"])
        let dss = try #require(try document.resolve(dssObject).dictionaryValue)
        let vriObject = try #require(dss["VRI"])
        return (document, try #require(try document.resolve(vriObject).dictionaryValue))
    }

    /// A revocation source whose CRLs and OCSP responses are issued at `clock`, so that two
    /// rounds fetch different evidence.
    static func revocation(at clock: Date) throws -> any RevocationDataSource {
        try SigningFixtures.pki.revocationDataSource(configuration: .init(clock: { clock }))
    }

    @Test("a second B-LT signature adds its own entry and leaves the first one's untouched")
    func secondSignatureKeepsTheFirstEntry() async throws {
        var first = PDFSigner(key: try SigningFixtures.signer(), level: .lt, timestampAuthority: try SigningFixtures.tsa())
        first.revocationSource = try Self.revocation(at: Date().addingTimeInterval(-7_200))
        first.extraCertificates = [SigningFixtures.pki.root]
        let once = try await first.sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        let (_, before) = try Self.vri(once)
        #expect(!before.entries.isEmpty)

        var second = PDFSigner(key: try SigningFixtures.signer("second"), level: .lt, timestampAuthority: try SigningFixtures.tsa())
        second.revocationSource = try Self.revocation(at: Date())
        second.extraCertificates = [SigningFixtures.pki.root]
        let twice = try await second.sign(PDFDocument(bytes: once))
        let (document, after) = try Self.vri(twice)
        #expect(after.entries.count > before.entries.count, "the second signature gets its own entry")
        for entry in before.entries {
            let old = try PDFDocument(bytes: once).resolve(entry.value)
            let kept = try #require(after[entry.key], "entry \(entry.key) is kept")
            let new = try document.resolve(kept)
            #expect(old == new, "VRI entry \(entry.key) was rewritten")
        }
        // The newer evidence is in the DSS all the same, and both signatures validate.
        let report = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [SigningFixtures.pki.root]))
            .validate(document)
        #expect(report.signatures.count == 2 && report.signatures.allSatisfy { $0.indication == .totalPassed },
                "\(report.signatures.map { "\($0.indication) \($0.findings)" })")
    }
}
