import Foundation

/// A contract (DocuSign's envelope): a PDF and its attachments, the participants who act on
/// it, its state and its archive metadata.
///
/// A ``Contract`` is a value: the ``ContractWorkflow`` loads it from a ``ContractStore``,
/// changes it through checked transitions and saves it with its audit events.
public struct Contract: Hashable, Codable, Sendable, Identifiable {
    /// The contract's identifier.
    public var id: ContractID
    /// The content version: 1 at creation, one more for each correction.
    public var version: Int
    /// The title shown to participants.
    public var title: String
    /// The primary PDF of the current version, as uploaded (unsigned).
    public var document: DocumentReference
    /// The latest revision of the primary PDF, with every signature so far (`document` before the first).
    public var latestRevision: DocumentReference
    /// Attachments (PDFs or other files) that are not signed.
    public var attachments: [DocumentReference]
    /// The owning organisation.
    public var organisationID: String
    /// The folder within the organisation (`nil`: the top level).
    public var folderID: String?
    /// The member who owns (sends) the contract.
    public var ownerID: UserID
    /// After this moment an unfinished contract expires (see ``ContractWorkflow/processDue(at:)``).
    public var deadline: Date?
    /// Archive metadata (取引年月日, 取引金額, 取引先, 書類の種類, 契約期間).
    public var metadata: ArchiveMetadata
    /// The participants, in the order given.
    public var participants: [Participant]
    /// The state.
    public var state: ContractState
    /// Earlier versions (each correction appends the version it replaces).
    public var history: [ContractVersion]
    /// When the contract was created.
    public var createdAt: Date
    /// When it was last sent (or re-sent after a correction).
    public var sentAt: Date?
    /// When it completed.
    public var completedAt: Date?

    /// The participant with `id`.
    public func participant(_ id: ParticipantID) -> Participant? { participants.first { $0.id == id } }

    /// The lowest order group that still has a participant who must act and has not, or `nil`
    /// when everyone required has acted.
    public var activeOrderGroup: Int? {
        participants.filter { !$0.isDone }.map(\.orderGroup).min()
    }

    /// Whether every participant who must act has signed or approved.
    public var allRequiredDone: Bool { activeOrderGroup == nil }

    mutating func update(_ id: ParticipantID, _ change: (inout Participant) -> Void) {
        if let index = participants.firstIndex(where: { $0.id == id }) { change(&participants[index]) }
    }
}

/// A replaced version of a contract, kept for the record when a sent contract is corrected.
public struct ContractVersion: Hashable, Codable, Sendable {
    /// The version number that was replaced.
    public var version: Int
    /// Its primary PDF.
    public var document: DocumentReference
    /// Its latest signed revision when it was replaced.
    public var latestRevision: DocumentReference
    /// When it was replaced.
    public var replacedAt: Date
    /// Why it was corrected.
    public var reason: String
}

/// What a sender supplies to create a contract.
public struct ContractDraft: Hashable, Codable, Sendable {
    /// The title.
    public var title: String
    /// The owning organisation.
    public var organisationID: String
    /// The folder (`nil`: top level).
    public var folderID: String?
    /// The deadline.
    public var deadline: Date?
    /// Archive metadata.
    public var metadata: ArchiveMetadata
    /// Participants (their state is reset to pending).
    public var participants: [Participant]

    /// A draft.
    public init(title: String, organisationID: String, folderID: String? = nil, deadline: Date? = nil,
                metadata: ArchiveMetadata = .init(), participants: [Participant]) {
        self.title = title
        self.organisationID = organisationID
        self.folderID = folderID
        self.deadline = deadline
        self.metadata = metadata
        self.participants = participants
    }

    /// Checks the draft; throws ``ContractError/Code/invalidArgument``.
    func validate() throws {
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw ContractError(.invalidArgument, "the title is empty") }
        guard participants.contains(where: { $0.role.mustAct }) else {
            throw ContractError(.invalidArgument, "a contract needs at least one signer or approver")
        }
        guard Set(participants.map(\.id)).count == participants.count else {
            throw ContractError(.invalidArgument, "participant identifiers must be unique")
        }
        for participant in participants {
            guard participant.email.contains("@"), !participant.email.hasPrefix("@"), !participant.email.hasSuffix("@") else {
                throw ContractError(.invalidArgument, "participant \(participant.id) has no valid e-mail address")
            }
            guard participant.orderGroup >= 0 else { throw ContractError(.invalidArgument, "order groups start at 0") }
            if participant.role == .signer, let policy = participant.witnessPolicy {
                guard !policy.requiredFactors.isEmpty else {
                    throw ContractError(.invalidArgument, "witness signer \(participant.id) needs at least one second factor")
                }
                if policy.requiredFactors.contains(.smsOTP), participant.phone == nil {
                    throw ContractError(.invalidArgument, "witness signer \(participant.id) needs a phone number for SMS OTP")
                }
            }
        }
    }
}
