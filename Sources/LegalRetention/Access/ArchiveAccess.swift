import ContractModel
import Foundation

/// What an access-log entry records; kept in the ``ContractModel/AuditEvent``'s
/// `details["operation"]`, beside the closest ``ContractModel/AuditAction``.
public enum ArchiveOperation: String, Hashable, Codable, Sendable, CaseIterable {
    case ingest, view, download, search, export, correct, hold, release, delete, verify, rotateKeys

    /// The audit action this operation is logged as.
    public var auditAction: AuditAction {
        switch self {
        case .ingest: .created
        case .view, .search, .verify: .viewed
        case .download, .export: .downloaded
        case .correct, .hold, .release, .rotateKeys: .corrected
        case .delete: .cancelled
        }
    }
}

/// The contract id the archive's access log is chained under (one chain per archive).
public let archiveAccessLogID = ContractID("legal-retention-archive")
