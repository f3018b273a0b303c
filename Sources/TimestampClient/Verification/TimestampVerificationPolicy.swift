import CMSCore
import SwiftASN1
import X509

/// How a ``TimestampVerifier`` judges tokens.
public struct TimestampVerificationPolicy: Sendable {
    /// The trust anchors for TSA certificates.
    public var trustAnchors: [Certificate]
    /// More certificates usable to build the TSA's chain.
    public var intermediates: [Certificate]
    /// Revocation checking of the TSA's chain, at genTime (passed to CMSCore as is).
    public var revocation: RevocationPolicy
    /// When set, the token's policy must be one of these.
    public var acceptedPolicies: [ASN1ObjectIdentifier]?
    /// Require the ESS signing-certificate (v1 or v2) attribute in the token (RFC 3161 §2.4.1 / RFC 5816).
    public var requiresSigningCertificateAttribute: Bool

    /// Creates a policy; by default revocation is not checked and any TSA policy is accepted.
    public init(trustAnchors: [Certificate], intermediates: [Certificate] = [], revocation: RevocationPolicy = .disabled,
                acceptedPolicies: [ASN1ObjectIdentifier]? = nil, requiresSigningCertificateAttribute: Bool = true) {
        self.trustAnchors = trustAnchors
        self.intermediates = intermediates
        self.revocation = revocation
        self.acceptedPolicies = acceptedPolicies
        self.requiresSigningCertificateAttribute = requiresSigningCertificateAttribute
    }
}
