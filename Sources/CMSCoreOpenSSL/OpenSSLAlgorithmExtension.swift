import CMSCore

/// The `CMSAlgorithmExtension` (CMSCore) over the system's OpenSSL 3 libcrypto: what
/// swift-crypto lacks, for verification and legacy key import.
///
/// - Digests: SHA3-256, SHA3-384, SHA3-512 and SHAKE256 (with RSA, RSASSA-PSS and ECDSA, and
///   as content digests of PDF and CMS signatures).
/// - Keys: ECDSA on brainpoolP256r1, brainpoolP384r1 and brainpoolP512r1 (RFC 5639), Ed448
///   (RFC 8410) and DSA (verify only).
/// - Schemes: plain ECDSA (BSI TR-03111, `r ‖ s`), Ed448, DSA.
/// - PKCS#12: pbeWithSHAAnd3-KeyTripleDES-CBC, pbeWithSHAAnd128BitRC2-CBC,
///   pbeWithSHAAnd40BitRC2-CBC and PBES2 with DES-EDE3-CBC (CMSCore derives the keys).
///
/// Creating one does no work; libcrypto is touched on first use, and its legacy provider (for
/// RC2) is loaded, into a library context of its own, only when a legacy file is read. On Linux
/// libcrypto is not even linked: `libcrypto.so.3` is loaded when CMSCore first asks for one of
/// these algorithms. When it cannot be loaded, the extension lists no algorithm, so CMSCore
/// refuses them with its usual typed errors (`unsupportedAlgorithm`, `legacyPKCS12Encryption`).
public struct OpenSSLAlgorithmExtension: CMSAlgorithmExtension {
    public init() {}

    public var digestAlgorithms: Set<DigestAlgorithm> { LibCrypto.shared == nil ? [] : Self.digests }

    public func makeHasher(for algorithm: DigestAlgorithm) -> (any CMSExtensionHasher)? {
        OpenSSLHasher(algorithm)
    }

    public var signatureSchemes: Set<SignatureAlgorithm.Scheme> { LibCrypto.shared == nil ? [] : Self.schemes }

    public func verificationKey(subjectPublicKeyInfo: [UInt8]) throws -> (any CMSExtensionVerificationKey)? {
        try OpenSSLPublicKey.read(subjectPublicKeyInfo: subjectPublicKeyInfo)
    }

    public var legacyCiphers: Set<LegacyBlockCipher> { LibCrypto.shared == nil ? [] : Self.ciphers }

    public func decrypt(_ ciphertext: [UInt8], cipher: LegacyBlockCipher, key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
        try OpenSSLLegacyCipher.decrypt(ciphertext, cipher: cipher, key: key, iv: iv)
    }

    private static let digests: Set<DigestAlgorithm> = [.sha3_256, .sha3_384, .sha3_512, .shake256, .shake256Len]
    private static let schemes: Set<SignatureAlgorithm.Scheme> = [.ecdsaPlain, .ed448, .dsa]
    private static let ciphers: Set<LegacyBlockCipher> = [
        .desEDE3CBC, .rc2CBC(keyBytes: 5, effectiveKeyBits: 40), .rc2CBC(keyBytes: 16, effectiveKeyBits: 128),
    ]
}
