import Logging
import PostgresNIO

/// One step of a component's schema: statements run together in one transaction.
public struct PostgresMigration: Sendable {
    /// The schema version this step brings the component to (1, 2, 3, …).
    public let version: Int
    /// The statements, in order.
    public let statements: [SQL]

    /// A migration. Once shipped, a migration is never edited; new ones are appended.
    public init(version: Int, _ statements: [SQL]) {
        self.version = version
        self.statements = statements
    }
}

/// Brings a component's tables to the newest version, idempotently, at open.
///
/// The versions live in a `schema_version` table (one row per component, so ContractStorePostgres
/// and LegalRetention can share a schema). Each run takes a transaction-scoped advisory lock, so
/// several processes opening the same database at once migrate it exactly once; a database
/// migrated by newer software is refused with ``PostgresStoreError/Code/schemaTooNew``.
public struct PostgresMigrator: Sendable {
    /// The component's name in `schema_version`.
    public let component: String
    /// The migrations, by ascending version.
    public let migrations: [PostgresMigration]

    /// A migrator for `component`.
    public init(component: String, migrations: [PostgresMigration]) {
        self.component = component
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// The newest version known to this software.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies the missing migrations and returns the component's version afterwards.
    @discardableResult
    public func migrate(_ client: PostgresStoreClient) async throws -> Int {
        let component = component, migrations = migrations, latest = latestVersion, logger = client.logger
        do {
            return try await client.transaction { connection in
                try await SQL("SELECT pg_advisory_xact_lock($1)", .int(PostgresStoreClient.schemaLockKey)).run(on: connection, logger)
                try await SQL("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        component TEXT PRIMARY KEY,
                        version BIGINT NOT NULL,
                        migrated_at TIMESTAMPTZ NOT NULL DEFAULT now()
                    )
                    """).run(on: connection, logger)
                let rows = try await SQL("SELECT version FROM schema_version WHERE component = $1", .text(component)).rows(on: connection, logger)
                let current = try rows.first?.decode(Int.self) ?? 0
                guard current <= latest else {
                    throw PostgresStoreError(.schemaTooNew, "\(component) is at schema version \(current); this software knows up to \(latest)")
                }
                for migration in migrations where migration.version > current {
                    for statement in migration.statements { try await statement.run(on: connection, logger) }
                }
                if latest > current {
                    try await SQL("""
                        INSERT INTO schema_version (component, version) VALUES ($1, $2)
                        ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, migrated_at = now()
                        """, .text(component), .int(latest)).run(on: connection, logger)
                    logger.info("migrated", metadata: ["component": "\(component)", "from": "\(current)", "to": "\(latest)"])
                }
                return max(current, latest)
            }
        } catch let error as PostgresStoreError where error.code == .schemaTooNew || error.isUnavailable {
            throw error
        } catch {
            throw PostgresStoreError(.migrationFailed, "cannot migrate \(component): \(error)")
        }
    }
}
