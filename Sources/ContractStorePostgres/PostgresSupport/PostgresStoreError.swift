/// An error of the PostgreSQL plumbing: configuration, connection, migrations.
///
/// Like the other EContractKit errors it is a struct holding an opaque ``Code`` and a readable
/// reason; equality compares the code only. Reasons never contain the password.
///
/// The stores translate these into `ContractError` for the `ContractStore` and `DocumentStore`
/// methods (``Code/connectionFailed``, ``Code/authenticationFailed`` and ``Code/timedOut``
/// become `storeUnavailable`, the rest `storageFailure`); ``PostgresStoreClient/open(_:logger:)``
/// and the stores' `open` throw them as they are.
public struct PostgresStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable, comparable code.
    public let code: Code
    /// A readable explanation of this particular failure (never the password).
    public let reason: String
    /// The server's SQLSTATE, when the server refused a statement.
    public let sqlState: String?

    /// An error with a code and a reason.
    public init(_ code: Code, _ reason: String, sqlState: String? = nil) {
        self.code = code
        self.reason = reason
        self.sqlState = sqlState
    }

    /// `PostgresStoreError.<code>: <reason>`.
    public var description: String { "PostgresStoreError.\(code): \(reason)" }

    /// Errors are equal when their codes are equal.
    public static func == (lhs: PostgresStoreError, rhs: PostgresStoreError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// Whether the failure is about reaching the server rather than about the data.
    public var isUnavailable: Bool { [.connectionFailed, .authenticationFailed, .timedOut, .closed].contains(code) }

    /// An opaque, extensible error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// The URL or environment does not describe a usable connection (scheme, host, port, schema name).
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// The server could not be reached, or closed the connection.
        public static let connectionFailed = Code("connectionFailed")
        /// The server refused the credentials or the database.
        public static let authenticationFailed = Code("authenticationFailed")
        /// No connection or answer within the configured time.
        public static let timedOut = Code("timedOut")
        /// The client was closed.
        public static let closed = Code("closed")
        /// The server refused a statement.
        public static let queryFailed = Code("queryFailed")
        /// A statement broke a unique or primary-key constraint (SQLSTATE 23505).
        public static let uniqueViolation = Code("uniqueViolation")
        /// A migration failed; the schema is left at the last committed version.
        public static let migrationFailed = Code("migrationFailed")
        /// The database was migrated by a newer version of this software.
        public static let schemaTooNew = Code("schemaTooNew")
    }
}
