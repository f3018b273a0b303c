import ContractModel
import Foundation

/// What an access-log entry records; kept in the `AuditEvent`'s
/// `details["operation"]`, beside the closest `AuditAction`.
public enum ArchiveOperation: String, Hashable, Codable, Sendable, CaseIterable {
    /// A document archived.
    case ingest
    /// A record's metadata or history viewed.
    case view
    /// A document opened (decrypted).
    case download
    /// A search.
    case search
    /// An export (ダウンロードの求め).
    case export
    /// A correction.
    case correct
    /// A legal hold set.
    case hold
    /// A legal hold released.
    case release
    /// A deletion, or a refused one (`details["refused"]`).
    case delete
    /// A verification run.
    case verify
    /// Key rotation.
    case rotateKeys
    /// Evidence records made or renewed (sealing of ingests, the renewal scheduler).
    case preserve

    /// The audit action this operation is logged as.
    public var auditAction: AuditAction {
        switch self {
        case .ingest: .created
        case .view, .search, .verify: .viewed
        case .download, .export: .downloaded
        case .correct, .hold, .release, .rotateKeys, .preserve: .corrected
        case .delete: .cancelled
        }
    }
}

/// The contract id the archive's access log is chained under (one chain per archive).
public let archiveAccessLogID = ContractID("legal-retention-archive")
