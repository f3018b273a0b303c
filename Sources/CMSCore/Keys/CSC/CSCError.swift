/// An error from a Cloud Signature Consortium (CSC) remote signing service, or from talking to it.
///
/// Like ``CMSError``, a struct holding an opaque ``Code`` and a readable reason; equality
/// compares the code only. The service's own answer is kept as received in
/// ``serviceError`` (the CSC `error` value, such as `invalid_request`) and
/// ``serviceDescription`` (its `error_description`), with the HTTP status and the API method.
///
/// CSC API v1.0.4 (§10) reports most failures as `invalid_request` and tells them apart only
/// by `error_description` ("The PIN is invalid", "SAD expired", …); the codes here are read
/// from both, so a caller can `switch` on a wrong PIN, a locked PIN or a refused SAD. Reasons
/// never contain a PIN, an OTP, a SAD or an access token.
public struct CSCError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable, comparable code.
    public let code: Code
    /// A readable explanation of this particular failure.
    public let reason: String
    /// The CSC API method that failed (`credentials/authorize`, `signatures/signHash`, …), if any.
    public let method: String?
    /// The HTTP status of the service's answer, if one arrived.
    public let httpStatus: Int?
    /// The service's `error` value (`invalid_request`, `invalid_token`, …), if it sent one.
    public let serviceError: String?
    /// The service's `error_description`, if it sent one.
    public let serviceDescription: String?

    public init(_ code: Code, _ reason: String, method: String? = nil, httpStatus: Int? = nil,
                serviceError: String? = nil, serviceDescription: String? = nil) {
        self.code = code
        self.reason = reason
        self.method = method
        self.httpStatus = httpStatus
        self.serviceError = serviceError
        self.serviceDescription = serviceDescription
    }

    public var description: String { "CSCError.\(code): \(reason)" }

    public static func == (lhs: CSCError, rhs: CSCError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// An opaque, extensible error code. Compare with `==` or `switch` on the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The service refused a request as malformed (`invalid_request` without a more specific reason).
        public static let invalidRequest = Code("invalidRequest")
        /// The service authorization (the bearer access token) is missing, invalid or expired
        /// (HTTP 401, `invalid_token`).
        public static let invalidToken = Code("invalidToken")
        /// The caller may not use this service or credential (HTTP 403, `access_denied`).
        public static let accessDenied = Code("accessDenied")
        /// The service has no credential with this ID, or not for this user (`Invalid parameter credentialID`, HTTP 404).
        public static let credentialNotFound = Code("credentialNotFound")
        /// The credential exists but cannot sign: its key is disabled or its certificate is not valid.
        public static let credentialDisabled = Code("credentialDisabled")
        /// The PIN given at `credentials/authorize` is wrong.
        public static let invalidPIN = Code("invalidPIN")
        /// The credential's PIN is locked after too many wrong attempts.
        public static let pinLocked = Code("pinLocked")
        /// The OTP given at `credentials/authorize` is wrong or expired.
        public static let invalidOTP = Code("invalidOTP")
        /// The Signature Activation Data was refused at `signatures/signHash`: not issued by the
        /// service, issued for another credential, or not covering the hash sent.
        public static let invalidSAD = Code("invalidSAD")
        /// The Signature Activation Data has expired.
        public static let expiredSAD = Code("expiredSAD")
        /// The credential asks for a PIN or an OTP and none was given (no callback, or it returned nothing).
        public static let authenticationRequired = Code("authenticationRequired")
        /// The credential is authorized in a way this client does not perform (`oauth2code`).
        public static let unsupportedAuthorizationMode = Code("unsupportedAuthorizationMode")
        /// The credential does not offer a signature algorithm usable for this request (or the
        /// service refused the one sent).
        public static let unsupportedAlgorithm = Code("unsupportedAlgorithm")
        /// The service does not implement the method, or speaks another API version than chosen.
        public static let unsupportedMethod = Code("unsupportedMethod")
        /// The service failed (HTTP 5xx, `server_error`).
        public static let serverError = Code("serverError")
        /// The service is overloaded or down for maintenance (HTTP 429/503, `temporarily_unavailable`).
        public static let temporarilyUnavailable = Code("temporarilyUnavailable")
        /// The service's answer cannot be used (not JSON, fields missing, wrong number of signatures).
        public static let badResponse = Code("badResponse")
        /// No answer arrived within the request's time limit.
        public static let timeout = Code("timeout")
        /// No answer arrived for another reason (connection refused, TLS failure).
        public static let transportFailure = Code("transportFailure")
        /// An argument given to this client is unusable (an empty credential ID, a digest of the wrong length).
        public static let invalidArgument = Code("invalidArgument")
    }
}
