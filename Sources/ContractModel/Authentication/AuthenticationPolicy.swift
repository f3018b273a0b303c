/// A second factor a witness signer can present.
public enum AuthenticationFactor: String, Hashable, Codable, Sendable, CaseIterable {
    /// A 6-digit one-time password sent by e-mail through the ``Notifier``.
    case emailOTP
    /// A 6-digit one-time password sent by SMS through the ``Notifier``.
    case smsOTP
    /// A time-based one-time password (RFC 6238) from the participant's authenticator app.
    case totp
    /// A code the sender shared with the participant out of band (phone, paper).
    case accessCode
    /// An assertion from an external identity provider, checked by an ``IdentityProvider``.
    case identityProvider
}

/// Which second factors a witness (立会人型) signer must satisfy before signing.
///
/// Possession of the invitation link (sent to the participant's e-mail) is the first factor;
/// every factor in ``requiredFactors`` must then be satisfied, within ``maximumAge`` of
/// signing. A policy with no factor is refused when the contract is created (deny by default):
/// the 2020-07-17 Q&A on 電子署名法 §2 and the 2020-09-04 Q&A on §3 look to two-factor
/// authentication for a witness signature's 固有性.
public struct AuthenticationPolicy: Hashable, Codable, Sendable {
    /// Factors that must all be satisfied.
    public var requiredFactors: [AuthenticationFactor]
    /// How long a satisfied factor counts, in seconds (default: 30 minutes).
    public var maximumAge: Double

    /// A policy requiring every factor in `requiredFactors`.
    public init(requiredFactors: [AuthenticationFactor], maximumAge: Double = 30 * 60) {
        var seen = Set<AuthenticationFactor>()
        self.requiredFactors = requiredFactors.filter { seen.insert($0).inserted }
        self.maximumAge = maximumAge
    }

    /// An e-mail OTP.
    public static let emailOTP = AuthenticationPolicy(requiredFactors: [.emailOTP])
    /// An SMS OTP.
    public static let smsOTP = AuthenticationPolicy(requiredFactors: [.smsOTP])
    /// A TOTP from an authenticator app.
    public static let totp = AuthenticationPolicy(requiredFactors: [.totp])
    /// An access code shared out of band.
    public static let accessCode = AuthenticationPolicy(requiredFactors: [.accessCode])
}
