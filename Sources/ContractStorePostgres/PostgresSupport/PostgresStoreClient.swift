import Foundation
import Logging
import PostgresNIO

/// A PostgreSQL connection pool with its lifecycle, a time limit on every call and typed errors:
/// the plumbing the PostgreSQL stores share (and that LegalRetention can reuse).
///
/// ``open(_:logger:)`` connects once directly (so a wrong host, port, role or database fails at
/// once with ``PostgresStoreError``), starts the pool's background task, and creates the
/// configured schema if missing. ``close()`` ends the pool; a client that is dropped without it
/// is closed too.
///
/// SQL reaches the server only through ``SQL``: constant statement text with `$1`, `$2`, …
/// placeholders and separately bound values.
public final class PostgresStoreClient: Sendable {
    /// The configuration (its ``PostgresConnectionConfiguration/description`` omits the password).
    public let configuration: PostgresConnectionConfiguration
    let client: PostgresClient
    let runTask: Task<Void, Never>
    /// The logger statements and background events go to.
    public let logger: Logger

    private init(configuration: PostgresConnectionConfiguration, client: PostgresClient, logger: Logger) {
        self.configuration = configuration
        self.client = client
        self.logger = logger
        runTask = Task { await client.run() }
    }

    deinit { runTask.cancel() }

    /// Connects, starts the pool and makes sure the schema exists.
    /// - Throws: ``PostgresStoreError`` (`connectionFailed`, `authenticationFailed`, `timedOut`, `queryFailed`).
    public static func open(_ configuration: PostgresConnectionConfiguration,
                            logger: Logger = Logger(label: "econtract.postgres")) async throws -> PostgresStoreClient {
        try await probe(configuration, logger: logger)
        var clientConfiguration = PostgresClient.Configuration(
            host: configuration.host, port: configuration.port, username: configuration.username, password: configuration.password,
            database: configuration.database, tls: Self.clientTLS(configuration.tls))
        // The server, too, bounds waits: a lock wait or a statement ends after the time limit, and a transaction
        // left open by a client that stopped (killed, or starved past its time limit) is ended, releasing its locks.
        let milliseconds = String(configuration.timeout.components.seconds * 1000)
        clientConfiguration.options.additionalStartupParameters = [
            ("search_path", configuration.schema), ("application_name", "econtract"),
            ("lock_timeout", milliseconds), ("idle_in_transaction_session_timeout", milliseconds), ("statement_timeout", milliseconds),
        ]
        clientConfiguration.options.maximumConnections = configuration.maximumConnections
        clientConfiguration.options.connectTimeout = configuration.timeout
        let opened = PostgresStoreClient(configuration: configuration, client: PostgresClient(configuration: clientConfiguration, backgroundLogger: logger),
                                         logger: logger)
        do {
            try await opened.ensureSchema()
        } catch {
            await opened.close()
            throw error
        }
        return opened
    }

    /// Ends the pool and waits for its background task.
    public func close() async {
        runTask.cancel()
        await runTask.value
    }

    /// One direct connection, closed again: turns a bad address or login into an immediate typed error.
    static func probe(_ configuration: PostgresConnectionConfiguration, logger: Logger) async throws {
        var connectionConfiguration = PostgresConnection.Configuration(
            host: configuration.host, port: configuration.port, username: configuration.username, password: configuration.password,
            database: configuration.database, tls: try connectionTLS(configuration.tls))
        connectionConfiguration.options.connectTimeout = .nanoseconds(Int64(configuration.timeout.components.seconds) * 1_000_000_000)
        do {
            let connection = try await PostgresConnection.connect(
                on: PostgresClient.defaultEventLoopGroup.next(), configuration: connectionConfiguration, id: 0, logger: logger).get()
            try? await connection.close()
        } catch {
            // Socket-level failures (refused, unreachable, DNS) are not driver errors: still a connection failure.
            if let mapped = Self.map(error, "cannot connect to \(configuration)") as? PostgresStoreError { throw mapped }
            throw PostgresStoreError(.connectionFailed, "cannot connect to \(configuration): \(error)")
        }
    }

    func ensureSchema() async throws {
        // The schema name is an identifier, not a value: it is validated to [a-z_][a-z0-9_]*, so it needs no quoting.
        let name = configuration.schema
        precondition(PostgresConnectionConfiguration.isValidSchemaName(name))
        try await transaction { connection in
            try await SQL("SELECT pg_advisory_xact_lock($1)", .int(Self.schemaLockKey)).run(on: connection, self.logger)
            try await SQL(unchecked: "CREATE SCHEMA IF NOT EXISTS \(name)").run(on: connection, self.logger)
        }
    }

    /// The advisory-lock key that serialises schema creation and migrations across processes.
    static let schemaLockKey = 0x4543_6F6E_7472_6163  // "EContrac"

    /// Runs `body` in one transaction (`BEGIN` … `COMMIT`, or `ROLLBACK` when it throws) within the time limit.
    ///
    /// When the time limit is reached the call throws ``PostgresStoreError/Code/timedOut`` at
    /// once, without waiting for `body`, and the transaction's connection is closed: it never
    /// goes back to the pool in an unknown state, and the uncommitted transaction is rolled back.
    /// The server's `statement_timeout` (the same limit) ends a statement still running there.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let inUse = ConnectionInUse()
        return try await limited(onTimeout: { await inUse.close(self.logger) }) {
            try await self.client.withTransaction(logger: self.logger) { connection in
                try inUse.set(connection)
                return try await body(connection)
            }
        }
    }

    /// Runs `body` on a pooled connection (autocommit) within the time limit; a timed-out
    /// connection is closed as in ``transaction(_:)``.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let inUse = ConnectionInUse()
        return try await limited(onTimeout: { await inUse.close(self.logger) }) {
            try await self.client.withConnection { connection in
                try inUse.set(connection)
                return try await body(connection)
            }
        }
    }

    /// `body`, abandoned after ``PostgresConnectionConfiguration/timeout``; errors mapped to ``PostgresStoreError``.
    ///
    /// `body` runs in a task of its own, raced against the time limit. When the limit wins,
    /// `onTimeout` runs (closing the connection, which makes `body` fail soon), `body`'s task is
    /// cancelled, and ``PostgresStoreError/Code/timedOut`` is thrown without waiting for `body`
    /// to end: a driver call that ignores cancellation cannot hold the caller.
    func limited<T: Sendable>(onTimeout: @escaping @Sendable () async -> Void = {}, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard !runTask.isCancelled else { throw PostgresStoreError(.closed, "the client of \(configuration) is closed") }
        let outcome = await TimeLimit.race(configuration.timeout, body)
        switch outcome {
        case .finished(let result):
            do { return try result.get() } catch { throw Self.map(error, "\(configuration)") }
        case .timedOut:
            await onTimeout()
            throw PostgresStoreError(.timedOut, "no answer from \(configuration) within \(configuration.timeout)")
        case .cancelled:
            await onTimeout()
            throw PostgresStoreError(.timedOut, "\(configuration): cancelled")
        }
    }

    static func clientTLS(_ mode: PostgresConnectionConfiguration.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(.makeClientConfiguration())
        case .require: return .require(.makeClientConfiguration())
        }
    }

    static func connectionTLS(_ mode: PostgresConnectionConfiguration.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        do {
            switch mode {
            case .disable: return .disable
            case .prefer: return .prefer(try .init(configuration: .makeClientConfiguration()))
            case .require: return .require(try .init(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw PostgresStoreError(.invalidConfiguration, "cannot set up TLS: \(error)")
        }
    }
}
