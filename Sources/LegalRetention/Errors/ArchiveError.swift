/// An error thrown by LegalRetention.
///
/// Like the other EContractKit errors it is a struct holding an opaque ``Code`` and a readable
/// reason; equality compares the code only. Reasons name record ids and hashes, never key
/// material or document contents.
public struct ArchiveError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable, comparable code.
    public let code: Code
    /// A readable explanation of this particular failure.
    public let reason: String

    /// An error with a code and a reason.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `ArchiveError.<code>: <reason>`.
    public var description: String { "ArchiveError.\(code): \(reason)" }

    /// Errors are equal when their codes are equal.
    public static func == (lhs: ArchiveError, rhs: ArchiveError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// An opaque, extensible error code. Compare with `==` or `switch` on the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// A caller-supplied value is invalid (date, amount, currency, empty counterparty, …).
        public static let invalidArgument = Code("invalidArgument")
        /// No record (or blob, or key) with that identifier.
        public static let notFound = Code("notFound")
        /// Deletion refused: the record's retention period has not ended.
        public static let retentionNotEnded = Code("retentionNotEnded")
        /// Deletion refused: the record is under a legal hold.
        public static let underLegalHold = Code("underLegalHold")
        /// The record was already disposed of.
        public static let disposed = Code("disposed")
        /// Another writer changed the record first.
        public static let versionConflict = Code("versionConflict")
        /// A blob no longer matches its hash, or a document no longer decrypts to its hash.
        public static let integrityFailure = Code("integrityFailure")
        /// Wrapping, unwrapping, encrypting or decrypting failed (wrong or missing key).
        public static let cryptographicFailure = Code("cryptographicFailure")
        /// Reading or writing the index or the blob store failed.
        public static let storageFailure = Code("storageFailure")
        /// The index or blob store could not be reached (a database server down); retry later.
        public static let storeUnavailable = Code("storeUnavailable")
        /// Writing the export failed.
        public static let exportFailed = Code("exportFailed")
    }
}
