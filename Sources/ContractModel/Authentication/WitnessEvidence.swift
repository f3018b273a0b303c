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
    public var contractID: ContractID { didSet { refreshDigest() } }
    /// Its version.
    public var contractVersion: Int { didSet { refreshDigest() } }
    /// The participant who instructed the signature.
    public var participantID: ParticipantID { didSet { refreshDigest() } }
    /// Their name.
    public var participantName: String { didSet { refreshDigest() } }
    /// Their e-mail address (where the invitation link went: the first factor).
    public var participantEmail: String { didSet { refreshDigest() } }
    /// When the invitation link was issued.
    public var invitationIssuedAt: Date { didSet { refreshDigest() } }
    /// The second factors satisfied, with their times.
    public var factors: [SatisfiedFactor] { didSet { refreshDigest() } }
    /// When the participant gave the signing instruction.
    public var instructedAt: Date { didSet { refreshDigest() } }
    /// The client's IP address.
    public var ipAddress: String? { didSet { refreshDigest() } }
    /// The client's user agent.
    public var userAgent: String? { didSet { refreshDigest() } }
    /// Hex SHA-256 of the document the participant was shown.
    public var documentSHA256: String { didSet { refreshDigest() } }
    /// The consent text the participant agreed to.
    public var consentText: String { didSet { refreshDigest() } }

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
        digest = Array(SHA256.hash(data: canonicalEncoding))
    }

    private enum CodingKeys: String, CodingKey {
        case contractID, contractVersion, participantID, participantName, participantEmail, invitationIssuedAt, factors, instructedAt
        case ipAddress, userAgent, documentSHA256, consentText
    }

    /// Decodes the fields (the digest is not encoded; it is computed again).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(contractID: try c.decode(ContractID.self, forKey: .contractID), contractVersion: try c.decode(Int.self, forKey: .contractVersion),
                  participantID: try c.decode(ParticipantID.self, forKey: .participantID),
                  participantName: try c.decode(String.self, forKey: .participantName), participantEmail: try c.decode(String.self, forKey: .participantEmail),
                  invitationIssuedAt: try c.decode(Date.self, forKey: .invitationIssuedAt), factors: try c.decode([SatisfiedFactor].self, forKey: .factors),
                  instructedAt: try c.decode(Date.self, forKey: .instructedAt), ipAddress: try c.decodeIfPresent(String.self, forKey: .ipAddress),
                  userAgent: try c.decodeIfPresent(String.self, forKey: .userAgent), documentSHA256: try c.decode(String.self, forKey: .documentSHA256),
                  consentText: try c.decode(String.self, forKey: .consentText))
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

    /// SHA-256 of ``canonicalEncoding``: the value for a signed attribute. Computed once when
    /// the evidence is made (and again when a field changes), not on every read: the workflow,
    /// the signing engine and the trail all use it.
    public private(set) var digest: [UInt8] = []

    private mutating func refreshDigest() { digest = Array(SHA256.hash(data: canonicalEncoding)) }

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
