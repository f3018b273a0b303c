import Foundation
import Logging
import PostgresNIO

/// A statement: constant SQL text with `$1`, `$2`, … placeholders, and the values bound to them.
///
/// The text is a `StaticString`, so no value can be spliced into it; values always travel as
/// bind parameters. (``init(unchecked:_:)`` exists for identifiers that were validated, such as a
/// schema name, never for values.)
public struct SQL: Sendable {
    /// A bound value.
    public enum Value: Sendable {
        /// `text`, or NULL.
        case text(String?)
        /// `bigint`.
        case int(Int)
        /// `bytea`.
        case bytes(Data)
        /// `text[]`.
        case texts([String])
    }

    /// The statement text.
    public let text: String
    /// The values for `$1`, `$2`, ….
    public let values: [Value]

    /// A statement with constant text.
    public init(_ text: StaticString, _ values: Value...) {
        self.text = "\(text)"
        self.values = values
    }

    /// A statement whose text was built at run time from validated identifiers only.
    public init(unchecked text: String, _ values: Value...) {
        self.text = text
        self.values = values
    }

    /// A statement whose text was built at run time from constant fragments and `$n`
    /// placeholders, with its values in an array (for a `WHERE` clause assembled from optional conditions).
    public init(unchecked text: String, values: [Value]) {
        self.text = text
        self.values = values
    }

    /// The postgres-nio query.
    public func query() throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): binds.append(text)
            case .int(let number): binds.append(number)
            case .bytes(let data): try binds.append(data)
            case .texts(let texts): binds.append(texts)
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: binds)
    }

    /// Runs the statement on `connection` and discards any rows.
    public func run(on connection: PostgresConnection, _ logger: Logger) async throws {
        let rows = try await connection.query(try query(), logger: logger)
        for try await _ in rows {}
    }

    /// Runs the statement and returns its rows.
    public func rows(on connection: PostgresConnection, _ logger: Logger) async throws -> [PostgresRow] {
        var result: [PostgresRow] = []
        for try await row in try await connection.query(try query(), logger: logger) { result.append(row) }
        return result
    }

    /// Runs an `UPDATE`/`DELETE`/`INSERT` and returns the number of rows it touched (from its `RETURNING 1`).
    public func count(on connection: PostgresConnection, _ logger: Logger) async throws -> Int {
        try await rows(on: connection, logger).count
    }
}

extension PostgresStoreClient {
    /// `error` as a ``PostgresStoreError`` when it comes from the driver (or a timeout); any other
    /// error (such as one thrown by the caller's own code inside a transaction) is returned as it is.
    /// `context` says what was being done (no secrets).
    public static func map(_ error: any Error, _ context: String) -> any Error {
        if error is PostgresStoreError { return error }
        if error is CancellationError { return PostgresStoreError(.timedOut, "\(context): cancelled") }
        if let transaction = error as? PostgresTransactionError {
            if let closure = transaction.closureError { return map(closure, context) }
            if let begin = transaction.beginError { return map(begin, context) }
            if let commit = transaction.commitError {
                // The outcome of a COMMIT whose connection broke is unknown: say so.
                let mapped = map(commit, context + " (at COMMIT: the transaction may or may not have been applied)")
                return mapped
            }
            return PostgresStoreError(.queryFailed, "\(context): transaction failed")
        }
        guard let error = error as? PSQLError else { return error }
        if error.code == .server {
            let state = error.serverInfo?[.sqlState]
            let message = error.serverInfo?[.message] ?? "the server refused the statement"
            switch state {
            case "23505"?: return PostgresStoreError(.uniqueViolation, "\(context): \(message)", sqlState: state)
            // The server's statement_timeout (query_canceled) or lock_timeout (lock_not_available): the time limit.
            case "57014"?, "55P03"?: return PostgresStoreError(.timedOut, "\(context): \(message)", sqlState: state)
            case let state? where state.hasPrefix("28") || state == "3D000":
                return PostgresStoreError(.authenticationFailed, "\(context): \(message)", sqlState: state)
            case let state? where state.hasPrefix("08") || state.hasPrefix("57P"):
                return PostgresStoreError(.connectionFailed, "\(context): \(message)", sqlState: state)
            default: return PostgresStoreError(.queryFailed, "\(context): \(message)", sqlState: state)
            }
        }
        switch error.code {
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            return PostgresStoreError(.authenticationFailed, "\(context): \(error.code)")
        case .poolClosed, .clientClosedConnection:
            return PostgresStoreError(.closed, "\(context): the client is closed")
        case .queryCancelled:
            return PostgresStoreError(.timedOut, "\(context): cancelled")
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .sslUnsupported, .failedToAddSSLHandler,
             .receivedUnencryptedDataAfterSSLRequest:
            let underlying = error.underlying.map { ": \($0)" } ?? ""
            return PostgresStoreError(.connectionFailed, "\(context): \(error.code)\(underlying)")
        default:
            return PostgresStoreError(.queryFailed, "\(context): \(error.code)")
        }
    }
}
