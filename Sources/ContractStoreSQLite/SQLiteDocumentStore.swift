import ContractModel
import Foundation
import GRDB

/// A `DocumentStore` whose bytes are files under a folder (`FileDocumentStore`: written to a
/// temporary file, flushed, renamed) and whose index is a `documents` row in the contract
/// database. The file is complete on disk before its row commits, so a row never names a
/// missing or partial file. (The row commits with `synchronous = NORMAL`, as the contract rows do:
/// after a power loss a file may be there without its row, never a row without its file.)
public struct SQLiteDocumentStore: DocumentStore {
    /// The files.
    public let files: FileDocumentStore
    /// The database holding the `documents` table.
    public let pool: DatabasePool

    /// A store with files in `directory`, indexed in `database`.
    public init(directory: URL, database: SQLiteContractStore) throws {
        files = try FileDocumentStore(directory: directory)
        pool = database.pool
    }

    /// Writes the file, then the row.
    public func put(_ bytes: [UInt8]) async throws -> String {
        let hash = try await files.put(bytes)
        do {
            try await pool.write { db in
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO documents (sha256, byte_count) VALUES (?, ?)").execute(arguments: [hash, bytes.count])
            }
        } catch {
            throw ContractError(.storageFailure, "cannot index document \(hash): \(error)")
        }
        return hash
    }

    /// The bytes, if indexed, checked against their hash.
    public func get(_ sha256: String) async throws -> [UInt8] {
        guard try await contains(sha256) else { throw ContractError(.notFound, "no document \(sha256)") }
        return try await files.get(sha256)
    }

    /// Whether the row exists.
    public func contains(_ sha256: String) async throws -> Bool {
        do {
            // One statement: no BEGIN … COMMIT around it.
            return try await pool.unsafeRead { db in
                try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM documents WHERE sha256 = ?"), arguments: [sha256.lowercased()]) == true
            }
        } catch {
            throw ContractError(.storageFailure, "cannot read the document index: \(error)")
        }
    }
}
