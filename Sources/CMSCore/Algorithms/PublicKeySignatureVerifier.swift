import Crypto
import Foundation
import _CryptoExtras
import X509

/// Checks a raw signature with a public key.
///
/// Shared by CMS SignerInfos, OCSP responses, CRLs and certificates: every caller hands
/// in the exact bytes that were signed (or, for a SignerInfo without signed attributes over
/// content known only by its digest, that digest) and the interpreted ``SignatureAlgorithm``.
package enum PublicKeySignatureVerifier {
    /// Whether `signature` is a valid signature over `message` by the key of a parsed certificate.
    ///
    /// - Throws: ``CMSError/Code/invalidArgument`` when the key type does not fit the
    ///   algorithm (an EC key with an RSA algorithm, say); ``CMSError/Code/unsupportedAlgorithm``
    ///   for a key type this library cannot use.
    package static func isValid(
        signature: some DataProtocol, message: some DataProtocol,
        algorithm: SignatureAlgorithm, publicKey: Certificate.PublicKey
    ) throws -> Bool {
        try isValid(signature: signature, message: message, algorithm: algorithm, key: VerificationKey(publicKey))
    }

    /// Whether `signature` is a valid signature over `message` by `key`.
    package static func isValid(
        signature: some DataProtocol, message: some DataProtocol, algorithm: SignatureAlgorithm, key: VerificationKey
    ) throws -> Bool {
        let signature = Data(signature)
        switch (algorithm.scheme, key) {
        case (.rsaPKCS1v15, .rsa) where algorithm.digest.needsExtension, (.rsaPSS, .rsa) where algorithm.digest.needsExtension:
            // swift-crypto's RSA knows only its own digests: check over the extension's digest.
            return try isValid(signature: signature, digest: algorithm.digest.hash(message), algorithm: algorithm, key: key)
        case (.rsaPKCS1v15, .rsa(let rsa)), (.rsaPSS, .rsa(let rsa)):
            if let pss = algorithm.receivedPSSParameters {
                return RSAPSSVerifier.isValid(signature: Array(signature), messageDigest: algorithm.digest.hash(message),
                                              parameters: pss, publicKey: rsa)
            }
            let padding: _RSA.Signing.Padding = algorithm.scheme == .rsaPSS ? .PSS : .insecurePKCS1v1_5
            let digest = algorithm.digest.typedDigest(of: message)
            return rsa.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest, padding: padding)
        case (.ed25519, .ed25519(let ed25519)):
            return ed25519.isValidSignature(signature, for: Data(message))
        case (.ed448, .external(let external)) where external.family == .ed448:
            return try external.isValidSignature(Array(signature), message: Array(message))
        default:
            return try isValid(signature: signature, digest: algorithm.digest.hash(message), algorithm: algorithm, key: key)
        }
    }

    /// Whether `signature` is a valid signature over a message whose `algorithm.digest` is
    /// `digest` (a SignerInfo without signed attributes, RFC 5652 §5.4, over content the caller
    /// hashed). RSA is checked with this library's EMSA-PKCS1-v1_5 and EMSA-PSS code, ECDSA by
    /// swift-crypto; Ed25519 signs the message itself and cannot be checked from a digest.
    package static func isValid(
        signature: some DataProtocol, digest: [UInt8], algorithm: SignatureAlgorithm, key: VerificationKey
    ) throws -> Bool {
        let signature = Data(signature)
        guard digest.count == algorithm.digest.outputByteCount else { return false }
        let prehashed = PrehashedDigest(bytes: digest)
        if algorithm.scheme == .ecdsaPlain {
            // BSI TR-03111 plain: r ‖ s, re-encoded as the DER ECDSA-Sig-Value the ECDSA check reads.
            guard let der = ECDSAPlainSignature.derEncoding(ofPlain: Array(signature)) else { return false }
            return try isValid(signature: der, digest: digest, algorithm: SignatureAlgorithm(scheme: .ecdsa, digest: algorithm.digest), key: key)
        }
        switch (algorithm.scheme, key) {
        case (.rsaPKCS1v15, .rsa(let rsa)):
            return RSAPKCS1Verifier.isValid(signature: Array(signature), digest: digest, digestAlgorithm: algorithm.digest, publicKey: rsa)
        case (.rsaPSS, .rsa(let rsa)):
            return RSAPSSVerifier.isValid(signature: Array(signature), messageDigest: digest,
                                          parameters: algorithm.receivedPSSParameters ?? RSAPSSParameters(digest: algorithm.digest), publicKey: rsa)
        case (.ecdsa, .p256(let ec)):
            return (try? P256.Signing.ECDSASignature(derRepresentation: signature)).map { ec.isValidSignature($0, for: prehashed) } ?? false
        case (.ecdsa, .p384(let ec)):
            return (try? P384.Signing.ECDSASignature(derRepresentation: signature)).map { ec.isValidSignature($0, for: prehashed) } ?? false
        case (.ecdsa, .p521(let ec)):
            return (try? P521.Signing.ECDSASignature(derRepresentation: signature)).map { ec.isValidSignature($0, for: prehashed) } ?? false
        case (.ed25519, .ed25519):
            throw CMSError(.unsupportedAlgorithm, "Ed25519 signs the content itself, which was not supplied (only its digest)")
        case (.ed448, .external(let external)) where external.family == .ed448:
            throw CMSError(.unsupportedAlgorithm, "Ed448 signs the content itself, which was not supplied (only its digest)")
        case (.ecdsa, .external(let external)) where external.family.isEllipticCurve,
             (.dsa, .external(let external)) where external.family.isDSA:
            return try external.isValidSignature(Array(signature), digest: digest)
        default:
            throw CMSError(.invalidArgument, "\(algorithm) does not fit the signer's \(key.typeDescription) key")
        }
    }
}

/// A digest computed elsewhere, handed to swift-crypto's ECDSA (which reads only its bytes).
struct PrehashedDigest: Digest {
    static var byteCount: Int { 64 }
    let bytes: [UInt8]

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }

    var description: String { "prehashed digest of \(bytes.count) bytes" }
}
