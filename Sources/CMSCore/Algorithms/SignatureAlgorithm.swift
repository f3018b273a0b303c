import SwiftASN1

/// A signature scheme together with the digest it is used with.
///
/// New signatures use RSA PKCS#1 v1.5 or RSASSA-PSS with SHA-256/384/512, ECDSA on
/// P-256/P-384/P-521, or Ed25519 (RFC 8419, always with SHA-512 for the message digest).
/// With a registered ``CMSAlgorithmExtension``, signatures are also verified with SHA-3,
/// on other curves (brainpool), with plain ECDSA (BSI TR-03111), Ed448 and DSA.
public struct SignatureAlgorithm: Hashable, Sendable, CustomStringConvertible {
    /// The family of a signature scheme.
    public enum Scheme: Hashable, Sendable {
        case rsaPKCS1v15
        case rsaPSS
        case ecdsa
        case ed25519
        /// ECDSA with the signature as `r ‖ s` (BSI TR-03111 §5.2.1 "plain"): verification only,
        /// with a ``CMSAlgorithmExtension``.
        case ecdsaPlain
        /// Ed448 (pure EdDSA, RFC 8419, with SHAKE256 for the message digest): verification only,
        /// with a ``CMSAlgorithmExtension``.
        case ed448
        /// DSA (FIPS 186-4): verification only, with a ``CMSAlgorithmExtension``; always
        /// reported as a weak algorithm.
        case dsa
    }

    public let scheme: Scheme
    /// The digest hashed into the signature (for PSS also the MGF1 hash, unless the
    /// received parameters say otherwise).
    public let digest: DigestAlgorithm
    /// RSASSA-PSS parameters received in a signature that differ from this library's
    /// defaults (MGF1 with ``digest``, salt length = digest length); `nil` otherwise.
    let receivedPSSParameters: RSAPSSParameters?

    public static func rsaPKCS1v15(_ digest: DigestAlgorithm) -> SignatureAlgorithm { .init(scheme: .rsaPKCS1v15, digest: digest) }
    public static func rsaPSS(_ digest: DigestAlgorithm) -> SignatureAlgorithm { .init(scheme: .rsaPSS, digest: digest) }
    public static func ecdsa(_ digest: DigestAlgorithm) -> SignatureAlgorithm { .init(scheme: .ecdsa, digest: digest) }
    /// Ed25519 (pure EdDSA). CMS pairs it with SHA-512 (RFC 8419 §3).
    public static let ed25519 = SignatureAlgorithm(scheme: .ed25519, digest: .sha512)

    public init(scheme: Scheme, digest: DigestAlgorithm) {
        self.scheme = scheme
        self.digest = digest
        self.receivedPSSParameters = nil
    }

    init(pss parameters: RSAPSSParameters) {
        scheme = .rsaPSS
        digest = parameters.hashAlgorithm
        receivedPSSParameters = parameters == RSAPSSParameters(digest: parameters.hashAlgorithm) ? nil : parameters
    }

    public var description: String {
        switch scheme {
        case .rsaPKCS1v15: "RSA-PKCS1v1.5-\(digest)"
        case .rsaPSS: "RSASSA-PSS-\(digest)"
        case .ecdsa: "ECDSA-\(digest)"
        case .ed25519: "Ed25519"
        case .ecdsaPlain: "ECDSA-plain-\(digest)"
        case .ed448: "Ed448"
        case .dsa: "DSA-\(digest)"
        }
    }

    /// Whether this algorithm is too weak for new signatures (a weak digest, or DSA).
    public var isWeak: Bool { digest.isWeak || scheme == .dsa }

    /// The `signatureAlgorithm` this library writes into a SignerInfo.
    ///
    /// RSA PKCS#1 v1.5 is written as `rsaEncryption` with NULL parameters, as OpenSSL and
    /// Adobe do (RFC 5754 §3.2); PSS carries full RSASSA-PSS-params with the salt length
    /// equal to the digest length (RFC 4056).
    package var signerInfoIdentifier: CMSAlgorithmIdentifier {
        get throws {
            switch scheme {
            case .rsaPKCS1v15:
                return CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Signature.rsaEncryption,
                                              parameters: CMSAlgorithmIdentifier.nullParameters)
            case .rsaPSS:
                return CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Signature.rsassaPSS,
                                              parameters: try ASN1Any(erasing: RSAPSSParameters(digest: digest)))
            case .ecdsa:
                let oid: ASN1ObjectIdentifier = switch digest.kind {
                case .sha1: CMSObjectIdentifier.Signature.ecdsaWithSHA1
                case .sha256: CMSObjectIdentifier.Signature.ecdsaWithSHA256
                case .sha384: CMSObjectIdentifier.Signature.ecdsaWithSHA384
                case .sha512: CMSObjectIdentifier.Signature.ecdsaWithSHA512
                case .sha3_256, .sha3_384, .sha3_512, .shake256, .shake256Len: throw Self.verificationOnly(self)
                }
                return CMSAlgorithmIdentifier(algorithm: oid)
            case .ed25519:
                return CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Signature.ed25519)
            case .ecdsaPlain, .ed448, .dsa:
                throw Self.verificationOnly(self)
            }
        }
    }

    /// The X.509 `signatureAlgorithm` this library writes into a CRL or an OCSP response
    /// (RFC 5280 §4.1.1.2; RFC 4055, RFC 5758, RFC 8410).
    ///
    /// Unlike ``signerInfoIdentifier``, RSA PKCS#1 v1.5 names the digest:
    /// `shaXXXWithRSAEncryption` with NULL parameters (RFC 4055 §5). ECDSA and Ed25519 have
    /// absent parameters; PSS carries full RSASSA-PSS-params.
    package var x509Identifier: CMSAlgorithmIdentifier {
        get throws {
            guard scheme == .rsaPKCS1v15 else { return try signerInfoIdentifier }
            let oid: ASN1ObjectIdentifier = switch digest.kind {
            case .sha1: CMSObjectIdentifier.Signature.sha1WithRSA
            case .sha256: CMSObjectIdentifier.Signature.sha256WithRSA
            case .sha384: CMSObjectIdentifier.Signature.sha384WithRSA
            case .sha512: CMSObjectIdentifier.Signature.sha512WithRSA
            case .sha3_256, .sha3_384, .sha3_512, .shake256, .shake256Len: throw Self.verificationOnly(self)
            }
            return CMSAlgorithmIdentifier(algorithm: oid, parameters: CMSAlgorithmIdentifier.nullParameters)
        }
    }

    /// Interprets a signature `AlgorithmIdentifier` from a SignerInfo, a certificate, a CRL or
    /// an OCSP response.
    ///
    /// ECDSA named by its curve (prime256v1, secp384r1, secp521r1) or by id-ecPublicKey instead
    /// of ecdsa-with-SHAx is a producer bug other validators tolerate; with a `digest` it is read
    /// as ECDSA with that digest (see ``isECDSAKeyIdentifier(_:)`` to report it).
    ///
    /// - Parameters:
    ///   - identifier: the signature algorithm identifier.
    ///   - digest: the separately given digest algorithm (SignerInfo's `digestAlgorithm`), used
    ///     when the identifier names only the key type (`rsaEncryption`).
    /// - Throws: ``CMSError/Code/unsupportedAlgorithm`` for algorithms or parameters this
    ///   library cannot compute (the message names the algorithm);
    ///   ``CMSError/Code/malformedEncoding`` for a `digestAlgorithm` that contradicts a combined
    ///   identifier, or parameters that cannot be read.
    package init(identifier: CMSAlgorithmIdentifier, digest: DigestAlgorithm?) throws {
        typealias OID = CMSObjectIdentifier.Signature
        func combined(_ scheme: Scheme, _ d: DigestAlgorithm) throws -> SignatureAlgorithm {
            if let digest, digest != d {
                throw CMSError(.malformedEncoding,
                               "signature algorithm \(identifier.algorithm) contradicts digest algorithm \(digest)")
            }
            return SignatureAlgorithm(scheme: scheme, digest: d)
        }
        switch identifier.algorithm {
        case OID.rsaEncryption:
            guard let digest else {
                throw CMSError(.malformedEncoding, "rsaEncryption without a digest algorithm")
            }
            self.init(scheme: .rsaPKCS1v15, digest: digest)
        case OID.sha1WithRSA: self = try combined(.rsaPKCS1v15, .sha1)
        case OID.sha256WithRSA: self = try combined(.rsaPKCS1v15, .sha256)
        case OID.sha384WithRSA: self = try combined(.rsaPKCS1v15, .sha384)
        case OID.sha512WithRSA: self = try combined(.rsaPKCS1v15, .sha512)
        case OID.ecdsaWithSHA1: self = try combined(.ecdsa, .sha1)
        case OID.ecdsaWithSHA256: self = try combined(.ecdsa, .sha256)
        case OID.ecdsaWithSHA384: self = try combined(.ecdsa, .sha384)
        case OID.ecdsaWithSHA512: self = try combined(.ecdsa, .sha512)
        case OID.ed25519: self = .ed25519
        case let oid where Self.isECDSAKeyIdentifier(oid):
            guard let digest else {
                throw CMSError(.malformedEncoding, "\(AlgorithmNames.name(of: oid)) names a key, not a signature algorithm")
            }
            self.init(scheme: .ecdsa, digest: digest)
        case OID.rsassaPSS:
            guard let parameters = identifier.parameters else {
                throw CMSError(.malformedEncoding, "RSASSA-PSS without parameters")
            }
            let pss: RSAPSSParameters
            do {
                pss = try RSAPSSParameters(derEncoded: parameters.serializedBytes)
            } catch let error as CMSError where error.code == .unsupportedAlgorithm {
                throw error
            } catch {
                throw CMSError(.malformedEncoding, "RSASSA-PSS parameters cannot be read: \(error)")
            }
            guard pss.trailerField == 1, (0...1024).contains(pss.saltLength) else {
                throw CMSError(.unsupportedAlgorithm, "RSASSA-PSS with trailerField \(pss.trailerField) or salt length \(pss.saltLength) is not supported")
            }
            if let digest, digest != pss.hashAlgorithm {
                throw CMSError(.malformedEncoding, "RSASSA-PSS hash \(pss.hashAlgorithm) contradicts digest algorithm \(digest)")
            }
            self.init(pss: pss)
        case OID.md5WithRSA:
            throw CMSError(.unsupportedAlgorithm, "md5WithRSAEncryption is broken and not supported")
        case let oid where ExtensionSignatureIdentifier.isKnown(oid):
            self = try ExtensionSignatureIdentifier.algorithm(for: oid, digest: digest)
        default:
            throw CMSError(.unsupportedAlgorithm, "the signature algorithm \(AlgorithmNames.name(of: identifier.algorithm)) is not supported")
        }
    }

    /// Whether `oid` names an EC key or curve (id-ecPublicKey, prime256v1, secp384r1,
    /// secp521r1) — accepted in place of ecdsa-with-SHAx as a known producer bug.
    package static func isECDSAKeyIdentifier(_ oid: ASN1ObjectIdentifier) -> Bool {
        [CMSObjectIdentifier.Signature.ecPublicKey, AlgorithmNames.Curve.p256, AlgorithmNames.Curve.p384, AlgorithmNames.Curve.p521]
            .contains(oid)
    }
}

extension ASN1Any {
    /// The DER encoding of this value.
    package var serializedBytes: [UInt8] {
        var coder = DER.Serializer()
        try? coder.serialize(self)
        return coder.serializedBytes
    }
}
