import Foundation
import SwiftASN1
import X509

/// What the signer's certificate must allow.
public struct KeyUsageRequirement: Sendable, Hashable {
    enum Kind: Hashable, Sendable { case none, signature, timeStamping }
    let kind: Kind

    /// Don't check key usage.
    public static let none = KeyUsageRequirement(kind: .none)
    /// A document signer's certificate: not a CA (basicConstraints cA=TRUE); keyUsage, when
    /// present, has digitalSignature or nonRepudiation (contentCommitment); extendedKeyUsage,
    /// when present, allows document signing — anyExtendedKeyUsage, id-kp-documentSigning,
    /// id-kp-emailProtection, or Adobe's or Microsoft's document-signing purpose. A TSA or
    /// OCSP responder certificate (EKU timeStamping or OCSPSigning only) is refused.
    /// A certificate that fails is INDETERMINATE CHAIN_CONSTRAINTS_FAILURE.
    public static let signature = KeyUsageRequirement(kind: .signature)
    /// A TSA certificate (RFC 3161 §2.3): a critical extendedKeyUsage holding only id-kp-timeStamping.
    public static let timeStamping = KeyUsageRequirement(kind: .timeStamping)
}

/// How ``CMSSignatureVerifier`` judges a signature.
public struct CMSVerificationPolicy: Sendable {
    /// The trust anchors. With none, the chain is not judged and the result is at best
    /// INDETERMINATE NO_CERTIFICATE_CHAIN_FOUND.
    public var trustAnchors: [Certificate]
    /// More certificates that may be used to build the chain (besides those in the signature).
    public var intermediates: [Certificate]
    /// The time at which certificates must be valid and unrevoked; `nil` means now.
    public var validationTime: Date?
    /// A time at which the signature is proven to have existed (for example a verified
    /// signature timestamp's genTime). A revocation after this time does not invalidate it.
    public var proofOfExistence: Date?
    /// Revocation checking.
    public var revocation: RevocationPolicy
    /// What the signer's certificate must be allowed to do.
    public var keyUsage: KeyUsageRequirement
    /// Require an ESS signing-certificate(-v2) attribute binding the signer's certificate
    /// (CAdES requires v2; RFC 3161 tokens may carry v1).
    public var requiresSigningCertificateAttribute: Bool

    public init(trustAnchors: [Certificate], intermediates: [Certificate] = [], validationTime: Date? = nil,
                proofOfExistence: Date? = nil, revocation: RevocationPolicy = .disabled,
                keyUsage: KeyUsageRequirement = .signature, requiresSigningCertificateAttribute: Bool = true) {
        self.trustAnchors = trustAnchors
        self.intermediates = intermediates
        self.validationTime = validationTime
        self.proofOfExistence = proofOfExistence
        self.revocation = revocation
        self.keyUsage = keyUsage
        self.requiresSigningCertificateAttribute = requiresSigningCertificateAttribute
    }
}
