/// An error from the PKCS#11 key provider.
///
/// Like `CMSError`: an opaque, extensible ``Code`` and a readable reason; equality compares
/// the code only. Failures reported by the module carry its ``returnValue`` (the `CKR_*`
/// value and name). Reasons never contain a PIN or key material.
public struct PKCS11Error: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable, comparable code.
    public let code: Code
    /// A readable explanation of this particular failure.
    public let reason: String
    /// The module's return value, when the module reported the failure.
    public let returnValue: PKCS11ReturnValue?

    /// Makes an error; `returnValue` is the module's `CK_RV` when it reported the failure.
    public init(_ code: Code, _ reason: String, returnValue: PKCS11ReturnValue? = nil) {
        self.code = code
        self.reason = reason
        self.returnValue = returnValue
    }

    /// The error for a failed Cryptoki call, its code derived from the return value.
    init(function: String, returnValue: PKCS11ReturnValue) {
        self.init(Code(returnValue), "\(function) failed: \(returnValue)", returnValue: returnValue)
    }

    public var description: String { "PKCS11Error.\(code): \(reason)" }

    public static func == (lhs: PKCS11Error, rhs: PKCS11Error) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// An opaque, extensible error code. Compare with `==` or `switch` on the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// No file at the module path.
        public static let moduleNotFound = Code("moduleNotFound")
        /// The file is not a loadable library, or has no `C_GetFunctionList`.
        public static let notAPKCS11Module = Code("notAPKCS11Module")
        /// No initialised token matches the label or serial number.
        public static let tokenNotFound = Code("tokenNotFound")
        /// No private key matches the label or CKA_ID.
        public static let keyNotFound = Code("keyNotFound")
        /// No certificate was given and none on the token matches the key.
        public static let certificateNotFound = Code("certificateNotFound")
        /// The PIN was wrong (CKR_PIN_INCORRECT).
        public static let pinIncorrect = Code("pinIncorrect")
        /// The PIN is locked, expired or otherwise unusable (CKR_PIN_LOCKED, CKR_PIN_EXPIRED, …).
        public static let pinUnusable = Code("pinUnusable")
        /// No PIN was given (the PIN source returned none or failed).
        public static let pinUnavailable = Code("pinUnavailable")
        /// The session is not logged in (CKR_USER_NOT_LOGGED_IN) and logging in again failed.
        public static let notLoggedIn = Code("notLoggedIn")
        /// The token was removed or its sessions became invalid (CKR_DEVICE_REMOVED, CKR_SESSION_HANDLE_INVALID, …).
        public static let tokenRemoved = Code("tokenRemoved")
        /// The key or module cannot sign with the algorithm asked for (CKR_MECHANISM_INVALID, CKR_KEY_TYPE_INCONSISTENT, …).
        public static let unsupportedMechanism = Code("unsupportedMechanism")
        /// The key may not sign (CKR_KEY_FUNCTION_NOT_PERMITTED).
        public static let keyNotPermitted = Code("keyNotPermitted")
        /// The device or module failed (CKR_DEVICE_ERROR, CKR_GENERAL_ERROR, CKR_HOST_MEMORY, …).
        public static let deviceError = Code("deviceError")
        /// Arguments were refused (CKR_ARGUMENTS_BAD, CKR_DATA_LEN_RANGE, …) or an option was inconsistent.
        public static let invalidArgument = Code("invalidArgument")
        /// The module answered with a value that breaks the standard (a wrong signature length, …).
        public static let badModuleResponse = Code("badModuleResponse")
        /// Any other `CKR_*` value; ``PKCS11Error/returnValue`` names it.
        public static let moduleFailure = Code("moduleFailure")

        /// The code for a module's return value.
        public init(_ value: PKCS11ReturnValue) {
            switch value.name {
            case "CKR_PIN_INCORRECT": self = .pinIncorrect
            case "CKR_PIN_LOCKED", "CKR_PIN_EXPIRED", "CKR_PIN_INVALID", "CKR_PIN_LEN_RANGE", "CKR_USER_PIN_NOT_INITIALIZED":
                self = .pinUnusable
            case "CKR_USER_NOT_LOGGED_IN": self = .notLoggedIn
            case "CKR_DEVICE_REMOVED", "CKR_TOKEN_NOT_PRESENT", "CKR_SESSION_HANDLE_INVALID", "CKR_SESSION_CLOSED",
                 "CKR_TOKEN_NOT_RECOGNIZED", "CKR_SLOT_ID_INVALID":
                self = .tokenRemoved
            case "CKR_MECHANISM_INVALID", "CKR_MECHANISM_PARAM_INVALID", "CKR_KEY_TYPE_INCONSISTENT", "CKR_KEY_SIZE_RANGE",
                 "CKR_FUNCTION_NOT_SUPPORTED":
                self = .unsupportedMechanism
            case "CKR_KEY_FUNCTION_NOT_PERMITTED": self = .keyNotPermitted
            case "CKR_KEY_HANDLE_INVALID", "CKR_OBJECT_HANDLE_INVALID": self = .keyNotFound
            case "CKR_DEVICE_ERROR", "CKR_DEVICE_MEMORY", "CKR_GENERAL_ERROR", "CKR_HOST_MEMORY", "CKR_FUNCTION_FAILED",
                 "CKR_CRYPTOKI_NOT_INITIALIZED", "CKR_LIBRARY_LOAD_FAILED":
                self = .deviceError
            case "CKR_ARGUMENTS_BAD", "CKR_DATA_LEN_RANGE", "CKR_DATA_INVALID", "CKR_ATTRIBUTE_VALUE_INVALID",
                 "CKR_TEMPLATE_INCOMPLETE", "CKR_TEMPLATE_INCONSISTENT", "CKR_BUFFER_TOO_SMALL":
                self = .invalidArgument
            default: self = .moduleFailure
            }
        }
    }
}
