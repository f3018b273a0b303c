import Foundation

/// What a caller wants to do with a contract.
public enum Permission: String, Hashable, Codable, Sendable, CaseIterable {
    /// See the contract and its status.
    case read
    /// Create contracts in a folder.
    case create
    /// Change a draft or correct a sent contract.
    case edit
    /// Send invitations and reminders.
    case send
    /// Cancel (withdraw) a contract.
    case cancel
    /// Download documents.
    case download
    /// Read and verify the audit trail.
    case audit
    /// Act as a participant (open the invitation, authenticate, sign, decline).
    case participate
}

/// What the host knows about a signed-in organisation member.
public struct AuthenticationContext: Hashable, Codable, Sendable {
    /// The member.
    public var userID: UserID
    /// Whether the member's session was established with multi-factor authentication.
    public var mfaSatisfied: Bool
    /// The client.
    public var request: RequestInfo

    /// A context.
    public init(userID: UserID, mfaSatisfied: Bool = false, request: RequestInfo = .init()) {
        self.userID = userID
        self.mfaSatisfied = mfaSatisfied
        self.request = request
    }
}

/// Who is asking.
public enum Caller: Hashable, Sendable {
    /// A signed-in organisation member.
    case member(AuthenticationContext)
    /// A participant, identified by an invitation link (or, for party signing, by the host).
    case participant(ParticipantID, RequestInfo)
    /// The platform itself (the scheduler).
    case system

    /// The client, if any.
    public var request: RequestInfo? {
        switch self {
        case .member(let context): context.request
        case .participant(_, let request): request
        case .system: nil
        }
    }

    var auditActor: AuditActor {
        switch self {
        case .member(let context): .member(context.userID)
        case .participant(let id, _): .participant(id)
        case .system: .system
        }
    }
}

/// A question to the ``AccessPolicy``.
public struct AccessRequest: Hashable, Sendable {
    /// Who.
    public var caller: Caller
    /// What.
    public var permission: Permission
    /// The organisation that owns the contract.
    public var organisationID: String
    /// The folder.
    public var folderID: String?
    /// The contract (`nil` when creating).
    public var contractID: ContractID?
    /// The contract's owner.
    public var ownerID: UserID?
}

/// Why access was denied.
public enum AccessDenial: String, Hashable, Codable, Sendable {
    /// The caller is not a member of the organisation.
    case notMember
    /// The caller's role and grants do not include the permission.
    case missingPermission
    /// The client's IP address is missing or outside the allow-list.
    case ipNotAllowed
    /// The organisation requires MFA and the session has none.
    case mfaRequired
}

/// The answer.
public enum AccessDecision: Hashable, Sendable {
    /// Go ahead.
    case allow
    /// Refused, with the reason (audited as `accessDenied`).
    case deny(AccessDenial)
}

/// Decides whether a caller may read or change a contract. The workflow asks it before every
/// API that reads or changes a contract; a denial is audited and thrown as
/// ``ContractError/Code/accessDenied``. Implementations must deny by default.
public protocol AccessPolicy: Sendable {
    /// The decision for `request`.
    func decide(_ request: AccessRequest) async -> AccessDecision
}
