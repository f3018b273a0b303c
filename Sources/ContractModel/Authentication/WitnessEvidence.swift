import Crypto
import Foundation

/// The record of a witness (立会人型) signature's authentication: who instructed the platform
/// to sign, after which factors, when, from where, over which document, with which consent.
///
/// It goes into the audit trail (as ``digest``) and, through the signing engine's signed
/// attributes, into the signature itself. ``canonicalEncoding`` is ``CanonicalJSON``, so the
/// digest is stable across platforms and releases.
public struct WitnessEvidence: Hashable, Codable, Sendable {
    /// The contract.
    public var contractID: ContractID
    /// Its version.
    public var contractVersion: Int
    /// The participant who instructed the signature.
    public var participantID: ParticipantID
    /// Their name.
    public var participantName: String
    /// Their e-mail address (where the invitation link went: the first factor).
    public var participantEmail: String
    /// When the invitation link was issued.
    public var invitationIssuedAt: Date
    /// The second factors satisfied, with their times.
    public var factors: [SatisfiedFactor]
    /// When the participant gave the signing instruction.
    public var instructedAt: Date
    /// The client's IP address.
    public var ipAddress: String?
    /// The client's user agent.
    public var userAgent: String?
    /// Hex SHA-256 of the document the participant was shown.
    public var documentSHA256: String
    /// The consent text the participant agreed to.
    public var consentText: String

    /// Evidence.
    public init(contractID: ContractID, contractVersion: Int, participantID: ParticipantID, participantName: String, participantEmail: String,
                invitationIssuedAt: Date, factors: [SatisfiedFactor], instructedAt: Date, ipAddress: String?, userAgent: String?,
                documentSHA256: String, consentText: String) {
        self.contractID = contractID
        self.contractVersion = contractVersion
        self.participantID = participantID
        self.participantName = participantName
        self.participantEmail = participantEmail
        self.invitationIssuedAt = invitationIssuedAt
        self.factors = factors
        self.instructedAt = instructedAt
        self.ipAddress = ipAddress
        self.userAgent = userAgent
        self.documentSHA256 = documentSHA256
        self.consentText = consentText
    }

    /// The canonical JSON of the evidence.
    public var canonicalEncoding: [UInt8] {
        var object = CanonicalObject()
        object.set("contractID", contractID.rawValue)
        object.set("contractVersion", contractVersion)
        object.set("participantID", participantID.rawValue)
        object.set("participantName", participantName)
        object.set("participantEmail", participantEmail)
        object.set("invitationIssuedAt", invitationIssuedAt)
        object.set("factors", CanonicalJSON.array(factors.map(\.canonical)))
        object.set("instructedAt", instructedAt)
        object.set("ipAddress", ipAddress)
        object.set("userAgent", userAgent)
        object.set("documentSHA256", documentSHA256)
        object.set("consentText", consentText)
        return object.json.encoded
    }

    /// SHA-256 of ``canonicalEncoding``: the value for a signed attribute.
    public var digest: [UInt8] { Array(SHA256.hash(data: canonicalEncoding)) }

    /// ``digest`` in lower-case hex.
    public var digestHex: String { Hex.encode(digest) }
}

/// What a witness signer sends when instructing the platform to sign.
public struct WitnessSigningInstruction: Hashable, Sendable {
    /// Hex SHA-256 of the document the participant was shown (must be the current version's).
    public var documentSHA256: String
    /// The consent text the participant agreed to.
    public var consentText: String
    /// The client.
    public var request: RequestInfo

    /// An instruction.
    public init(documentSHA256: String, consentText: String, request: RequestInfo = .init()) {
        self.documentSHA256 = documentSHA256
        self.consentText = consentText
        self.request = request
    }
}
