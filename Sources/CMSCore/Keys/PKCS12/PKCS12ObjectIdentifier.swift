import SwiftASN1

/// Object identifiers used by PKCS#12 (RFC 7292), PKCS#5 (RFC 8018) and PBMAC1 (RFC 9579).
package enum PKCS12ObjectIdentifier {
    /// PKCS#7 content types that may appear in an `AuthenticatedSafe`.
    package enum ContentType {
        package static let data: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 1]
        package static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]
        package static let envelopedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 3]
        package static let encryptedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 6]
    }

    /// Bag types (RFC 7292 §4.2, `bagtypes` arc 1.2.840.113549.1.12.10.1).
    package enum BagType {
        package static let keyBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 1]
        package static let pkcs8ShroudedKeyBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 2]
        package static let certBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 3]
        package static let crlBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 4]
        package static let secretBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 5]
        package static let safeContentsBag: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 12, 10, 1, 6]
    }

    /// Certificate types inside a `CertBag` (RFC 7292 §4.2.3).
    package enum CertType {
        package static let x509Certificate: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 22, 1]
        package static let sdsiCertificate: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 22, 2]
    }

    /// Bag attributes (PKCS#9).
    package enum Attribute {
        package static let friendlyName: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 20]
        package static let localKeyId: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 21]
    }

    /// PKCS#5 v2 (RFC 8018) and PBMAC1 (RFC 9579).
    package enum PKCS5 {
        package static let pbkdf2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 5, 12]
        package static let pbes2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 5, 13]
        package static let pbmac1: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 5, 14]
    }

    /// HMAC pseudo-random functions for PBKDF2 and PBMAC1 (RFC 8018 Appendix B.1).
    package enum HMAC {
        package static let hmacWithSHA1: ASN1ObjectIdentifier = [1, 2, 840, 113549, 2, 7]
        package static let hmacWithSHA224: ASN1ObjectIdentifier = [1, 2, 840, 113549, 2, 8]
        package static let hmacWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 113549, 2, 9]
        package static let hmacWithSHA384: ASN1ObjectIdentifier = [1, 2, 840, 113549, 2, 10]
        package static let hmacWithSHA512: ASN1ObjectIdentifier = [1, 2, 840, 113549, 2, 11]
    }

    /// Symmetric ciphers for PBES2 encryption schemes.
    package enum Cipher {
        package static let aes128CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 2]
        package static let aes192CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 22]
        package static let aes256CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 42]
        package static let desCBC: ASN1ObjectIdentifier = [1, 3, 14, 3, 2, 7]
        package static let desEDE3CBC: ASN1ObjectIdentifier = [1, 2, 840, 113549, 3, 7]
        package static let rc2CBC: ASN1ObjectIdentifier = [1, 2, 840, 113549, 3, 2]
    }

    /// The names of password-based encryption schemes this library recognises but does not
    /// implement: the PKCS#12 v1 `pkcs-12PbeIds` (RFC 7292 Appendix C) and PKCS#5 v1.5 PBES1.
    package static let legacyEncryptionNames: [ASN1ObjectIdentifier: String] = [
        [1, 2, 840, 113549, 1, 12, 1, 1]: "pbeWithSHAAnd128BitRC4",
        [1, 2, 840, 113549, 1, 12, 1, 2]: "pbeWithSHAAnd40BitRC4",
        [1, 2, 840, 113549, 1, 12, 1, 3]: "pbeWithSHAAnd3-KeyTripleDES-CBC",
        [1, 2, 840, 113549, 1, 12, 1, 4]: "pbeWithSHAAnd2-KeyTripleDES-CBC",
        [1, 2, 840, 113549, 1, 12, 1, 5]: "pbeWithSHAAnd128BitRC2-CBC",
        [1, 2, 840, 113549, 1, 12, 1, 6]: "pbeWithSHAAnd40BitRC2-CBC",
        [1, 2, 840, 113549, 1, 5, 1]: "pbeWithMD2AndDES-CBC",
        [1, 2, 840, 113549, 1, 5, 3]: "pbeWithMD5AndDES-CBC",
        [1, 2, 840, 113549, 1, 5, 4]: "pbeWithMD2AndRC2-CBC",
        [1, 2, 840, 113549, 1, 5, 6]: "pbeWithMD5AndRC2-CBC",
        [1, 2, 840, 113549, 1, 5, 10]: "pbeWithSHA1AndDES-CBC",
        [1, 2, 840, 113549, 1, 5, 11]: "pbeWithSHA1AndRC2-CBC",
    ]

    /// The name of a legacy scheme, also for unlisted members of the PKCS#12 PBE arc
    /// (1.2.840.113549.1.12.1.x); `nil` when the identifier is not a legacy scheme.
    package static func legacyEncryptionName(_ oid: ASN1ObjectIdentifier) -> String? {
        if let name = legacyEncryptionNames[oid] { return name }
        let prefix: [UInt] = [1, 2, 840, 113549, 1, 12, 1]
        let components = Array(oid.oidComponents)
        if components.count == prefix.count + 1, Array(components.prefix(prefix.count)) == prefix {
            return "PKCS#12 PBE \(oid)"
        }
        return nil
    }
}
