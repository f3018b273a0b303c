import CMSCore
import ContractModel
import Foundation
import TimestampClient

/// How `econtract archive` anchors its access log: every `--anchor-every` events the chain's head
/// is timestamped (RFC 3161) by `--tsa URL`, or by the sandbox TSA in ARCHIVE/sandbox when no URL
/// is given (offline; not a real TSA). `--no-anchor` turns it off.
enum ArchiveAnchoringFactory {
    static func make(_ options: ArchiveOptions, root: URL) throws -> (any AuditAnchoring)? {
        if options.noAnchor { return nil }
        if let url = options.tsa {
            return TimestampAuditAnchoring(authority: HTTPTimestampAuthority(url: try parseHTTPURL(url, option: "--tsa")))
        }
        return TimestampAuditAnchoring(authority: LazySandboxTimestampAuthority(directory: root.appendingPathComponent("sandbox")))
    }
}

/// The sandbox TSA, opened (and created on first use) only when a timestamp is asked for, so
/// commands that do not reach an anchor never touch the sandbox PKI.
struct LazySandboxTimestampAuthority: TimestampAuthority {
    let directory: URL

    func timestamp(digest: [UInt8], algorithm: DigestAlgorithm) async throws -> TimestampToken {
        try await ERSAuthority.sandboxTSA(directory).timestamp(digest: digest, algorithm: algorithm)
    }
}
