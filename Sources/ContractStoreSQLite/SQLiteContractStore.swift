import ContractModel
import Foundation
import GRDB

/// A `ContractStore` in an embedded SQLite database (GRDB, WAL mode).
///
/// Durability: GRDB opens the pool in WAL mode with `synchronous = NORMAL`, so a commit
/// survives a crash of the process but the last commits before a power loss or an operating
/// system crash may be lost (the WAL is flushed at checkpoints, not at every commit). The
/// database stays consistent either way. Document files (``SQLiteDocumentStore``) are flushed
/// with `fsync` before their row commits.
///
/// Tables (see ``migrator``): `contracts` (one row per contract: the record as JSON, its state
/// and version) and `audit_events` (one row per event, keyed by contract and sequence, with
/// every field in its own column). A save is one SQLite transaction: the version-checked
/// update and all event inserts commit together or not at all, so a process killed at any
/// point reopens with the last committed state and never a half event.
public final class SQLiteContractStore: ContractStore {
    /// The connection pool (WAL mode, several readers, one writer).
    public let pool: DatabasePool

    /// Opens (or creates) the database at `path` and migrates it.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "econtract.contracts"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw ContractError(.storageFailure, "cannot open the contract database at \(path): \(error)")
        }
    }

    /// The schema. Migrations are never edited once shipped; new ones are appended.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE contracts (
                    id TEXT PRIMARY KEY NOT NULL,
                    version INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    head_sequence INTEGER NOT NULL,
                    record BLOB NOT NULL
                );
                CREATE INDEX contracts_state ON contracts(state);
                CREATE TABLE audit_events (
                    contract_id TEXT NOT NULL REFERENCES contracts(id),
                    sequence INTEGER NOT NULL,
                    time TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    participant_id TEXT,
                    contract_version INTEGER NOT NULL,
                    ip_address TEXT,
                    user_agent TEXT,
                    details TEXT NOT NULL,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL,
                    PRIMARY KEY (contract_id, sequence)
                );
                CREATE TABLE documents (
                    sha256 TEXT PRIMARY KEY NOT NULL,
                    byte_count INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }

    /// Stores a new contract at version 1.
    public func create(_ record: ContractRecord, events: [AuditEvent]) async throws {
        let json = try StoredJSON.encode(record)
        do {
            try await pool.write { db in
                if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM contracts WHERE id = ?"), arguments: [record.contract.id.rawValue]) == true {
                    throw ContractError(.versionConflict, "contract \(record.contract.id) already exists")
                }
                try db.cachedStatement(sql: "INSERT INTO contracts (id, version, state, head_sequence, record) VALUES (?, 1, ?, ?, ?)")
                    .execute(arguments: [record.contract.id.rawValue, record.contract.state.kind.rawValue, record.headSequence, json])
                try Self.insert(events, db)
            }
        } catch let error as ContractError { throw error } catch {
            throw ContractError(.storageFailure, "cannot create contract \(record.contract.id): \(error)")
        }
    }

    /// Loads a contract.
    public func load(_ id: ContractID) async throws -> StoredContract {
        let found: (version: Int, data: Data)?
        do {
            // One statement: its own read transaction, no BEGIN … COMMIT around it.
            found = try await pool.unsafeRead { db -> (version: Int, data: Data)? in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT version, record FROM contracts WHERE id = ?"), arguments: [id.rawValue]) else {
                    return nil
                }
                // Optional reads: a tampered, mistyped column is reported, never trapped on.
                guard let version = Self.column(row, "version", Int.self), let data = Self.column(row, "record", Data.self) else {
                    throw ContractError(.storageFailure, "contract \(id) is unreadable")
                }
                return (version, data)
            }
        } catch let error as ContractError { throw error } catch {
            throw ContractError(.storageFailure, "cannot read contract \(id): \(error)")
        }
        guard let found else { throw ContractError(.notFound, "no contract \(id)") }
        do {
            return StoredContract(record: try StoredJSON.record(from: found.data), version: found.version)
        } catch {
            throw ContractError(.storageFailure, "contract \(id) is unreadable: \(error)")
        }
    }

    /// The version column alone (no JSON decoding), on a reader connection of the pool.
    ///
    /// Never on the writer: the workflow asks it before each step, while another task (or
    /// workflow) may hold the writer for a save, and a read queued behind that save would wait
    /// for it for nothing. One statement needs no BEGIN … COMMIT around it: SQLite reads it
    /// from one snapshot.
    public func version(of id: ContractID) async throws -> Int {
        let found: Int?
        do {
            found = try await pool.unsafeRead { db in
                try Int.fetchOne(db.cachedStatement(sql: "SELECT version FROM contracts WHERE id = ?"), arguments: [id.rawValue])
            }
        } catch {
            throw ContractError(.storageFailure, "cannot read contract \(id): \(error)")
        }
        guard let found else { throw ContractError(.notFound, "no contract \(id)") }
        return found
    }

    /// Saves with an optimistic version check, in one transaction.
    public func save(_ record: ContractRecord, appending events: [AuditEvent], expectedVersion: Int) async throws -> Int {
        let json = try StoredJSON.encode(record)
        let id = record.contract.id
        do {
            return try await pool.write { db in
                try db.cachedStatement(sql: "UPDATE contracts SET version = version + 1, state = ?, head_sequence = ?, record = ? WHERE id = ? AND version = ?")
                    .execute(arguments: [record.contract.state.kind.rawValue, record.headSequence, json, id.rawValue, expectedVersion])
                guard db.changesCount == 1 else {
                    guard let current = try Int.fetchOne(db.cachedStatement(sql: "SELECT version FROM contracts WHERE id = ?"), arguments: [id.rawValue]) else {
                        throw ContractError(.notFound, "no contract \(id)")
                    }
                    throw ContractError(.versionConflict, "contract \(id) is at version \(current), not \(expectedVersion)")
                }
                do { try Self.insert(events, db) } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                    throw ContractError(.versionConflict, "an audit event with this sequence number exists")
                }
                return expectedVersion + 1
            }
        } catch let error as ContractError { throw error } catch {
            throw ContractError(.storageFailure, "cannot save contract \(id): \(error)")
        }
    }

    /// The events in sequence order, read column by column.
    public func events(of id: ContractID) async throws -> [AuditEvent] {
        do {
            return try await pool.read { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM contracts WHERE id = ?", arguments: [id.rawValue]) == true else {
                    throw ContractError(.notFound, "no contract \(id)")
                }
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_events WHERE contract_id = ? ORDER BY sequence", arguments: [id.rawValue])
                return try rows.map { try Self.event(from: $0, id) }
            }
        } catch let error as ContractError { throw error } catch {
            throw ContractError(.storageFailure, "cannot read the events of \(id): \(error)")
        }
    }

    /// A column's value, or `nil` when it is NULL or of another type (GRDB's subscript would trap).
    static func column<T: DatabaseValueConvertible>(_ row: Row, _ name: String, _ type: T.Type) -> T? {
        T.fromDatabaseValue(row[name] as DatabaseValue)
    }

    /// One event from its columns; a row with a missing or mistyped column is reported, never trapped on.
    static func event(from row: Row, _ id: ContractID) throws -> AuditEvent {
        let sequence = Self.column(row, "sequence", Int.self)
        guard let sequence, let contractID = Self.column(row, "contract_id", String.self), let time = (Self.column(row, "time", String.self)).flatMap(CanonicalJSON.parseDate),
              let actor = (Self.column(row, "actor", String.self)).flatMap({ AuditActor(storageText: $0) }),
              let action = (Self.column(row, "action", String.self)).flatMap({ AuditAction(rawValue: $0) }),
              let version = Self.column(row, "contract_version", Int.self), let detailText = Self.column(row, "details", String.self),
              let details = StoredJSON.details(from: detailText),
              let previousHash = Self.column(row, "previous_hash", String.self), let hash = Self.column(row, "hash", String.self) else {
            throw ContractError(.storageFailure, "audit event \(sequence.map(String.init) ?? "?") of \(id) is unreadable")
        }
        return AuditEvent(contractID: ContractID(contractID), sequence: sequence, time: time, actor: actor, action: action,
                          participantID: (Self.column(row, "participant_id", String.self)).map { ParticipantID($0) }, contractVersion: version,
                          ipAddress: Self.column(row, "ip_address", String.self), userAgent: Self.column(row, "user_agent", String.self), details: details,
                          previousHash: previousHash, hash: hash)
    }

    /// Contracts in the given states.
    public func contractIDs(in states: Set<ContractState.Kind>) async throws -> [ContractID] {
        let names = states.map(\.rawValue).sorted()
        do {
            return try await pool.read { db in
                let marks = Array(repeating: "?", count: names.count).joined(separator: ",")
                let ids = try String.fetchAll(db, sql: "SELECT id FROM contracts WHERE state IN (\(marks)) ORDER BY id",
                                              arguments: StatementArguments(names))
                return ids.map { ContractID($0) }
            }
        } catch {
            throw ContractError(.storageFailure, "cannot list contracts: \(error)")
        }
    }

    static func insert(_ events: [AuditEvent], _ db: Database) throws {
        for event in events {
            let details = StoredJSON.details(event.details)
            try db.cachedStatement(sql: """
                INSERT INTO audit_events (contract_id, sequence, time, actor, action, participant_id, contract_version, ip_address,
                                          user_agent, details, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [event.contractID.rawValue, event.sequence, CanonicalJSON.formatDate(event.time), event.actor.storageText,
                                 event.action.rawValue, event.participantID?.rawValue, event.contractVersion, event.ipAddress, event.userAgent,
                                 details, event.previousHash, event.hash])
        }
    }
}
