/// A member's role in an organisation.
public enum MemberRole: String, Hashable, Codable, Sendable, CaseIterable {
    /// Everything.
    case owner
    /// Everything.
    case admin
    /// Create, edit, send, cancel, read and download; the audit trail of their own contracts.
    case editor
    /// Read and download.
    case viewer

    var permissions: Set<Permission> {
        switch self {
        case .owner, .admin: [.read, .create, .edit, .send, .cancel, .download, .audit]
        case .editor: [.read, .create, .edit, .send, .cancel, .download]
        case .viewer: [.read, .download]
        }
    }
}

/// Extra permissions for a member on one folder or one contract.
public struct AccessGrant: Hashable, Codable, Sendable {
    /// The member.
    public var userID: UserID
    /// The permissions granted.
    public var permissions: Set<Permission>
    /// A grant.
    public init(userID: UserID, permissions: Set<Permission>) {
        self.userID = userID
        self.permissions = permissions
    }
}

/// The shipped ``AccessPolicy``: organisation members with roles, folder and contract grants,
/// IP allow-lists and an MFA requirement. Anything not granted is denied.
///
/// - Members: ``members`` maps (organisation, user) to a ``MemberRole``; a role's permissions
///   apply to every folder. A contract's owner also gets `audit` on it.
/// - Folders: ``folderGrants`` add permissions within one folder (restricted folders: give
///   members the `viewer` role and grant editors per folder).
/// - Contracts: ``contractGrants`` add permissions on one contract.
/// - Network: members must come from ``memberIPAllowList``, participants from
///   ``participantIPAllowList`` (empty: any address; an unparseable or missing address is denied
///   when a list is set).
/// - MFA: with ``requiresMFA``, members need ``AuthenticationContext/mfaSatisfied``.
///
/// Participants get only `participate` (the workflow binds them to their own contract and link).
public struct OrganisationAccessPolicy: AccessPolicy {
    /// Member roles by organisation and user.
    public var members: [String: [UserID: MemberRole]]
    /// Grants by organisation, then folder.
    public var folderGrants: [String: [String: [AccessGrant]]]
    /// Grants by contract.
    public var contractGrants: [ContractID: [AccessGrant]]
    /// Where members may connect from.
    public var memberIPAllowList: [CIDRRange]
    /// Where participants may connect from.
    public var participantIPAllowList: [CIDRRange]
    /// Whether members need an MFA session.
    public var requiresMFA: Bool

    /// A policy.
    public init(members: [String: [UserID: MemberRole]] = [:], folderGrants: [String: [String: [AccessGrant]]] = [:],
                contractGrants: [ContractID: [AccessGrant]] = [:], memberIPAllowList: [CIDRRange] = [],
                participantIPAllowList: [CIDRRange] = [], requiresMFA: Bool = false) {
        self.members = members
        self.folderGrants = folderGrants
        self.contractGrants = contractGrants
        self.memberIPAllowList = memberIPAllowList
        self.participantIPAllowList = participantIPAllowList
        self.requiresMFA = requiresMFA
    }

    /// The decision for `request`.
    public func decide(_ request: AccessRequest) async -> AccessDecision {
        switch request.caller {
        case .system:
            return .allow
        case .participant(_, let info):
            guard request.permission == .participate else { return .deny(.missingPermission) }
            return Self.allowed(info.ipAddress, by: participantIPAllowList) ? .allow : .deny(.ipNotAllowed)
        case .member(let context):
            guard let role = members[request.organisationID]?[context.userID] else { return .deny(.notMember) }
            guard Self.allowed(context.request.ipAddress, by: memberIPAllowList) else { return .deny(.ipNotAllowed) }
            if requiresMFA, !context.mfaSatisfied { return .deny(.mfaRequired) }
            var permissions = role.permissions
            if let folder = request.folderID {
                for grant in folderGrants[request.organisationID]?[folder] ?? [] where grant.userID == context.userID {
                    permissions.formUnion(grant.permissions)
                }
            }
            if let contract = request.contractID {
                for grant in contractGrants[contract] ?? [] where grant.userID == context.userID { permissions.formUnion(grant.permissions) }
            }
            if request.ownerID == context.userID, role != .viewer { permissions.insert(.audit) }
            return permissions.contains(request.permission) ? .allow : .deny(.missingPermission)
        }
    }

    static func allowed(_ address: String?, by list: [CIDRRange]) -> Bool {
        guard !list.isEmpty else { return true }
        guard let address, let parsed = IPAddress(address) else { return false }
        return list.contains { $0.contains(parsed) }
    }
}
