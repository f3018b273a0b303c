import SwiftASN1

/// Algorithms a separate module computes for CMSCore: digests, public keys and legacy
/// PKCS#12 ciphers that swift-crypto lacks (SHA-3, brainpool and Ed448 keys, DSA, RC2, 3DES).
///
/// CMSCore computes nothing through an extension unless one is registered with
/// ``CMSAlgorithmExtensions`` and it lists the algorithm in ``digestAlgorithms``,
/// ``signatureSchemes`` or ``legacyCiphers`` (deny by default). With an extension registered,
/// the verifier, the PDF validator and the PKCS#12 key loader use it without other changes;
/// weak algorithms stay reported under the verification policy's algorithm constraints.
///
/// `CMSCoreOpenSSL` implements this protocol over the system's libcrypto.
public protocol CMSAlgorithmExtension: Sendable {
    /// The digest algorithms beyond SHA-1 and SHA-2 this extension computes
    /// (``DigestAlgorithm/sha3_256``, ``DigestAlgorithm/sha3_384``, ``DigestAlgorithm/sha3_512``,
    /// ``DigestAlgorithm/shake256``, ``DigestAlgorithm/shake256Len``).
    var digestAlgorithms: Set<DigestAlgorithm> { get }

    /// A fresh incremental hash for `algorithm`; `nil` when it is not one of ``digestAlgorithms``.
    func makeHasher(for algorithm: DigestAlgorithm) -> (any CMSExtensionHasher)?

    /// The signature schemes beyond swift-crypto's this extension verifies
    /// (``SignatureAlgorithm/Scheme/ecdsaPlain``, ``SignatureAlgorithm/Scheme/ed448``,
    /// ``SignatureAlgorithm/Scheme/dsa``; ECDSA on other curves comes with ``verificationKey(subjectPublicKeyInfo:)``).
    var signatureSchemes: Set<SignatureAlgorithm.Scheme> { get }

    /// Reads a `SubjectPublicKeyInfo` (DER) that CMSCore cannot use itself.
    ///
    /// - Returns: `nil` when the key type is not one this extension verifies with.
    /// - Throws: ``CMSError/Code/invalidKey`` when it is such a key type but the key is unusable.
    func verificationKey(subjectPublicKeyInfo: [UInt8]) throws -> (any CMSExtensionVerificationKey)?

    /// The legacy block ciphers this extension decrypts PKCS#12 contents with.
    var legacyCiphers: Set<LegacyBlockCipher> { get }

    /// Decrypts CBC `ciphertext` with PKCS#7 padding under `key` and `iv` (the caller derives both).
    ///
    /// - Throws: any error when the cipher is not supported or the padding is wrong; the caller
    ///   reports a wrong password or damaged data.
    func decrypt(_ ciphertext: [UInt8], cipher: LegacyBlockCipher, key: [UInt8], iv: [UInt8]) throws -> [UInt8]
}

/// An incremental hash an extension computes (a value: a copy hashes on independently).
public protocol CMSExtensionHasher: Sendable {
    /// Feeds more bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    /// The digest of everything fed so far (the hash can still be fed afterwards).
    func finalize() -> [UInt8]
}

/// The kind of a key an extension verifies with, matched against a signature's scheme.
public enum CMSExtensionKeyFamily: Hashable, Sendable {
    /// An elliptic-curve key on the named curve (`ecdsa` and `ecdsaPlain` schemes).
    case ellipticCurve(curve: ASN1ObjectIdentifier)
    /// An Ed448 key (RFC 8410).
    case ed448
    /// A DSA key (FIPS 186) of `bits` bits.
    case dsa(bits: Int)

    var isEllipticCurve: Bool {
        if case .ellipticCurve = self { return true }
        return false
    }

    var isDSA: Bool {
        if case .dsa = self { return true }
        return false
    }
}

/// A public key an extension verifies signatures with.
public protocol CMSExtensionVerificationKey: Sendable {
    /// What kind of key it is.
    var family: CMSExtensionKeyFamily { get }
    /// The key type for messages ("brainpoolP256r1", "Ed448", "DSA-2048").
    var typeDescription: String { get }
    /// Whether `signature` is valid over `message` itself (pure EdDSA).
    func isValidSignature(_ signature: [UInt8], message: [UInt8]) throws -> Bool
    /// Whether the DER-encoded (ECDSA, DSA) `signature` is valid over the digest `digest`.
    func isValidSignature(_ signature: [UInt8], digest: [UInt8]) throws -> Bool
}

/// A block cipher of legacy password-based PKCS#12 encryption (RFC 7292 Appendix C, RFC 8018).
public enum LegacyBlockCipher: Hashable, Sendable, CustomStringConvertible {
    /// Three-key triple DES in CBC mode (24-byte key, 8-byte IV).
    case desEDE3CBC
    /// RC2 in CBC mode with a key of `keyBytes` bytes and `effectiveKeyBits` effective bits (8-byte IV).
    case rc2CBC(keyBytes: Int, effectiveKeyBits: Int)

    public var description: String {
        switch self {
        case .desEDE3CBC: "DES-EDE3-CBC"
        case .rc2CBC(_, let bits): "RC2-\(bits)-CBC"
        }
    }
}
