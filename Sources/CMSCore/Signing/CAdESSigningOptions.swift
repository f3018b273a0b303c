import Crypto
import Foundation
import SwiftASN1
import X509

/// How ``CAdESSigner`` builds a signature.
///
/// The defaults make a CAdES-B-B signature fit for PAdES: the key's digest (SHA-256, or
/// SHA-512 for Ed25519), no signing-time attribute (PAdES forbids it; the time is in the
/// PDF's /M or a timestamp), the signer's certificate and intermediates embedded, the root
/// left out.
public struct CAdESSigningOptions: Sendable {
    /// The message digest algorithm, or `nil` (the default) for the key's own choice:
    /// SHA-512 for Ed25519, which CMS pairs with nothing else (RFC 8419 §3), SHA-256 for
    /// every other key. SHA-1 is refused; an Ed25519 key with anything but SHA-512 too.
    public var digestAlgorithm: DigestAlgorithm?
    /// For RSA keys: sign with RSASSA-PSS instead of PKCS#1 v1.5.
    public var usesRSAPSS: Bool = false
    /// When set, a signing-time attribute with this time is included (not for PAdES).
    public var signingTime: Date?
    /// Include the RFC 6211 CMS algorithm protection attribute.
    public var includesAlgorithmProtection: Bool = false
    /// Embed a self-signed root found at the end of the key's chain (normally left out).
    public var includesRootCertificate: Bool = false
    /// The content type signed (id-data unless the content is something else, e.g. TSTInfo).
    public var contentType: ASN1ObjectIdentifier = CMSObjectIdentifier.ContentType.data
    /// Check the produced signature with the certificate's public key before returning it,
    /// which catches a key provider holding the wrong key or returning garbage.
    ///
    /// `nil` (the default) checks unless the provider vouches for its signatures
    /// (``SigningKeyProvider/signaturesMatchCertificate``), as ``SoftwareSigningKey`` does:
    /// it proved at load time that its key matches the certificate.
    public var verifiesAfterSigning: Bool?
    /// The commitment-type-indication attribute (ETSI EN 319 122-1 §5.2.3), or `nil` for none.
    public var commitmentType: CMSCommitmentType?
    /// The signer-attributes-v2 attribute with claimed attributes such as roles (ETSI EN 319
    /// 122-1 §5.2.6.1), or `nil` for none.
    public var signerAttributes: CMSSignerAttributes?
    /// Signed attributes to add beyond the standard ones, as (type, DER value) pairs.
    public var additionalSignedAttributes: [(type: ASN1ObjectIdentifier, valueDER: [UInt8])] = []

    public init() {}

    /// The digest a signature by `publicKey` uses: ``digestAlgorithm`` when set, else
    /// SHA-512 for an Ed25519 key (RFC 8419 §3) and SHA-256 for the others.
    public func digestAlgorithm(for publicKey: Certificate.PublicKey) -> DigestAlgorithm {
        digestAlgorithm ?? Self.defaultDigestAlgorithm(for: publicKey)
    }

    /// The digest used with `publicKey` when the caller chose none: SHA-512 for Ed25519
    /// (RFC 8419 §3: id-Ed25519 in CMS always goes with SHA-512), SHA-256 otherwise.
    public static func defaultDigestAlgorithm(for publicKey: Certificate.PublicKey) -> DigestAlgorithm {
        Curve25519.Signing.PublicKey(publicKey) != nil ? .sha512 : .sha256
    }
}
