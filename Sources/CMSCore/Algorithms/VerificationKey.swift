import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A public key to check signatures with, read from a `SubjectPublicKeyInfo` with swift-asn1
/// (RFC 5280 §4.1.2.7), so that it does not depend on swift-certificates accepting the
/// certificate around it.
///
/// ```
/// SubjectPublicKeyInfo  ::=  SEQUENCE  {
///      algorithm            AlgorithmIdentifier,
///      subjectPublicKey     BIT STRING  }
/// ```
/// RSA keys come as rsaEncryption or id-RSASSA-PSS (RFC 4055 §1.2; the key is the same
/// `RSAPublicKey`) from 1024 bits up — smaller keys are refused by the strength check, not
/// here; EC keys on P-256, P-384 and P-521 (RFC 5480), compressed or not; Ed25519 (RFC 8410).
/// Other key types (brainpool and other curves, Ed448, DSA) are read by a registered
/// ``CMSAlgorithmExtension`` when one reads them, and throw
/// ``CMSError/Code/unsupportedAlgorithm`` naming the algorithm otherwise.
package enum VerificationKey {
    case rsa(_RSA.Signing.PublicKey)
    case p256(P256.Signing.PublicKey)
    case p384(P384.Signing.PublicKey)
    case p521(P521.Signing.PublicKey)
    case ed25519(Curve25519.Signing.PublicKey)
    /// A key a registered ``CMSAlgorithmExtension`` read.
    case external(any CMSExtensionVerificationKey)

    package init(subjectPublicKeyInfo spki: ArraySlice<UInt8>) throws {
        do {
            self = try VerificationKey(swiftCryptoSubjectPublicKeyInfo: spki)
        } catch let error as CMSError where error.code == .unsupportedAlgorithm {
            guard let key = try CMSAlgorithmExtensions.verificationKey(subjectPublicKeyInfo: spki) else { throw error }
            self = .external(key)
        }
    }

    private init(swiftCryptoSubjectPublicKeyInfo spki: ArraySlice<UInt8>) throws {
        let (algorithm, key) = try BER.sequence(BER.parse(spki), identifier: .sequence) { nodes in
            (try CMSAlgorithmIdentifier(berEncoded: &nodes), try ASN1BitString(berEncoded: &nodes).bytes)
        }
        typealias OID = CMSObjectIdentifier.Signature
        switch algorithm.algorithm {
        case OID.rsaEncryption, OID.rsassaPSS:
            do {
                self = .rsa(try _RSA.Signing.PublicKey(unsafeDERRepresentation: key))
            } catch {
                throw CMSError(.unsupportedAlgorithm, "the RSA public key cannot be used (below 1024 bits or malformed): \(error)")
            }
        case OID.ecPublicKey:
            let curve = try algorithm.parameters.map { try ASN1ObjectIdentifier(derEncoded: $0.serializedBytes) }
            switch curve {
            case AlgorithmNames.Curve.p256:
                self = .p256(key.first == 0x04 ? try .init(x963Representation: key) : try .init(compressedRepresentation: key))
            case AlgorithmNames.Curve.p384:
                self = .p384(key.first == 0x04 ? try .init(x963Representation: key) : try .init(compressedRepresentation: key))
            case AlgorithmNames.Curve.p521:
                self = .p521(key.first == 0x04 ? try .init(x963Representation: key) : try .init(compressedRepresentation: key))
            default:
                let name = curve.map { AlgorithmNames.name(of: $0) } ?? "implicit or explicit curve parameters"
                throw CMSError(.unsupportedAlgorithm, "EC public keys on \(name) are not supported")
            }
        case OID.ed25519:
            self = .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: key))
        default:
            throw CMSError(.unsupportedAlgorithm, "\(AlgorithmNames.name(of: algorithm.algorithm)) public keys are not supported")
        }
    }

    /// The key of a certificate swift-certificates parsed.
    package init(_ publicKey: Certificate.PublicKey) throws {
        var coder = DER.Serializer()
        try coder.serialize(publicKey)
        try self.init(subjectPublicKeyInfo: coder.serializedBytes[...])
    }

    /// The size of a DSA key; `nil` for other keys.
    package var dsaKeySizeInBits: Int? {
        if case .external(let key) = self, case .dsa(let bits) = key.family { return bits }
        return nil
    }

    /// The modulus size of an RSA key; `nil` for other keys.
    package var rsaKeySizeInBits: Int? {
        if case .rsa(let key) = self { return key.keySizeInBits }
        return nil
    }
}

extension VerificationKey {
    /// The key type, for messages.
    package var typeDescription: String {
        switch self {
        case .rsa(let key): "RSA-\(key.keySizeInBits)"
        case .p256: "P-256"
        case .p384: "P-384"
        case .p521: "P-521"
        case .ed25519: "Ed25519"
        case .external(let key): key.typeDescription
        }
    }
}
