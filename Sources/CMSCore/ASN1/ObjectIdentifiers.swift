import SwiftASN1

/// Object identifiers used by CMS, CAdES, ESS, PKCS and RFC 3161, grouped by family.
public enum CMSObjectIdentifier {
    /// Content types (RFC 5652 §4–§5, RFC 3161 §2.4.2).
    public enum ContentType {
        public static let data: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 1]
        public static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]
        public static let tstInfo: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 1, 4]
    }

    /// Signed and unsigned attribute types (RFC 5652 §11, RFC 5035, RFC 6211, RFC 3161 Annex A).
    public enum Attribute {
        public static let contentType: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 3]
        public static let messageDigest: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]
        public static let signingTime: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 5]
        public static let signingCertificate: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 12]
        public static let signingCertificateV2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 47]
        public static let signatureTimeStampToken: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 14]
        public static let cmsAlgorithmProtection: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 52]
    }

    /// Digest algorithms.
    public enum Digest {
        public static let sha1: ASN1ObjectIdentifier = [1, 3, 14, 3, 2, 26]
        public static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
        public static let sha384: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 2]
        public static let sha512: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 3]
        public static let md5: ASN1ObjectIdentifier = [1, 2, 840, 113549, 2, 5]
        public static let sha3_256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 8]
        public static let sha3_384: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 9]
        public static let sha3_512: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 10]
        /// `id-shake256` (RFC 8419 §2.3), 512 bits of output with Ed448.
        public static let shake256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 12]
        /// `id-shake256-len` (RFC 8702 §3), with the output length as parameter.
        public static let shake256Len: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 18]
    }

    /// Signature algorithms.
    public enum Signature {
        public static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]
        public static let md5WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 4]
        public static let sha1WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 5]
        public static let rsassaPSS: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 10]
        public static let sha256WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 11]
        public static let sha384WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 12]
        public static let sha512WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 13]
        public static let mgf1: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 8]
        public static let ecdsaWithSHA1: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 1]
        public static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]
        public static let ecdsaWithSHA384: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 3]
        public static let ecdsaWithSHA512: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 4]
        public static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
        public static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]
    }
}
