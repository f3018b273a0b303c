import Foundation

/// What a participant does in a contract (after Documenso's recipient roles).
public enum ParticipantRole: String, Hashable, Codable, Sendable, CaseIterable {
    /// Signs the document; required for completion.
    case signer
    /// Approves without signing the PDF; required for completion.
    case approver
    /// May view the document; not required for completion.
    case viewer
    /// Receives a copy when the contract completes; never invited to act.
    case cc

    /// Whether the contract cannot complete before this participant has acted.
    public var mustAct: Bool { self == .signer || self == .approver }
}

/// How a signer's signature is made.
public enum SigningMethod: Hashable, Codable, Sendable {
    /// 当事者型: the participant's own key and certificate, through any `SigningKeyProvider`.
    case partyCertificate
    /// 立会人型: the platform's witness key signs on the participant's instruction, after the
    /// participant has satisfied the policy's second factors.
    case witness(AuthenticationPolicy)
}

/// A participant's own progress.
public enum ParticipantState: String, Hashable, Codable, Sendable, CaseIterable {
    /// Not invited yet (the contract is a draft, or an earlier order group is still open).
    case pending
    /// Invited: a link was sent.
    case invited
    /// Opened the invitation.
    case viewed
    /// Satisfied the authentication policy (witness signers).
    case authenticated
    /// Signed (signers) or approved (approvers).
    case signed
    /// Declined.
    case declined
}

/// A party to a contract: who they are, what they do, when, and how they sign.
public struct Participant: Hashable, Codable, Sendable, Identifiable {
    /// Unique within the contract.
    public var id: ParticipantID
    /// The person's name as shown in the certificate and the signature (may be Japanese).
    public var name: String
    /// Where invitations and e-mail OTPs go.
    public var email: String
    /// Where SMS OTPs go (E.164, `+81…`).
    public var phone: String?
    /// The participant's company or organisation.
    public var organisation: String?
    /// What the participant does.
    public var role: ParticipantRole
    /// The order group: groups act in ascending order; members of one group act in parallel.
    public var orderGroup: Int
    /// How a signer signs (ignored for other roles).
    public var signingMethod: SigningMethod
    /// Progress.
    public var state: ParticipantState = .pending
    /// When the current invitation was sent.
    public var invitedAt: Date?
    /// When the participant first opened the invitation.
    public var viewedAt: Date?
    /// When the authentication policy was satisfied.
    public var authenticatedAt: Date?
    /// When the participant signed or approved.
    public var signedAt: Date?
    /// When the participant declined.
    public var declinedAt: Date?
    /// The last reminder.
    public var remindedAt: Date?
    /// The evidence digest of a witness signature (hex SHA-256 of ``WitnessEvidence``'s canonical encoding).
    public var evidenceDigest: String?

    /// A participant in state ``ParticipantState/pending``.
    public init(id: ParticipantID = ParticipantID(UUID().uuidString.lowercased()), name: String, email: String, phone: String? = nil,
                organisation: String? = nil, role: ParticipantRole = .signer, orderGroup: Int = 1,
                signingMethod: SigningMethod = .witness(.emailOTP)) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.organisation = organisation
        self.role = role
        self.orderGroup = orderGroup
        self.signingMethod = signingMethod
    }

    /// The witness policy, if this participant signs 立会人型.
    public var witnessPolicy: AuthenticationPolicy? {
        if case .witness(let policy) = signingMethod { return policy }
        return nil
    }

    /// Whether this participant has finished (signed/approved) or never needs to act.
    var isDone: Bool { !role.mustAct || state == .signed }
}
