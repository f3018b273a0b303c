import BigInt
import Foundation
import _CryptoExtras

/// RSASSA-PSS verification (RFC 8017 §8.1.2, EMSA-PSS-VERIFY §9.1.2) for any salt length
/// and MGF1 hash.
///
/// swift-crypto verifies PSS only with the salt as long as the digest. OpenSSL's CMS
/// signer uses the maximum salt length by default, so signatures it makes need this
/// general path. It runs only for such parameters; the common case stays in BoringSSL.
enum RSAPSSVerifier {
    static func isValid(signature: [UInt8], messageDigest mHash: [UInt8], parameters: RSAPSSParameters,
                        publicKey: _RSA.Signing.PublicKey) -> Bool {
        guard let primitives = try? publicKey.getKeyPrimitives() else { return false }
        let n = BigUInt(primitives.modulus)
        let e = BigUInt(primitives.publicExponent)
        let modulusBits = n.bitWidth
        let k = (modulusBits + 7) / 8
        guard signature.count == k else { return false }
        let s = BigUInt(Data(signature))
        guard s < n else { return false }
        let m = s.power(e, modulus: n)

        // EM has emLen = ceil((modBits - 1) / 8) octets.
        let emBits = modulusBits - 1
        let emLen = (emBits + 7) / 8
        var em = [UInt8](m.serialize())
        guard em.count <= emLen else { return false }
        em = [UInt8](repeating: 0, count: emLen - em.count) + em

        let hLen = parameters.hashAlgorithm.outputByteCount
        let sLen = parameters.saltLength
        guard mHash.count == hLen, emLen >= hLen + sLen + 2, em.last == 0xBC else { return false }
        let maskedDB = Array(em[0..<(emLen - hLen - 1)])
        let h = Array(em[(emLen - hLen - 1)..<(emLen - 1)])
        let unusedBits = 8 * emLen - emBits
        let topMask: UInt8 = unusedBits == 0 ? 0 : ~(0xFF >> unusedBits)
        guard maskedDB[0] & topMask == 0 else { return false }
        let dbMask = mgf1(seed: h, length: maskedDB.count, digest: parameters.mgfHashAlgorithm)
        var db = zip(maskedDB, dbMask).map { $0 ^ $1 }
        db[0] &= ~topMask
        let paddingLength = emLen - hLen - sLen - 2
        guard db[0..<paddingLength].allSatisfy({ $0 == 0 }), db[paddingLength] == 0x01 else { return false }
        let salt = db.suffix(sLen)
        let mPrime = [UInt8](repeating: 0, count: 8) + mHash + salt
        return parameters.hashAlgorithm.hash(mPrime) == h
    }

    /// MGF1 (RFC 8017 §B.2.1).
    static func mgf1(seed: [UInt8], length: Int, digest: DigestAlgorithm) -> [UInt8] {
        var output: [UInt8] = []
        var counter: UInt32 = 0
        while output.count < length {
            let c = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
            output += digest.hash(seed + c)
            counter += 1
        }
        return Array(output.prefix(length))
    }
}
