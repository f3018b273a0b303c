/// Where a contract is in its life.
///
/// ```
/// draft ─send→ sent ─sign→ inProgress ─complete→ completed
///               │  └──────────┴─ decline → declined(reason)
///               │             ├─ cancel  → cancelled(reason)   (also from draft)
///               │             ├─ expire  → expired
///               └─────────────┴─ correct → sent (new version, everyone re-invited)
/// ```
public enum ContractState: Hashable, Codable, Sendable {
    /// Being prepared; nobody is invited.
    case draft
    /// Invitations are out; nobody has signed yet.
    case sent
    /// At least one participant has signed or approved.
    case inProgress
    /// Everyone who must act has; the document is final.
    case completed
    /// A participant declined.
    case declined(reason: String)
    /// The sender withdrew the contract.
    case cancelled(reason: String)
    /// The deadline passed before completion.
    case expired

    /// The state without its reason, for tables and errors.
    public enum Kind: String, Hashable, Codable, Sendable, CaseIterable {
        case draft, sent, inProgress, completed, declined, cancelled, expired
    }

    /// This state's kind.
    public var kind: Kind {
        switch self {
        case .draft: .draft
        case .sent: .sent
        case .inProgress: .inProgress
        case .completed: .completed
        case .declined: .declined
        case .cancelled: .cancelled
        case .expired: .expired
        }
    }

    /// Whether no further transition is possible.
    public var isFinal: Bool { [.completed, .declined, .cancelled, .expired].contains(kind) }
}

/// A workflow action that may change a contract's state.
public enum ContractAction: String, Hashable, Codable, Sendable, CaseIterable {
    /// Edit a draft (title, participants, metadata).
    case edit
    /// Send the invitations.
    case send
    /// A participant opens the document.
    case view
    /// A participant satisfies a second factor.
    case authenticate
    /// A signer signs.
    case sign
    /// An approver approves.
    case approve
    /// A participant declines.
    case decline
    /// The sender withdraws the contract.
    case cancel
    /// The sender corrects a sent contract: a new version, everyone re-invited.
    case correct
    /// A reminder goes to those still to act.
    case remind
    /// The deadline passed.
    case expire
    /// The last required participant acted.
    case complete
}
