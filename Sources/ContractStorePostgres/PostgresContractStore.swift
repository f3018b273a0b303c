import ContractModel
import Foundation
import Logging
import PostgresNIO

/// A `ContractStore` in PostgreSQL, so several app processes (on one machine or many) run one
/// workflow.
///
/// Same tables and semantics as the SQLite store: `contracts` (one row per contract: the record
/// as JSON in `bytea`, its state and version) and `audit_events` (one row per event, keyed by
/// contract and sequence, every field in its own column). A save is one transaction: an
/// `UPDATE … WHERE id = $ AND version = $` (PostgreSQL re-checks the condition after a concurrent
/// writer commits, so exactly one of two racing saves wins) and the event inserts commit
/// together or not at all. The loser gets `ContractError.Code.versionConflict`, and the
/// workflow reloads and redoes its step.
///
/// Errors: `ContractError` with `versionConflict`, `notFound`, `storeUnavailable` (server
/// unreachable, login refused, time-out) or `storageFailure` (anything else).
public final class PostgresContractStore: ContractStore {
    /// The shared client (pool, time limit, typed errors). ``PostgresDocumentStore`` can use the same one.
    public let client: PostgresStoreClient

    /// The contract store's schema in `schema_version` (component `contracts`).
    public static let migrator = PostgresMigrator(component: "contracts", migrations: [
        PostgresMigration(version: 1, [
            SQL("""
                CREATE TABLE contracts (
                    id TEXT PRIMARY KEY,
                    version BIGINT NOT NULL,
                    state TEXT NOT NULL,
                    head_sequence BIGINT NOT NULL,
                    record BYTEA NOT NULL
                )
                """),
            SQL("CREATE INDEX contracts_state ON contracts (state)"),
            SQL("""
                CREATE TABLE audit_events (
                    contract_id TEXT NOT NULL REFERENCES contracts (id),
                    sequence BIGINT NOT NULL,
                    time TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    participant_id TEXT,
                    contract_version BIGINT NOT NULL,
                    ip_address TEXT,
                    user_agent TEXT,
                    details TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    PRIMARY KEY (contract_id, sequence)
                )
                """),
            SQL("""
                CREATE TABLE documents (
                    sha256 TEXT PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
                    byte_count BIGINT NOT NULL,
                    content BYTEA NOT NULL
                )
                """),
        ]),
    ])

    /// A store on an open client; migrates the schema.
    /// - Throws: ``PostgresStoreError`` (`migrationFailed`, `schemaTooNew`, or a connection code).
    public init(client: PostgresStoreClient) async throws {
        self.client = client
        try await Self.migrator.migrate(client)
    }

    /// Connects, creates the schema if needed and migrates it.
    /// - Throws: ``PostgresStoreError``.
    public static func open(_ configuration: PostgresConnectionConfiguration,
                            logger: Logger = Logger(label: "econtract.postgres")) async throws -> PostgresContractStore {
        let client = try await PostgresStoreClient.open(configuration, logger: logger)
        do { return try await PostgresContractStore(client: client) } catch {
            await client.close()
            throw error
        }
    }

    /// Closes the client.
    public func close() async { await client.close() }

    var logger: Logger { client.logger }

    /// Stores a new contract at version 1.
    public func create(_ record: ContractRecord, events: [AuditEvent]) async throws {
        let json = try StoredJSON.encode(record)
        let id = record.contract.id, logger = logger
        try await run("cannot create contract \(id)") {
            try await self.client.transaction { connection in
                let inserted = try await SQL("""
                    INSERT INTO contracts (id, version, state, head_sequence, record) VALUES ($1, 1, $2, $3, $4)
                    ON CONFLICT (id) DO NOTHING RETURNING 1
                    """, .text(id.rawValue), .text(record.contract.state.kind.rawValue), .int(record.headSequence), .bytes(json))
                    .count(on: connection, logger)
                guard inserted == 1 else { throw ContractError(.versionConflict, "contract \(id) already exists") }
                try await Self.insert(events, connection, logger)
            }
        }
    }

    /// Loads a contract.
    public func load(_ id: ContractID) async throws -> StoredContract {
        let logger = logger
        let rows = try await run("cannot read contract \(id)") {
            try await self.client.withConnection { connection in
                try await SQL("SELECT version, record FROM contracts WHERE id = $1", .text(id.rawValue)).rows(on: connection, logger)
                    .map { try $0.decode((Int, Data).self) }
            }
        }
        guard let row = rows.first else { throw ContractError(.notFound, "no contract \(id)") }
        do {
            return StoredContract(record: try StoredJSON.record(from: row.1), version: row.0)
        } catch {
            throw ContractError(.storageFailure, "contract \(id) is unreadable: \(error)")
        }
    }

    /// Saves with an optimistic version check, in one transaction.
    public func save(_ record: ContractRecord, appending events: [AuditEvent], expectedVersion: Int) async throws -> Int {
        let json = try StoredJSON.encode(record)
        let id = record.contract.id, logger = logger
        return try await run("cannot save contract \(id)") {
            try await self.client.transaction { connection in
                let updated = try await SQL("""
                    UPDATE contracts SET version = version + 1, state = $1, head_sequence = $2, record = $3
                    WHERE id = $4 AND version = $5 RETURNING 1
                    """, .text(record.contract.state.kind.rawValue), .int(record.headSequence), .bytes(json), .text(id.rawValue), .int(expectedVersion))
                    .count(on: connection, logger)
                guard updated == 1 else {
                    let current = try await SQL("SELECT version FROM contracts WHERE id = $1", .text(id.rawValue)).rows(on: connection, logger)
                    guard let version = try current.first?.decode(Int.self) else { throw ContractError(.notFound, "no contract \(id)") }
                    throw ContractError(.versionConflict, "contract \(id) is at version \(version), not \(expectedVersion)")
                }
                do { try await Self.insert(events, connection, logger) } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                    throw ContractError(.versionConflict, "an audit event with this sequence number exists")
                }
                return expectedVersion + 1
            }
        }
    }

    /// The events in sequence order, read column by column.
    public func events(of id: ContractID) async throws -> [AuditEvent] {
        let logger = logger
        return try await run("cannot read the events of \(id)") {
            try await self.client.transaction { connection in
                let exists = try await SQL("SELECT 1 FROM contracts WHERE id = $1", .text(id.rawValue)).count(on: connection, logger)
                guard exists == 1 else { throw ContractError(.notFound, "no contract \(id)") }
                let rows = try await SQL("""
                    SELECT contract_id, sequence, time, actor, action, participant_id, contract_version, ip_address, user_agent,
                           details, previous_hash, hash
                    FROM audit_events WHERE contract_id = $1 ORDER BY sequence
                    """, .text(id.rawValue)).rows(on: connection, logger)
                return try rows.map { try Self.event(from: $0, id) }
            }
        }
    }

    /// Contracts in the given states.
    public func contractIDs(in states: Set<ContractState.Kind>) async throws -> [ContractID] {
        let names = states.map(\.rawValue).sorted(), logger = logger
        return try await run("cannot list contracts") {
            try await self.client.withConnection { connection in
                try await SQL("SELECT id FROM contracts WHERE state = ANY($1) ORDER BY id", .texts(names)).rows(on: connection, logger)
                    .map { ContractID(try $0.decode(String.self)) }
            }
        }
    }

    /// Runs `body`, turning plumbing errors into `ContractError` (ContractErrors pass through).
    func run<T: Sendable>(_ context: String, _ body: @Sendable () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ContractError { throw error } catch let error as PostgresStoreError {
            throw ContractError(error.isUnavailable ? .storeUnavailable : .storageFailure, "\(context): \(error)")
        } catch {
            throw ContractError(.storageFailure, "\(context): \(error)")
        }
    }
}
