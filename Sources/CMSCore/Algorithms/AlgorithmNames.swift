import SwiftASN1

/// Readable names for the algorithm identifiers met in signatures, including those this
/// library cannot compute (swift-crypto has no SHA-3, SHA-224, RIPEMD-160, brainpool curves,
/// Ed448 or DSA), so that a report can say which algorithm it could not check.
package enum AlgorithmNames {
    /// Named elliptic curves (RFC 5480 §2.1.1.1, RFC 5639).
    package enum Curve {
        package static let p256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 3, 1, 7]
        package static let p384: ASN1ObjectIdentifier = [1, 3, 132, 0, 34]
        package static let p521: ASN1ObjectIdentifier = [1, 3, 132, 0, 35]
    }

    /// `name (dotted OID)` for a known identifier, the dotted OID alone otherwise.
    package static func name(of oid: ASN1ObjectIdentifier) -> String {
        guard let name = names[oid] else { return "\(oid)" }
        return "\(name) (\(oid))"
    }

    private static let names: [ASN1ObjectIdentifier: String] = {
        var table: [ASN1ObjectIdentifier: String] = [
            // Digests.
            [1, 3, 14, 3, 2, 26]: "SHA-1",
            [1, 2, 840, 113549, 2, 2]: "MD2",
            [1, 2, 840, 113549, 2, 5]: "MD5",
            [1, 3, 36, 3, 2, 1]: "RIPEMD-160",
            [1, 2, 156, 10197, 1, 401]: "SM3",
            // Signature algorithms.
            [1, 2, 840, 113549, 1, 1, 1]: "RSA",
            [1, 2, 840, 113549, 1, 1, 2]: "md2WithRSAEncryption",
            [1, 2, 840, 113549, 1, 1, 4]: "md5WithRSAEncryption",
            [1, 2, 840, 113549, 1, 1, 10]: "RSASSA-PSS",
            [1, 2, 840, 113549, 1, 1, 14]: "sha224WithRSAEncryption",
            [1, 3, 36, 3, 3, 1, 2]: "rsaSignatureWithripemd160",
            [1, 2, 840, 10045, 2, 1]: "EC public key",
            [1, 2, 840, 10045, 4, 3, 1]: "ecdsa-with-SHA224",
            [1, 2, 840, 10040, 4, 1]: "DSA",
            [1, 2, 840, 10040, 4, 3]: "dsa-with-SHA1",
            [1, 3, 101, 110]: "X25519",
            [1, 3, 101, 111]: "X448",
            [1, 3, 101, 112]: "Ed25519",
            [1, 3, 101, 113]: "Ed448",
            [1, 2, 156, 10197, 1, 501]: "SM2-with-SM3",
            // Curves.
            [1, 2, 840, 10045, 3, 1, 1]: "P-192",
            [1, 3, 132, 0, 33]: "P-224",
            [1, 3, 132, 0, 10]: "secp256k1",
            Curve.p256: "P-256",
            Curve.p384: "P-384",
            Curve.p521: "P-521",
        ]
        // NIST hash algorithms 2.16.840.1.101.3.4.2.x.
        let nistHashes = ["SHA-256", "SHA-384", "SHA-512", "SHA-224", "SHA-512/224", "SHA-512/256",
                          "SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512", "SHAKE128", "SHAKE256"]
        for (index, name) in nistHashes.enumerated() { table[[2, 16, 840, 1, 101, 3, 4, 2, UInt(index + 1)]] = name }
        // NIST signature algorithms 2.16.840.1.101.3.4.3.x (RFC 5758, RFC 8702 and the NIST registry).
        let nistSignatures = ["dsa-with-SHA224", "dsa-with-SHA256", "dsa-with-SHA384", "dsa-with-SHA512",
                              "dsa-with-SHA3-224", "dsa-with-SHA3-256", "dsa-with-SHA3-384", "dsa-with-SHA3-512",
                              "ecdsa-with-SHA3-224", "ecdsa-with-SHA3-256", "ecdsa-with-SHA3-384", "ecdsa-with-SHA3-512",
                              "RSA-PKCS1v1.5-with-SHA3-224", "RSA-PKCS1v1.5-with-SHA3-256",
                              "RSA-PKCS1v1.5-with-SHA3-384", "RSA-PKCS1v1.5-with-SHA3-512",
                              "ML-DSA-44", "ML-DSA-65", "ML-DSA-87"]
        for (index, name) in nistSignatures.enumerated() { table[[2, 16, 840, 1, 101, 3, 4, 3, UInt(index + 1)]] = name }
        // BSI TR-03111 plain ECDSA 0.4.0.127.0.7.1.1.4.1.x.
        let plain = [1: "SHA1", 2: "SHA224", 3: "SHA256", 4: "SHA384", 5: "SHA512", 6: "RIPEMD160",
                     8: "SHA3-224", 9: "SHA3-256", 10: "SHA3-384", 11: "SHA3-512"]
        for (arc, hash) in plain { table[[0, 4, 0, 127, 0, 7, 1, 1, 4, 1, UInt(arc)]] = "ecdsa-plain-\(hash) (BSI TR-03111)" }
        // Brainpool curves 1.3.36.3.3.2.8.1.1.x (RFC 5639).
        let brainpool = [1: "P160r1", 2: "P160t1", 3: "P192r1", 4: "P192t1", 5: "P224r1", 6: "P224t1", 7: "P256r1",
                         8: "P256t1", 9: "P320r1", 10: "P320t1", 11: "P384r1", 12: "P384t1", 13: "P512r1", 14: "P512t1"]
        for (arc, curve) in brainpool { table[[1, 3, 36, 3, 3, 2, 8, 1, 1, UInt(arc)]] = "brainpool\(curve)" }
        return table
    }()
}
