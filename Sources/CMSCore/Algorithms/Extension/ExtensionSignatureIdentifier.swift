import SwiftASN1

/// The signature algorithm identifiers CMSCore reads only with a registered
/// ``CMSAlgorithmExtension``: RSA and ECDSA with SHA-3 (NIST CSOR 2.16.840.1.101.3.4.3),
/// plain ECDSA (BSI TR-03111 §5.2.1), Ed448 (RFC 8410) and DSA (RFC 3279, RFC 5758).
enum ExtensionSignatureIdentifier {
    private static func nist(_ arc: UInt) -> ASN1ObjectIdentifier { [2, 16, 840, 1, 101, 3, 4, 3, arc] }
    private static func plain(_ arc: UInt) -> ASN1ObjectIdentifier { [0, 4, 0, 127, 0, 7, 1, 1, 4, 1, arc] }
    static let ed448: ASN1ObjectIdentifier = [1, 3, 101, 113]
    static let dsa: ASN1ObjectIdentifier = [1, 2, 840, 10040, 4, 1]
    static let dsaWithSHA1: ASN1ObjectIdentifier = [1, 2, 840, 10040, 4, 3]

    /// Scheme and digest of each combined identifier.
    private static let table: [ASN1ObjectIdentifier: (SignatureAlgorithm.Scheme, DigestAlgorithm)] = [
        nist(10): (.ecdsa, .sha3_256), nist(11): (.ecdsa, .sha3_384), nist(12): (.ecdsa, .sha3_512),
        nist(14): (.rsaPKCS1v15, .sha3_256), nist(15): (.rsaPKCS1v15, .sha3_384), nist(16): (.rsaPKCS1v15, .sha3_512),
        nist(2): (.dsa, .sha256), nist(3): (.dsa, .sha384), nist(4): (.dsa, .sha512),
        nist(6): (.dsa, .sha3_256), nist(7): (.dsa, .sha3_384), nist(8): (.dsa, .sha3_512),
        dsaWithSHA1: (.dsa, .sha1),
        plain(1): (.ecdsaPlain, .sha1), plain(3): (.ecdsaPlain, .sha256), plain(4): (.ecdsaPlain, .sha384),
        plain(5): (.ecdsaPlain, .sha512), plain(9): (.ecdsaPlain, .sha3_256), plain(10): (.ecdsaPlain, .sha3_384),
        plain(11): (.ecdsaPlain, .sha3_512),
    ]

    static func isKnown(_ oid: ASN1ObjectIdentifier) -> Bool {
        table[oid] != nil || oid == ed448 || oid == dsa
    }

    /// The algorithm `oid` names, when the extensions in force compute it.
    ///
    /// - Throws: ``CMSError/Code/unsupportedAlgorithm`` when no registered extension computes
    ///   the scheme or the digest; ``CMSError/Code/malformedEncoding`` when `digest` contradicts `oid`.
    static func algorithm(for oid: ASN1ObjectIdentifier, digest: DigestAlgorithm?) throws -> SignatureAlgorithm {
        var scheme = SignatureAlgorithm.Scheme.dsa
        var resolved = DigestAlgorithm.sha256
        var contradicted = false
        if let combined = table[oid] {
            scheme = combined.0
            resolved = combined.1
            contradicted = digest.map { $0 != combined.1 } ?? false
        } else if oid == ed448 {
            // RFC 8419 §3.1 pairs Ed448 with SHAKE256; another digest is reported by the strength check.
            scheme = .ed448
            resolved = digest ?? .shake256
        } else {
            guard let digest else {
                throw CMSError(.malformedEncoding, "\(AlgorithmNames.name(of: oid)) names a key, not a signature algorithm")
            }
            resolved = digest
        }
        let needsScheme = scheme == .ecdsaPlain || scheme == .ed448 || scheme == .dsa
        guard !needsScheme || CMSAlgorithmExtensions.supports(scheme), resolved.isAvailable else {
            throw CMSError(.unsupportedAlgorithm, "the signature algorithm \(AlgorithmNames.name(of: oid)) is not supported")
        }
        // Checked after support, so that without an extension the algorithm is reported as
        // unsupported (as before), not as a contradiction.
        if contradicted, let digest {
            throw CMSError(.malformedEncoding, "signature algorithm \(AlgorithmNames.name(of: oid)) contradicts digest algorithm \(digest)")
        }
        return SignatureAlgorithm(scheme: scheme, digest: resolved)
    }
}

extension SignatureAlgorithm {
    /// The error for an algorithm this library verifies but does not sign with.
    static func verificationOnly(_ algorithm: SignatureAlgorithm) -> CMSError {
        CMSError(.unsupportedAlgorithm, "\(algorithm) is supported for verification only")
    }
}
