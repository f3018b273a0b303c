/// A refusal the portal explains to the user (pages) or the client (API, as `{"error":{"code","message"}}`).
public struct PortalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let code: Code
    /// A message safe to show (no secrets, no hint whether an address or link exists).
    public let message: String

    /// An error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "PortalError.\(code.rawValue): \(message)" }

    /// The kinds of refusal, with their HTTP status.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The upload is not a readable PDF.
        public static let notPDF = Code(rawValue: "not-pdf")
        /// The upload is over the size limit.
        public static let tooLarge = Code(rawValue: "too-large")
        /// A field is missing or malformed.
        public static let invalidInput = Code(rawValue: "invalid-input")
        /// No such contract (or not yours).
        public static let notFound = Code(rawValue: "not-found")
        /// The action does not fit the contract's state.
        public static let conflict = Code(rawValue: "conflict")
    }
}
