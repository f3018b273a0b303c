import Crypto
import SwiftASN1
import X509

/// The `signAlgo` (and `signAlgoParams`) sent to `signatures/signHash` for a ``SignatureAlgorithm``.
///
/// Services name RSA PKCS#1 v1.5 either by the combined OID (`sha256WithRSAEncryption`) or by
/// `rsaEncryption` with a separate `hashAlgo`, and ECDSA by `ecdsa-with-SHA256` or by
/// `id-ecPublicKey`; the first one the credential offers (`key.algo`) is chosen. RSASSA-PSS
/// carries its parameters (MGF1 with the same digest, salt length = digest length).
public struct CSCSignatureMechanism: Sendable, Hashable {
    /// The `signAlgo` object identifier.
    public let algorithm: ASN1ObjectIdentifier
    /// The DER `signAlgoParams`, for RSASSA-PSS.
    public let parameters: [UInt8]?

    /// The mechanism for `signature` among those `offered` by the credential (any, when the
    /// service lists none).
    ///
    /// - Throws: ``CSCError/Code/unsupportedAlgorithm`` when the credential offers none that
    ///   computes `signature`, or for Ed25519 (which signs messages, not hashes).
    public static func choose(for signature: SignatureAlgorithm, offered: [ASN1ObjectIdentifier]) throws -> CSCSignatureMechanism {
        typealias OID = CMSObjectIdentifier.Signature
        let candidates: [ASN1ObjectIdentifier]
        var parameters: [UInt8]?
        switch signature.scheme {
        case .rsaPKCS1v15:
            let combined: ASN1ObjectIdentifier? = switch signature.digest {
            case .sha256: OID.sha256WithRSA
            case .sha384: OID.sha384WithRSA
            case .sha512: OID.sha512WithRSA
            default: nil
            }
            candidates = (combined.map { [$0] } ?? []) + [OID.rsaEncryption]
        case .rsaPSS:
            candidates = [OID.rsassaPSS]
            parameters = try ASN1Any(erasing: RSAPSSParameters(digest: signature.digest)).serializedBytes
        case .ecdsa:
            let combined: ASN1ObjectIdentifier? = switch signature.digest {
            case .sha256: OID.ecdsaWithSHA256
            case .sha384: OID.ecdsaWithSHA384
            case .sha512: OID.ecdsaWithSHA512
            default: nil
            }
            candidates = (combined.map { [$0] } ?? []) + [OID.ecPublicKey]
        case .ed25519:
            throw CSCError(.unsupportedAlgorithm, "Ed25519 signs whole messages; a CSC service signs hashes")
        case .ecdsaPlain, .ed448, .dsa:
            throw CSCError(.unsupportedAlgorithm, "\(signature) is verified (through an algorithm extension), never made, by this SDK")
        }
        guard let chosen = offered.isEmpty ? candidates.first : candidates.first(where: offered.contains) else {
            let names = offered.map { AlgorithmNames.name(of: $0) }.joined(separator: ", ")
            throw CSCError(.unsupportedAlgorithm, "the credential offers \(names), not \(signature)")
        }
        return CSCSignatureMechanism(algorithm: chosen, parameters: parameters)
    }

    /// The signature value as CMS carries it: an ECDSA signature the service returned as raw
    /// r‖s (as PKCS#11 tokens produce) becomes DER `ECDSA-Sig-Value`; others are unchanged.
    static func cmsSignatureValue(_ value: [UInt8], scheme: SignatureAlgorithm.Scheme, publicKey: Certificate.PublicKey) -> [UInt8] {
        guard scheme == .ecdsa else { return value }
        if P256.Signing.PublicKey(publicKey) != nil {
            if (try? P256.Signing.ECDSASignature(derRepresentation: value)) != nil { return value }
            if let raw = try? P256.Signing.ECDSASignature(rawRepresentation: value) { return Array(raw.derRepresentation) }
        } else if P384.Signing.PublicKey(publicKey) != nil {
            if (try? P384.Signing.ECDSASignature(derRepresentation: value)) != nil { return value }
            if let raw = try? P384.Signing.ECDSASignature(rawRepresentation: value) { return Array(raw.derRepresentation) }
        } else if P521.Signing.PublicKey(publicKey) != nil {
            if (try? P521.Signing.ECDSASignature(derRepresentation: value)) != nil { return value }
            if let raw = try? P521.Signing.ECDSASignature(rawRepresentation: value) { return Array(raw.derRepresentation) }
        }
        return value
    }
}
