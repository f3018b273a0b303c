extension ValidationCheck {
    /// A stable, extensible identifier for a check, encoded as its raw string.
    ///
    /// A struct with static members rather than an enum, so new checks can be added without
    /// breaking callers. Compare with the static members, never with string literals.
    public struct Name: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        // MARK: CMS structure

        /// The SignerInfo asked for exists.
        public static let signerInfo = Self(rawValue: "signerInfo")
        /// SignedData.digestAlgorithms lists the signer's digest algorithm.
        public static let digestAlgorithms = Self(rawValue: "digestAlgorithms")
        /// The signed attributes can be read and hold what RFC 5652 §5.3 requires.
        public static let signedAttributes = Self(rawValue: "signedAttributes")
        /// The content-type attribute (or, for a timestamp token, eContentType) is the expected one.
        public static let contentType = Self(rawValue: "contentType")
        /// The CMS algorithm-protection attribute (RFC 6211) matches the SignerInfo's algorithms.
        public static let algorithmProtection = Self(rawValue: "algorithmProtection")
        /// The SignerInfo's algorithms can be read and computed.
        public static let algorithms = Self(rawValue: "algorithms")
        /// A tolerated deviation in the signature algorithm identifier.
        public static let signatureAlgorithm = Self(rawValue: "signatureAlgorithm")
        /// The algorithms and key size meet the policy.
        public static let algorithmStrength = Self(rawValue: "algorithmStrength")

        // MARK: Integrity

        /// The content's digest matches the message-digest attribute.
        public static let messageDigest = Self(rawValue: "messageDigest")
        /// The signature value verifies with the signer's public key.
        public static let signatureValue = Self(rawValue: "signatureValue")

        // MARK: Signer and chain

        /// The signer's certificate is found and its key can be read.
        public static let signerCertificate = Self(rawValue: "signerCertificate")
        /// The ESS signing-certificate(-v2) attribute binds the signer's certificate.
        public static let signingCertificate = Self(rawValue: "signingCertificate")
        /// The signer's certificate may be used for this signature.
        public static let keyUsage = Self(rawValue: "keyUsage")
        /// The signer's certificate is within its validity period at the validation time.
        public static let validity = Self(rawValue: "validity")
        /// A chain to a trust anchor is built and validated.
        public static let chain = Self(rawValue: "chain")
        /// The revocation status of the chain's certificates.
        public static let revocation = Self(rawValue: "revocation")

        // MARK: Timestamp tokens (RFC 3161)

        /// The token can be decoded.
        public static let format = Self(rawValue: "format")
        /// The token's messageImprint is the digest given.
        public static let messageImprint = Self(rawValue: "messageImprint")
        /// The token echoes the request's nonce.
        public static let nonce = Self(rawValue: "nonce")
        /// The TSA policy is accepted.
        public static let policy = Self(rawValue: "policy")
        /// genTime is within the TSA certificate's validity.
        public static let genTime = Self(rawValue: "genTime")
    }
}
