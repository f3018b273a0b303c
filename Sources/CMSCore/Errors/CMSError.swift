/// An error thrown by CMSCore.
///
/// Errors are a struct holding an opaque ``Code`` and a human-readable reason, in the
/// style of swift-certificates' `CertificateError`: new codes can be added without
/// breaking callers, and equality compares the code only. Reasons never contain key
/// material; they may name files, algorithms and object identifiers.
public struct CMSError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable, comparable code.
    public let code: Code
    /// A readable explanation of this particular failure.
    public let reason: String
    /// The error this one wraps, when it has one: for ``Code/signingFailed``, what the key
    /// provider threw (a ``CSCError`` from a remote signing service, for example).
    public let underlyingError: (any Error)?

    public init(_ code: Code, _ reason: String, underlying: (any Error)? = nil) {
        self.code = code
        self.reason = reason
        self.underlyingError = underlying
    }

    public var description: String { "CMSError.\(code): \(reason)" }

    public static func == (lhs: CMSError, rhs: CMSError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// An opaque, extensible error code. Compare with `==` or `switch` on the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The input is not valid DER/BER, or not the ASN.1 structure expected.
        public static let malformedEncoding = Code("malformedEncoding")
        /// The input exceeds a safety limit (size, count or nesting depth).
        public static let limitExceeded = Code("limitExceeded")
        /// The CMS content type is not the one required (for example not id-signedData).
        public static let unexpectedContentType = Code("unexpectedContentType")
        /// An algorithm is unknown or not supported by this library.
        public static let unsupportedAlgorithm = Code("unsupportedAlgorithm")
        /// An algorithm or key size is refused by policy for new signatures (SHA-1, RSA < 2048).
        public static let weakAlgorithmRefused = Code("weakAlgorithmRefused")
        /// A key could not be read (wrong format, wrong password, unsupported key type).
        public static let invalidKey = Code("invalidKey")
        /// A PKCS#12 file uses a legacy cipher (RC2, 3DES, RC4) that this library does not implement.
        public static let legacyPKCS12Encryption = Code("legacyPKCS12Encryption")
        /// A PKCS#12 password was wrong (MAC or decryption failed).
        public static let wrongPassword = Code("wrongPassword")
        /// A certificate could not be parsed or does not match its key.
        public static let invalidCertificate = Code("invalidCertificate")
        /// A key provider failed to produce a signature.
        public static let signingFailed = Code("signingFailed")
        /// The requested signer does not exist in the SignedData.
        public static let signerNotFound = Code("signerNotFound")
        /// Input to an API is inconsistent (for example a digest of the wrong length).
        public static let invalidArgument = Code("invalidArgument")
        /// A network or transport operation failed.
        public static let transportFailure = Code("transportFailure")
        /// A network operation did not complete within its time limit.
        public static let timeout = Code("timeout")
        /// A remote service answered with an error or an unusable response.
        public static let badResponse = Code("badResponse")
    }
}
