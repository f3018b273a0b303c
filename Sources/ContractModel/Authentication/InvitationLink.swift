import Crypto
import Foundation

/// The secret part of an invitation URL: the contract's identifier and a 256-bit random token,
/// written `<contractID>~<token>` (base64url, no padding). The host puts it in a URL
/// (`https://sign.example.jp/i/<link>`).
///
/// Only the token's SHA-256 is stored (``InvitationRecord/tokenHash``); the link itself lives
/// in the notification and the participant's mailbox.
public struct InvitationLink: Hashable, Sendable, CustomStringConvertible {
    /// The contract.
    public let contractID: ContractID
    /// The token (base64url of 32 random bytes).
    let token: String

    init(contractID: ContractID, token: String) {
        self.contractID = contractID
        self.token = token
    }

    /// Parses `<contractID>~<token>`; throws ``ContractError/Code/invalidLink``.
    public init(_ text: String) throws {
        let parts = text.split(separator: "~", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].utf8.count == 43,
              parts[1].utf8.allSatisfy({ Self.alphabet.contains($0) }) else {
            throw ContractError(.invalidLink, "not an invitation link")
        }
        contractID = ContractID(String(parts[0]))
        token = String(parts[1])
    }

    /// `<contractID>~<token>`: a secret; never log it.
    public var description: String { "\(contractID.rawValue)~\(token)" }

    /// The hex SHA-256 of the token, as stored.
    var tokenHash: String { Hex.sha256(Array(token.utf8)) }

    /// A new link with 32 bytes from `random`.
    static func generate(for contractID: ContractID, random: any RandomSource) -> InvitationLink {
        InvitationLink(contractID: contractID, token: base64url(random.bytes(32)))
    }

    private static let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// What is stored about an invitation link: its token's hash, never the token.
public struct InvitationRecord: Hashable, Codable, Sendable {
    /// Hex SHA-256 of the token.
    public var tokenHash: String
    /// The participant the link is bound to.
    public var participantID: ParticipantID
    /// The contract version it was issued for.
    public var contractVersion: Int
    /// When it was issued.
    public var issuedAt: Date
    /// When it stops working.
    public var expiresAt: Date
    /// When it was revoked (cancel, correction, expiry, decline).
    public var revokedAt: Date?
    /// When it was used to sign (links are single-use for signing).
    public var usedAt: Date?
}

/// A one-time password sent by e-mail or SMS: only a salted hash of the code is kept.
public struct OTPChallenge: Hashable, Codable, Sendable {
    /// E-mail or SMS.
    public var factor: AuthenticationFactor
    /// HMAC-SHA256 of the code under a random salt.
    public var codeHash: SecretHash
    /// When it was sent.
    public var sentAt: Date
    /// When it stops working (10 minutes by default).
    public var expiresAt: Date
    /// Wrong attempts so far.
    public var failedAttempts: Int
    /// When it was used successfully.
    public var consumedAt: Date?
}

/// Everything the workflow keeps about one participant's witness authentication.
public struct ParticipantAuthentication: Hashable, Codable, Sendable {
    /// The current invitation, if any.
    public var invitation: InvitationRecord?
    /// Earlier invitations of this participant (replaced by a correction), kept revoked so that
    /// their links are refused as revoked rather than unknown.
    public var previousInvitations: [InvitationRecord] = []
    /// The current e-mail OTP.
    public var emailChallenge: OTPChallenge?
    /// The current SMS OTP.
    public var smsChallenge: OTPChallenge?
    /// The access code shared out of band (salted hash).
    public var accessCode: SecretHash?
    /// Factors satisfied for the current invitation.
    public var satisfied: [SatisfiedFactor] = []
    /// Consecutive wrong answers for each factor (OTP attempts are counted on the challenge).
    public var failures: [String: Int] = [:]
    /// Until when each factor is locked after too many wrong answers.
    public var lockedUntil: [String: Date] = [:]
    /// The last TOTP time step accepted (a code is never accepted twice).
    public var lastTOTPStep: Int64?

    /// An empty state.
    public init() {}

    func challenge(_ factor: AuthenticationFactor) -> OTPChallenge? { factor == .smsOTP ? smsChallenge : emailChallenge }
    mutating func setChallenge(_ challenge: OTPChallenge?, for factor: AuthenticationFactor) {
        if factor == .smsOTP { smsChallenge = challenge } else { emailChallenge = challenge }
    }
}

/// A second factor the participant satisfied, for the evidence.
public struct SatisfiedFactor: Hashable, Codable, Sendable {
    /// Which factor.
    public var factor: AuthenticationFactor
    /// When it was verified.
    public var verifiedAt: Date
    /// A non-secret detail: the masked destination of an OTP, the IdP issuer and subject, the TOTP step.
    public var detail: String

    /// A satisfied factor.
    public init(factor: AuthenticationFactor, verifiedAt: Date, detail: String) {
        self.factor = factor
        self.verifiedAt = verifiedAt
        self.detail = detail
    }

    var canonical: CanonicalJSON {
        .object(["factor": .string(factor.rawValue), "verifiedAt": .date(verifiedAt), "detail": .string(detail)])
    }
}
