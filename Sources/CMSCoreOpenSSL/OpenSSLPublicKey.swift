import CMSCore
import SwiftASN1

/// A public key libcrypto verifies with: ECDSA on a brainpool curve, Ed448 or DSA. Other key
/// types are left to CMSCore (deny by default: an unlisted curve is not read here either).
///
/// `@unchecked Sendable`: the `EVP_PKEY` is never modified after it is read; every check runs
/// in a context of its own (`EVP_PKEY_CTX`, `EVP_MD_CTX`), as libcrypto allows across threads.
final class OpenSSLPublicKey: CMSExtensionVerificationKey, @unchecked Sendable {
    let family: CMSExtensionKeyFamily
    let typeDescription: String
    private let pkey: OpaquePointer
    private let crypto: LibCrypto

    private static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
    private static let ed448: ASN1ObjectIdentifier = [1, 3, 101, 113]
    private static let dsa: ASN1ObjectIdentifier = [1, 2, 840, 10040, 4, 1]
    /// RFC 5639 §4.1: the three "r" curves of the sizes met in signatures.
    private static let brainpoolCurves: [ASN1ObjectIdentifier: String] = [
        [1, 3, 36, 3, 3, 2, 8, 1, 1, 7]: "brainpoolP256r1",
        [1, 3, 36, 3, 3, 2, 8, 1, 1, 11]: "brainpoolP384r1",
        [1, 3, 36, 3, 3, 2, 8, 1, 1, 13]: "brainpoolP512r1",
    ]

    private init(pkey: OpaquePointer, crypto: LibCrypto, family: CMSExtensionKeyFamily, typeDescription: String) {
        self.pkey = pkey
        self.crypto = crypto
        self.family = family
        self.typeDescription = typeDescription
    }

    deinit { crypto.EVP_PKEY_free(pkey) }

    /// The key in `spki` when it is a type this extension verifies with; `nil` otherwise, and
    /// when libcrypto cannot be loaded (CMSCore then refuses the key as unsupported).
    ///
    /// - Throws: `CMSError` `invalidKey` when libcrypto cannot read a key of such a type.
    static func read(subjectPublicKeyInfo spki: [UInt8]) throws -> OpenSSLPublicKey? {
        guard let identifier = try? BER.sequence(BER.parse(spki), identifier: .sequence, { nodes in
            let identifier = try CMSAlgorithmIdentifier(berEncoded: &nodes)
            _ = try ASN1BitString(berEncoded: &nodes)
            return identifier
        }) else { return nil }
        let family: CMSExtensionKeyFamily
        var name: String
        switch identifier.algorithm {
        case ecPublicKey:
            guard let parameters = identifier.parameters, let curve = try? ASN1ObjectIdentifier(derEncoded: parameters.serializedBytes),
                  let curveName = brainpoolCurves[curve] else {
                return nil
            }
            (family, name) = (.ellipticCurve(curve: curve), curveName)
        case ed448:
            (family, name) = (.ed448, "Ed448")
        case dsa:
            (family, name) = (.dsa(bits: 0), "DSA")
        default:
            return nil
        }
        guard let crypto = LibCrypto.shared else { return nil }
        let pkey: OpaquePointer? = spki.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return crypto.d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let pkey else {
            crypto.ERR_clear_error()
            throw CMSError(.invalidKey, "libcrypto cannot read the \(name) public key")
        }
        var resolvedFamily = family
        if case .dsa = family {
            let bits = Int(crypto.EVP_PKEY_get_bits(pkey))
            resolvedFamily = .dsa(bits: bits)
            name = "DSA-\(bits)"
        }
        return OpenSSLPublicKey(pkey: pkey, crypto: crypto, family: resolvedFamily, typeDescription: name)
    }

    func isValidSignature(_ signature: [UInt8], message: [UInt8]) throws -> Bool {
        guard family == .ed448 else { throw CMSError(.invalidArgument, "\(typeDescription) keys sign a digest, not the message") }
        guard let context = crypto.EVP_MD_CTX_new() else { throw CMSError(.signingFailed, "libcrypto: out of memory") }
        defer { crypto.EVP_MD_CTX_free(context) }
        guard crypto.EVP_DigestVerifyInit_ex(context, nil, nil, nil, nil, pkey, nil) == 1 else {
            crypto.ERR_clear_error()
            throw CMSError(.invalidKey, "libcrypto cannot verify with the \(typeDescription) key")
        }
        let status = crypto.EVP_DigestVerify(context, signature, signature.count, message, message.count)
        crypto.ERR_clear_error()
        return status == 1
    }

    func isValidSignature(_ signature: [UInt8], digest: [UInt8]) throws -> Bool {
        guard family != .ed448 else {
            throw CMSError(.unsupportedAlgorithm, "Ed448 signs the content itself, which was not supplied (only its digest)")
        }
        guard let context = crypto.EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { throw CMSError(.signingFailed, "libcrypto: out of memory") }
        defer { crypto.EVP_PKEY_CTX_free(context) }
        guard crypto.EVP_PKEY_verify_init(context) == 1 else {
            crypto.ERR_clear_error()
            throw CMSError(.invalidKey, "libcrypto cannot verify with the \(typeDescription) key")
        }
        let status = crypto.EVP_PKEY_verify(context, signature, signature.count, digest, digest.count)
        crypto.ERR_clear_error()
        return status == 1
    }
}
