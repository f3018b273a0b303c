/// Something ``CMSSignatureVerifier`` wants a caller to know in typed form, beside the checks:
/// a deviation from the standards it tolerated, or why it could not decide.
///
/// A caller (the PDF validator) turns notices into its own findings by ``code``, never by
/// reading ``ValidationCheck/name`` strings.
public struct CMSValidationNotice: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A stable, extensible notice code. Compare with the static members.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The SignerInfo has no signed attributes: the signature is over the content itself
        /// (RFC 5652 §5.4, plain PKCS#7). Allowed, but it is not CAdES.
        public static let noSignedAttributes = Code(rawValue: "noSignedAttributes")
        /// `signatureAlgorithm` names the EC curve or id-ecPublicKey instead of
        /// ecdsa-with-SHAx; read as ECDSA with the `digestAlgorithm` (a known producer bug).
        public static let keyIdentifierAsSignatureAlgorithm = Code(rawValue: "keyIdentifierAsSignatureAlgorithm")
        /// A digest, signature or key algorithm this library cannot compute: the signature
        /// could not be checked (INDETERMINATE). The detail names the algorithm.
        public static let unsupportedAlgorithm = Code(rawValue: "unsupportedAlgorithm")
        /// An algorithm or key size below the policy (SHA-1, RSA below 2048 bits).
        public static let weakAlgorithm = Code(rawValue: "weakAlgorithm")
        /// swift-certificates cannot parse the signer's certificate: the signature was checked
        /// with the fields read by swift-asn1, but no chain can be built from it.
        public static let unparseableSignerCertificate = Code(rawValue: "unparseableSignerCertificate")
        /// The signer's certificate is not meant for signing documents: a CA certificate, an
        /// extendedKeyUsage without a document-signing purpose (a TSA or OCSP responder
        /// certificate), or a keyUsage without digitalSignature and nonRepudiation.
        public static let signerCertificatePurpose = Code(rawValue: "signerCertificatePurpose")
    }

    /// What was noticed.
    public let code: Code
    /// A readable explanation.
    public let detail: String

    /// A notice.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// `code: detail`.
    public var description: String { "\(code): \(detail)" }
}

/// Whether a SignerInfo's signature value was found to hold over the content.
public enum CMSIntegrity: String, Sendable, Hashable, Codable {
    /// The content digest matches and the signature value verifies with the signer's key
    /// (through the message-digest attribute, or directly without signed attributes).
    case verified
    /// The digest or the signature value does not match: the signature is broken.
    case failed
    /// Not checked: an unsupported algorithm, no signer certificate, no content, or a
    /// structural problem found first.
    case notChecked
}
