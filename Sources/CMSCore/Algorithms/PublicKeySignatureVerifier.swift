import Crypto
import Foundation
import _CryptoExtras
import X509

/// Checks a raw signature over a message with a certificate's public key.
///
/// Shared by CMS SignerInfos, OCSP responses, CRLs and certificates: every caller hands
/// in the exact bytes that were signed and the interpreted ``SignatureAlgorithm``.
package enum PublicKeySignatureVerifier {
    /// Whether `signature` is a valid signature over `message`.
    ///
    /// - Throws: ``CMSError/Code/unsupportedAlgorithm`` when the key type does not fit the
    ///   algorithm (an EC key with an RSA algorithm, say).
    package static func isValid(
        signature: some DataProtocol, message: some DataProtocol,
        algorithm: SignatureAlgorithm, publicKey: Certificate.PublicKey
    ) throws -> Bool {
        let signature = Data(signature)
        switch algorithm.scheme {
        case .rsaPKCS1v15, .rsaPSS:
            guard let key = _RSA.Signing.PublicKey(publicKey) else {
                throw CMSError(.unsupportedAlgorithm, "\(algorithm) needs an RSA key")
            }
            if let pss = algorithm.receivedPSSParameters {
                return RSAPSSVerifier.isValid(signature: Array(signature), messageDigest: algorithm.digest.hash(message),
                                              parameters: pss, publicKey: key)
            }
            let padding: _RSA.Signing.Padding = algorithm.scheme == .rsaPSS ? .PSS : .insecurePKCS1v1_5
            let digest = algorithm.digest.typedDigest(of: message)
            return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest, padding: padding)
        case .ecdsa:
            let digest = algorithm.digest.typedDigest(of: message)
            if let key = P256.Signing.PublicKey(publicKey) {
                guard let sig = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
                return key.isValidSignature(sig, for: digest)
            }
            if let key = P384.Signing.PublicKey(publicKey) {
                guard let sig = try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
                return key.isValidSignature(sig, for: digest)
            }
            if let key = P521.Signing.PublicKey(publicKey) {
                guard let sig = try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return false }
                return key.isValidSignature(sig, for: digest)
            }
            throw CMSError(.unsupportedAlgorithm, "\(algorithm) needs a P-256, P-384 or P-521 key")
        case .ed25519:
            guard let key = Curve25519.Signing.PublicKey(publicKey) else {
                throw CMSError(.unsupportedAlgorithm, "Ed25519 needs an Ed25519 key")
            }
            return key.isValidSignature(signature, for: Data(message))
        }
    }
}
