import Foundation

/// An assertion from an external identity provider (an OpenID Connect ID token, a SAML
/// response, a My Number card signature, …), as opaque bytes for an ``IdentityProvider``.
public struct IdentityAssertion: Hashable, Sendable {
    /// Which provider issued it (host-defined, e.g. `oidc:https://idp.example.jp`).
    public var provider: String
    /// The assertion as received.
    public var payload: [UInt8]
    /// An assertion.
    public init(provider: String, payload: [UInt8]) {
        self.provider = provider
        self.payload = payload
    }
}

/// What an ``IdentityProvider`` vouches for.
public struct VerifiedIdentity: Hashable, Codable, Sendable {
    /// The issuer.
    public var issuer: String
    /// The subject at the issuer.
    public var subject: String
    /// The e-mail address the issuer asserts, if any (must match the participant's when given).
    public var email: String?
    /// When the issuer authenticated the person.
    public var authenticatedAt: Date
    /// An assurance level in the issuer's terms (e.g. `AAL2`), if known.
    public var assuranceLevel: String?

    /// A verified identity.
    public init(issuer: String, subject: String, email: String? = nil, authenticatedAt: Date, assuranceLevel: String? = nil) {
        self.issuer = issuer
        self.subject = subject
        self.email = email
        self.authenticatedAt = authenticatedAt
        self.assuranceLevel = assuranceLevel
    }
}

/// Checks an external identity assertion for a participant (the hook for an IdP).
public protocol IdentityProvider: Sendable {
    /// Verifies `assertion` for `participant`.
    ///
    /// - Throws: any error to reject the assertion; the workflow reports
    ///   ``ContractError/Code/authenticationFailed``.
    func verify(_ assertion: IdentityAssertion, for participant: Participant, at time: Date) async throws -> VerifiedIdentity
}
