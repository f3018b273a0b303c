import CMSCore
import Foundation
@testable import PDFSign
import Testing
import TimestampClient

/// Our own long-term signatures get the same verdict whatever day they are validated on: at
/// signing, 30 days and a year later (inside the certificates' validity), offline from the DSS
/// alone, with revocation data that was already days old when it was collected — as a real
/// CA's CRLs are (an issuing CA's every 7 days, a root's ARL every 90).
@Suite("Date robustness: our B-T/B-LT/B-LTA verdicts at now, +30 days and +1 year")
struct DateRobustnessTests {
    static let day: TimeInterval = 86_400
    static let offsets: [TimeInterval] = [0, 30 * day, 365 * day]

    /// A revocation source whose CRLs and OCSP responses were issued `age` ago and are current for `validity`.
    static func agedRevocation(age: TimeInterval, validity: TimeInterval) throws -> any RevocationDataSource {
        let issued = Date().addingTimeInterval(-age)
        let window = LocalRevocationAuthority.Validity(nextUpdateOffset: .seconds(validity))
        return try SigningFixtures.pki.revocationDataSource(
            configuration: .init(ocspValidity: window, crlValidity: window, clock: { issued }))
    }

    static func signed(_ level: PAdESLevel, revocation: any RevocationDataSource) async throws -> [UInt8] {
        var signer = PDFSigner(key: try SigningFixtures.signer(), level: level, timestampAuthority: try SigningFixtures.tsa())
        signer.revocationSource = revocation
        signer.extraCertificates = [SigningFixtures.pki.root]
        return try await signer.sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
    }

    static func verdicts(_ bytes: [UInt8], revocation: PDFSignatureValidationPolicy.RevocationSource = .embedded)
        async throws -> [(TimeInterval, PDFSignatureReport)] {
        var verdicts: [(TimeInterval, PDFSignatureReport)] = []
        for offset in offsets {
            var policy = PDFSignatureValidationPolicy(trustAnchors: [SigningFixtures.pki.root], revocation: revocation)
            policy.validationTime = Date().addingTimeInterval(offset)
            let report = await PDFSignatureValidator(policy: policy).validate(try PDFDocument(bytes: bytes))
            verdicts.append((offset, try #require(report.signatures.first)))
        }
        return verdicts
    }

    @Test("B-LT and B-LTA with a week-old issuing-CA CRL and a root ARL: TOTAL-PASSED at every time",
          arguments: [(PAdESLevel.lt, 6.0, 7.0), (.lta, 6.0, 7.0), (.lt, 7.5, 90.0), (.lta, 60.0, 90.0)])
    func longTerm(_ level: PAdESLevel, ageDays: Double, validityDays: Double) async throws {
        let revocation = try Self.agedRevocation(age: ageDays * Self.day, validity: validityDays * Self.day)
        let bytes = try await Self.signed(level, revocation: revocation)
        for (offset, signature) in try await Self.verdicts(bytes) {
            let days = Int(offset / Self.day)
            #expect(signature.indication == .totalPassed, "\(level) at +\(days) d: \(signature.subIndication?.rawValue ?? "") \(signature.findings)")
            #expect(signature.level == level, "\(level) at +\(days) d: level \(signature.level?.rawValue ?? "none")")
            #expect(signature.validationTime == signature.timestampTime, "judged at its proof of existence, at +\(days) d")
        }
    }

    @Test("B-T: offline without validation data the same INDETERMINATE at every time; with revocation data TOTAL-PASSED B-T")
    func timestampOnly() async throws {
        let revocation = try Self.agedRevocation(age: Self.day, validity: 7 * Self.day)
        let bytes = try await Self.signed(.t, revocation: revocation)
        let offline = try await Self.verdicts(bytes)
        for (offset, signature) in offline {
            let days = Int(offset / Self.day)
            // The timestamp's TSA cannot be checked offline, so it proves no time: B-B, INDETERMINATE.
            #expect(signature.level == .b && signature.indication == .indeterminate, "at +\(days) d: \(signature.level?.rawValue ?? "none") \(signature.indication)")
            #expect(signature.subIndication == offline[0].1.subIndication, "at +\(days) d")
            #expect(signature.findings.contains { $0.code == .timestampIndeterminate }, "at +\(days) d: \(signature.findings)")
        }
        let online = try await Self.verdicts(bytes, revocation: .online(revocation))
        for (offset, signature) in online {
            let days = Int(offset / Self.day)
            #expect(signature.level == .t && signature.indication == .totalPassed,
                    "at +\(days) d: \(signature.level?.rawValue ?? "none") \(signature.indication) \(signature.findings)")
        }
    }
}
