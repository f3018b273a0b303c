/// A secret a user gives to authorize a signature: a PIN or an OTP.
///
/// Its `description` never shows the value, so it cannot end up in a log or an error message
/// by accident. Swift strings cannot be wiped from memory reliably; the value lives only as
/// long as the authorization request that carries it.
public struct CSCSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible, ExpressibleByStringLiteral {
    /// The secret itself: sent to the service in the `credentials/authorize` request body only.
    public let value: String

    public init(_ value: String) { self.value = value }
    public init(stringLiteral value: String) { self.value = value }

    public var description: String { "CSCSecret(•••)" }
    public var debugDescription: String { description }
}

/// One thing a credential asks for before it signs: a PIN or a one-time password.
public struct CSCAuthenticationFactor: Sendable, Hashable {
    /// What kind of secret it is.
    public enum Kind: Sendable, Hashable {
        /// A PIN or password the user knows.
        case pin
        /// A one-time password from a device or sent to the user.
        case otp
    }

    /// The kind of secret.
    public let kind: Kind
    /// The identifier the service uses for it (`PIN`, `OTP` in v1; the `auth.objects[].id` in v2).
    public let id: String
    /// Whether the service requires it (`false` for v1's `presence: "optional"`).
    public let isRequired: Bool
    /// Whether it is numeric only (format `N`), when the service says.
    public let isNumeric: Bool?
    /// The label the service suggests showing (`PIN`, `Mobile OTP`).
    public let label: String?
    /// The service's instruction for the user (`Please enter the signature PIN`).
    public let instructions: String?

    public init(kind: Kind, id: String, isRequired: Bool = true, isNumeric: Bool? = nil, label: String? = nil, instructions: String? = nil) {
        self.kind = kind
        self.id = id
        self.isRequired = isRequired
        self.isNumeric = isNumeric
        self.label = label
        self.instructions = instructions
    }
}

/// What a credential asks for before `credentials/authorize`, handed to the caller's callback.
public struct CSCAuthenticationChallenge: Sendable {
    /// The credential being authorized.
    public let credentialID: String
    /// The PIN and OTP the credential asks for, in the service's order.
    public let factors: [CSCAuthenticationFactor]
    /// How many signatures the authorization is for.
    public let numberOfSignatures: Int
}

/// The caller's answer: the secrets for the challenge's factors, by ``CSCAuthenticationFactor/id``.
public typealias CSCAuthenticationData = [String: CSCSecret]

/// Asks the user (or a vault) for the PIN and OTP a credential needs; `nil` refuses.
///
/// Called once per authorization, just before `credentials/authorize`, and only when the
/// credential asks for something. Never put the secrets on a command line or in a log.
public typealias CSCAuthenticator = @Sendable (CSCAuthenticationChallenge) async throws -> CSCAuthenticationData?
