import Crypto
import SwiftASN1
import _CryptoExtras

/// A hash function that PKCS#12 integrity and password-based encryption may name: as the
/// `MacData` digest, as a PBKDF2 pseudo-random function or as a PBMAC1 HMAC.
enum PKCS12HashAlgorithm: Sendable, CustomStringConvertible {
    case sha1, sha224, sha256, sha384, sha512

    /// The hash named by a `MacData` digest algorithm identifier.
    init(digestAlgorithm oid: ASN1ObjectIdentifier) throws {
        switch oid {
        case CMSObjectIdentifier.Digest.sha1: self = .sha1
        case [2, 16, 840, 1, 101, 3, 4, 2, 4]: self = .sha224
        case CMSObjectIdentifier.Digest.sha256: self = .sha256
        case CMSObjectIdentifier.Digest.sha384: self = .sha384
        case CMSObjectIdentifier.Digest.sha512: self = .sha512
        default:
            throw CMSError(.unsupportedAlgorithm, "PKCS#12: MAC digest algorithm \(oid) is not supported (use SHA-1 or SHA-2)")
        }
    }

    /// The hash of an HMAC algorithm identifier (hmacWithSHA1 … hmacWithSHA512).
    init(hmacAlgorithm oid: ASN1ObjectIdentifier) throws {
        switch oid {
        case PKCS12ObjectIdentifier.HMAC.hmacWithSHA1: self = .sha1
        case PKCS12ObjectIdentifier.HMAC.hmacWithSHA224: self = .sha224
        case PKCS12ObjectIdentifier.HMAC.hmacWithSHA256: self = .sha256
        case PKCS12ObjectIdentifier.HMAC.hmacWithSHA384: self = .sha384
        case PKCS12ObjectIdentifier.HMAC.hmacWithSHA512: self = .sha512
        default:
            throw CMSError(.unsupportedAlgorithm, "PKCS#12: HMAC algorithm \(oid) is not supported (use hmacWithSHA1 or hmacWithSHA2)")
        }
    }

    var description: String {
        switch self {
        case .sha1: "SHA-1"
        case .sha224: "SHA-224"
        case .sha256: "SHA-256"
        case .sha384: "SHA-384"
        case .sha512: "SHA-512"
        }
    }

    var outputByteCount: Int {
        switch self {
        case .sha1: 20
        case .sha224: 28
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    var pbkdf2HashFunction: KDF.Insecure.PBKDF2.HashFunction {
        switch self {
        case .sha1: .insecureSHA1
        case .sha224: .insecureSHA224
        case .sha256: .sha256
        case .sha384: .sha384
        case .sha512: .sha512
        }
    }

    /// The RFC 7292 Appendix B key derivation with this hash.
    func pkcs12Derive(
        purpose: PKCS12KeyDerivation.Purpose, password: [UInt8], salt: ArraySlice<UInt8>, iterations: Int, byteCount: Int
    ) throws -> [UInt8] {
        switch self {
        case .sha1:
            PKCS12KeyDerivation.derive(Insecure.SHA1.self, purpose: purpose, password: password, salt: salt, iterations: iterations, byteCount: byteCount)
        case .sha224:
            throw CMSError(.unsupportedAlgorithm, "PKCS#12: the SHA-224 MAC is not supported")
        case .sha256:
            PKCS12KeyDerivation.derive(SHA256.self, purpose: purpose, password: password, salt: salt, iterations: iterations, byteCount: byteCount)
        case .sha384:
            PKCS12KeyDerivation.derive(SHA384.self, purpose: purpose, password: password, salt: salt, iterations: iterations, byteCount: byteCount)
        case .sha512:
            PKCS12KeyDerivation.derive(SHA512.self, purpose: purpose, password: password, salt: salt, iterations: iterations, byteCount: byteCount)
        }
    }

    /// PBKDF2 (RFC 8018 §5.2) with HMAC over this hash. The caller bounds `iterations`.
    func pbkdf2(password: [UInt8], salt: ArraySlice<UInt8>, iterations: Int, byteCount: Int) throws -> SymmetricKey {
        do {
            return try KDF.Insecure.PBKDF2.deriveKey(
                from: password, salt: Array(salt), using: pbkdf2HashFunction,
                outputByteCount: byteCount, unsafeUncheckedRounds: iterations)
        } catch {
            throw CMSError(.invalidKey, "PKCS#12: PBKDF2 with HMAC-\(self) failed: \(error)")
        }
    }

    /// Whether `mac` is the HMAC of `message` under `key`, compared in constant time.
    func hmacIsValid(_ mac: ArraySlice<UInt8>, message: ArraySlice<UInt8>, key: SymmetricKey) throws -> Bool {
        guard mac.count == outputByteCount else { return false }
        let code = Array(mac)
        let data = Array(message)
        switch self {
        case .sha1: return HMAC<Insecure.SHA1>.isValidAuthenticationCode(code, authenticating: data, using: key)
        case .sha224: throw CMSError(.unsupportedAlgorithm, "PKCS#12: HMAC-SHA-224 is not supported")
        case .sha256: return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: data, using: key)
        case .sha384: return HMAC<SHA384>.isValidAuthenticationCode(code, authenticating: data, using: key)
        case .sha512: return HMAC<SHA512>.isValidAuthenticationCode(code, authenticating: data, using: key)
        }
    }
}
