@testable import CMSCore
import Foundation
import Testing
import TestSupport

private typealias PKI = RevocationTestPKI

/// The freshness rule (RFC 5280 §6.3.3, ETSI EN 319 102-1 §5.2.5) on real CRLs and OCSP
/// responses issued by the in-process authority at chosen times: a piece of evidence is judged
/// by its own thisUpdate/nextUpdate at the time validated, never by how old it is today.
@Suite struct RevocationFreshnessTests {
    static let day: TimeInterval = 86_400

    /// A CRL of the test CA issued at `issued`, with nextUpdate `nextUpdateDays` later (or none).
    static func crl(issued: Date, nextUpdateDays: Double?) async throws -> [UInt8] {
        let authority = try LocalRevocationAuthority(
            issuer: TestPKI.intermediate, issuerKey: PKI.caKey,
            revocations: [.init(certificate: PKI.revoked, revocationTime: PKI.revocationTime, reason: .keyCompromise)],
            configuration: .init(crlValidity: .init(nextUpdateOffset: nextUpdateDays.map { .seconds($0 * day) }),
                                 clock: { issued }))
        return try await authority.currentCRL()
    }

    static func status(_ crl: [UInt8], at time: Date, constraint: Duration? = nil) async -> RevocationStatus {
        var policy = RevocationPolicy.offline(RevocationData(crls: [crl]), preference: .crlOnly)
        policy.freshnessConstraint = constraint
        return await RevocationChecker(policy: policy).status(of: PKI.good, issuer: TestPKI.intermediate, at: time)
    }

    /// The case that broke CI: an ARL-like CRL issued a week ago, current for 90 days.
    @Test func oldCRLWithinItsNextUpdateIsCurrent() async throws {
        let issued = PKI.now.addingTimeInterval(-7 * Self.day - 3_600)
        let crl = try await Self.crl(issued: issued, nextUpdateDays: 90)
        for offset in [0.0, 30, 80] {
            let status = await Self.status(crl, at: PKI.now.addingTimeInterval(offset * Self.day))
            #expect(status.outcome == .good, "at now + \(offset) days: \(status.outcome)")
        }
    }

    @Test func pastNextUpdateIsStale() async throws {
        let issued = PKI.now.addingTimeInterval(-100 * Self.day)
        let crl = try await Self.crl(issued: issued, nextUpdateDays: 90)
        let status = await Self.status(crl, at: PKI.now)
        #expect(PKI.unknownReason(status)?.contains("stale: nextUpdate") == true, "\(status.outcome)")
        // Still current for a time inside its window.
        let inside = await Self.status(crl, at: issued.addingTimeInterval(89 * Self.day))
        #expect(inside.outcome == .good, "\(inside.outcome)")
    }

    @Test func issuedAfterTheValidationTimeSpeaksForIt() async throws {
        let crl = try await Self.crl(issued: PKI.now, nextUpdateDays: 1)
        let status = await Self.status(crl, at: PKI.now.addingTimeInterval(-400 * Self.day))
        #expect(status.outcome == .good, "\(status.outcome)")
        let revoked = await RevocationChecker(policy: .offline(RevocationData(crls: [crl]), preference: .crlOnly))
            .status(of: PKI.revoked, issuer: TestPKI.intermediate, at: PKI.now)
        guard case .revoked = revoked.outcome else {
            Issue.record("a revoked certificate on a later CRL must stay revoked: \(revoked.outcome)")
            return
        }
    }

    @Test func withoutNextUpdateTheMaximumAgeApplies() async throws {
        let issued = PKI.now.addingTimeInterval(-3 * Self.day)
        let crl = try await Self.crl(issued: issued, nextUpdateDays: nil)
        #expect(await Self.status(crl, at: PKI.now).outcome == .good)
        let stale = await Self.status(crl, at: issued.addingTimeInterval(8 * Self.day))
        #expect(PKI.unknownReason(stale)?.contains("no nextUpdate") == true, "\(stale.outcome)")
    }

    @Test func aPolicyFreshnessConstraintIsStricterThanNextUpdate() async throws {
        let issued = PKI.now.addingTimeInterval(-7 * Self.day - 3_600)
        let crl = try await Self.crl(issued: issued, nextUpdateDays: 90)
        let strict = await Self.status(crl, at: PKI.now, constraint: .seconds(Self.day))
        #expect(PKI.unknownReason(strict)?.contains("freshness constraint") == true, "\(strict.outcome)")
        let loose = await Self.status(crl, at: PKI.now, constraint: .seconds(30 * Self.day))
        #expect(loose.outcome == .good, "\(loose.outcome)")
    }

    @Test func evidenceFromTheFutureIsRefused() async throws {
        let crl = try await Self.crl(issued: PKI.now.addingTimeInterval(2 * Self.day), nextUpdateDays: 7)
        let status = await Self.status(crl, at: PKI.now)
        #expect(PKI.unknownReason(status)?.contains("in the future") == true, "\(status.outcome)")
    }

    @Test func ocspResponsesFollowTheSameRule() async throws {
        let issued = PKI.now.addingTimeInterval(-20 * Self.day)
        let authority = try LocalRevocationAuthority(
            issuer: TestPKI.intermediate, issuerKey: PKI.caKey,
            configuration: .init(ocspValidity: .init(nextUpdateOffset: .seconds(60 * Self.day)), clock: { issued }))
        let der = try #require(try await authority.ocspResponse(for: PKI.good, issuer: TestPKI.intermediate))
        let status = await PKI.offline(PKI.good, RevocationData(ocspResponses: [der]), preference: .ocspOnly)
        #expect(status.outcome == .good, "\(status.outcome)")
        let late = await PKI.offline(PKI.good, RevocationData(ocspResponses: [der]),
                                     at: issued.addingTimeInterval(61 * Self.day), preference: .ocspOnly)
        #expect(PKI.unknownReason(late)?.contains("stale") == true, "\(late.outcome)")
    }
}
