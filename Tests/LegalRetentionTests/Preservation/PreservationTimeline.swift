import CMSCore
import Foundation
import TestSupport
import TimestampClient
import X509

/// TSAs whose certificates end on chosen days, so the scheduler's choices are fixed — never today's date.
struct PreservationTimeline: Sendable {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    let root: TestPKI.Identity

    init() throws {
        root = try TestPKI.makeRoot(name: "Preservation Test Root", notBefore: Self.date("2025-01-01T00:00:00Z"), notAfter: Self.date("2060-01-01T00:00:00Z"))
    }

    /// A TSA whose certificate runs from 2026-01-01 to `notAfter`, stamping at `time`.
    func tsa(until notAfter: String, at time: String) throws -> CountingTSA {
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            Critical(try ExtendedKeyUsage([.timeStamping]))
        }
        let identity = try TestPKI.issue(name: "TSA until \(notAfter)", by: root, extensions: extensions, notBefore: Self.date("2026-01-01T00:00:00Z"),
                                         notAfter: Self.date(notAfter))
        let when = Self.date(time)
        return CountingTSA(inner: LocalTimestampAuthority(key: try identity.provider(), policy: TestPKI.policy, clock: { when }))
    }

    var trust: TimestampVerificationPolicy { TimestampVerificationPolicy(trustAnchors: [root.certificate]) }
}

actor TSACalls {
    var count = 0
    func add() { count += 1 }
}

/// Counts the TSA calls.
struct CountingTSA: TimestampAuthority {
    let inner: LocalTimestampAuthority
    let calls = TSACalls()
    var preferredDigestAlgorithm: DigestAlgorithm { .sha256 }
    var count: Int { get async { await calls.count } }
    func timestamp(digest: [UInt8], algorithm: DigestAlgorithm) async throws -> TimestampToken {
        await calls.add()
        return try await inner.timestamp(digest: digest, algorithm: algorithm)
    }
}
