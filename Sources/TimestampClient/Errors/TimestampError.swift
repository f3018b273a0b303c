/// An error thrown by TimestampClient.
///
/// Like `CMSError`, a struct with an opaque ``Code`` and a readable reason; equality
/// compares the code only. A TSA rejection also carries the TSA's ``failureInfo`` and
/// status text, an HTTP failure its ``httpStatus``.
public struct TimestampError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let code: Code
    /// A readable explanation of this particular failure.
    public let reason: String
    /// The PKIStatus of a reply that was not granted.
    public let status: PKIStatus?
    /// The failure bits of a rejection (badAlg, unacceptedPolicy, …), when the TSA sent them.
    public let failureInfo: PKIFailureInfo?
    /// The HTTP status code, for ``Code/httpError``.
    public let httpStatus: Int?

    /// Creates an error; `status`, `failureInfo` and `httpStatus` describe a TSA's or server's answer.
    public init(_ code: Code, _ reason: String, status: PKIStatus? = nil, failureInfo: PKIFailureInfo? = nil, httpStatus: Int? = nil) {
        self.code = code
        self.reason = reason
        self.status = status
        self.failureInfo = failureInfo
        self.httpStatus = httpStatus
    }

    public var description: String { "TimestampError.\(code): \(reason)" }

    public static func == (lhs: TimestampError, rhs: TimestampError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// An opaque, extensible error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The TSA answered with a status other than granted/grantedWithMods (see ``TimestampError/failureInfo``).
        public static let rejected = Code("rejected")
        /// The TSA kept answering `waiting` until the retries ran out.
        public static let waiting = Code("waiting")
        /// The HTTP status was not 200.
        public static let httpError = Code("httpError")
        /// The HTTP reply was not `application/timestamp-reply`.
        public static let unexpectedMediaType = Code("unexpectedMediaType")
        /// No reply within the timeout.
        public static let timeout = Code("timeout")
        /// The connection failed (refused, reset, DNS, TLS…).
        public static let transportFailure = Code("transportFailure")
        /// The reply or token is not valid DER of the expected structure.
        public static let malformedResponse = Code("malformedResponse")
        /// A granted reply carries no token.
        public static let missingToken = Code("missingToken")
        /// The token's encapsulated content type is not id-ct-TSTInfo.
        public static let unexpectedContentType = Code("unexpectedContentType")
        /// The token's messageImprint differs from the request's.
        public static let imprintMismatch = Code("imprintMismatch")
        /// The token's nonce differs from the request's.
        public static let nonceMismatch = Code("nonceMismatch")
        /// The token's policy differs from the requested one.
        public static let policyMismatch = Code("policyMismatch")
        /// certReq was set but the token carries no TSA certificate.
        public static let certificateMissing = Code("certificateMissing")
        /// An argument is inconsistent (digest length, unknown algorithm, bad URL).
        public static let invalidArgument = Code("invalidArgument")
        /// The in-process TSA could not sign.
        public static let signingFailed = Code("signingFailed")
    }
}
