import CMSCore
import Foundation
import TimestampClient

/// The TSA as a batch sees it: the first time, the real authority, its token persisted in the
/// run before anything else happens; after a crash, the token stored in the run (no second call).
struct PreservationRunAuthority: TimestampAuthority {
    let run: PreservationRun
    let authority: any TimestampAuthority
    let index: any PreservationIndex
    let calls: CallCounter
    let stamped: (@Sendable () -> Void)?

    var preferredDigestAlgorithm: DigestAlgorithm { authority.preferredDigestAlgorithm }

    func timestamp(digest: [UInt8], algorithm: DigestAlgorithm) async throws -> TimestampToken {
        if let stored = run.token { return try TimestampToken(derEncoded: stored) }
        await calls.add()
        let token = try await authority.timestamp(digest: digest, algorithm: algorithm)
        try await index.setRunToken(run.id, token: token.derEncoded)
        stamped?()
        return token
    }
}

/// Counts TSA calls.
actor CallCounter {
    private(set) var count = 0
    func add() { count += 1 }
}
