import BigInt
import Foundation
import SwiftASN1
import _CryptoExtras

/// RSASSA-PKCS1-v1_5 verification over a digest computed elsewhere (RFC 8017 §8.2.2 with
/// EMSA-PKCS1-v1_5, §9.2).
///
/// swift-crypto verifies PKCS#1 v1.5 only over its own typed digests; a SignerInfo without
/// signed attributes over PDF byte ranges gives only the digest's bytes. The `DigestInfo`
/// is accepted with NULL parameters (the RFC 8017 encoding) or absent parameters (RFC 8017
/// §9.2 note 1 asks verifiers to accept both).
enum RSAPKCS1Verifier {
    static func isValid(signature: [UInt8], digest: [UInt8], digestAlgorithm: DigestAlgorithm,
                        publicKey: _RSA.Signing.PublicKey) -> Bool {
        guard let primitives = try? publicKey.getKeyPrimitives() else { return false }
        let n = BigUInt(primitives.modulus)
        let e = BigUInt(primitives.publicExponent)
        let k = (n.bitWidth + 7) / 8
        guard signature.count == k else { return false }
        let s = BigUInt(Data(signature))
        guard s < n else { return false }
        let m = [UInt8](s.power(e, modulus: n).serialize())
        guard m.count <= k else { return false }
        let em = [UInt8](repeating: 0, count: k - m.count) + m
        for parameters in [CMSAlgorithmIdentifier.nullParameters, nil] {
            guard let t = try? digestInfo(digestAlgorithm, parameters: parameters, digest: digest), k >= t.count + 11 else { continue }
            let expected = [0x00, 0x01] + [UInt8](repeating: 0xFF, count: k - t.count - 3) + [0x00] + t
            if expected == em { return true }
        }
        return false
    }

    /// `DigestInfo ::= SEQUENCE { digestAlgorithm AlgorithmIdentifier, digest OCTET STRING }`.
    private static func digestInfo(_ algorithm: DigestAlgorithm, parameters: ASN1Any?, digest: [UInt8]) throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(CMSAlgorithmIdentifier(algorithm: algorithm.oid, parameters: parameters))
            try coder.serialize(ASN1OctetString(contentBytes: digest[...]))
        }
        return coder.serializedBytes
    }
}
