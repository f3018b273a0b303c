/// An error thrown by ContractModel.
///
/// Like `PDFError` in PDFSign, errors are a struct holding an opaque ``Code`` and a readable
/// reason; equality compares the code only. Workflow refusals also carry the contract's
/// ``state`` and the refused ``action`` so that callers never parse the reason.
///
/// Reasons never contain secrets (tokens, OTP codes, access codes).
public struct ContractError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable, comparable code.
    public let code: Code
    /// A readable explanation of this particular failure.
    public let reason: String
    /// The contract's state when the action was refused, if a contract was involved.
    public let state: ContractState.Kind?
    /// The refused action, if the error refuses a workflow action.
    public let action: ContractAction?

    /// Creates an error with a code, a reason and optionally the state and action it refuses.
    public init(_ code: Code, _ reason: String, state: ContractState.Kind? = nil, action: ContractAction? = nil) {
        self.code = code
        self.reason = reason
        self.state = state
        self.action = action
    }

    /// `ContractError.<code>: <reason>`.
    public var description: String { "ContractError.\(code): \(reason)" }

    /// Errors are equal when their codes are equal.
    public static func == (lhs: ContractError, rhs: ContractError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// An opaque, extensible error code. Compare with `==` or `switch` on the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// The action is not allowed in the contract's (or participant's) current state.
        public static let illegalTransition = Code("illegalTransition")
        /// The caller may not perform this action (wrong participant, wrong role, not its turn).
        public static let callerNotAllowed = Code("callerNotAllowed")
        /// The access policy denied the request (permission, IP allow-list, MFA).
        public static let accessDenied = Code("accessDenied")
        /// The contract, participant or document does not exist.
        public static let notFound = Code("notFound")
        /// A caller-supplied value is invalid (empty title, bad e-mail, witness without a factor, …).
        public static let invalidArgument = Code("invalidArgument")
        /// A year, month and day that do not name a day between 0001-01-01 and 9999-12-31, or
        /// text that is not a `YYYY-MM-DD` date (``CivilDate``).
        public static let invalidDate = Code("invalidDate")
        /// The invitation link is unknown, malformed or bound to another participant.
        public static let invalidLink = Code("invalidLink")
        /// The invitation link has expired.
        public static let linkExpired = Code("linkExpired")
        /// The invitation link was revoked (contract cancelled, corrected or expired).
        public static let linkRevoked = Code("linkRevoked")
        /// The invitation link was already used to sign.
        public static let linkAlreadyUsed = Code("linkAlreadyUsed")
        /// A 当事者型 signing certificate is not bound to the participant (see ``PartyCertificatePolicy``).
        public static let certificateNotBound = Code("certificateNotBound")
        /// Signing was refused because the participant's authentication policy is not satisfied.
        public static let authenticationRequired = Code("authenticationRequired")
        /// A second factor was wrong (OTP, TOTP, access code) or an identity assertion was rejected.
        public static let authenticationFailed = Code("authenticationFailed")
        /// The one-time password has expired; request a new one.
        public static let otpExpired = Code("otpExpired")
        /// Too many wrong attempts: the challenge is locked.
        public static let lockedOut = Code("lockedOut")
        /// A new OTP was requested too soon after the previous one.
        public static let rateLimited = Code("rateLimited")
        /// Another writer changed the contract first (optimistic concurrency).
        public static let versionConflict = Code("versionConflict")
        /// Reading or writing the store failed.
        public static let storageFailure = Code("storageFailure")
        /// The store could not be reached (connection refused, lost or timed out, as with a
        /// database server). Retry later; a save whose connection was lost may still have committed,
        /// so reload before saving again (the version check refuses a duplicate).
        public static let storeUnavailable = Code("storeUnavailable")
        /// The signing engine failed to sign.
        public static let signingFailed = Code("signingFailed")
        /// Delivering a notification failed.
        public static let notificationFailed = Code("notificationFailed")
        /// Anchoring the audit head with a timestamp failed.
        public static let anchoringFailed = Code("anchoringFailed")
    }
}
