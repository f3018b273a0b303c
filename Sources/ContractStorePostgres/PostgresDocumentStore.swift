import ContractModel
import Crypto
import Foundation
import Logging

/// A `DocumentStore` in a PostgreSQL `bytea` table (`documents`: SHA-256, size, bytes), so no
/// shared file system is needed between app processes.
///
/// `put` is idempotent (`INSERT … ON CONFLICT DO NOTHING`) and atomic (a row is there whole or
/// not at all); `get` re-hashes the bytes and reports a mismatch as `storageFailure`.
public struct PostgresDocumentStore: DocumentStore {
    /// The client (usually the contract store's).
    public let client: PostgresStoreClient

    /// A document store sharing the contract store's client and schema (its table is created by
    /// the contract store's migrations).
    public init(database: PostgresContractStore) {
        client = database.client
    }

    /// Stores `bytes` and returns their lower-case hex SHA-256.
    public func put(_ bytes: [UInt8]) async throws -> String {
        let hash = Self.sha256(bytes)
        let logger = client.logger
        try await run("cannot store document \(hash)") {
            try await client.withConnection { connection in
                try await SQL("INSERT INTO documents (sha256, byte_count, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING",
                              .text(hash), .int(bytes.count), .bytes(Data(bytes))).run(on: connection, logger)
            }
        }
        return hash
    }

    /// The bytes with this hash, checked against it.
    public func get(_ sha256: String) async throws -> [UInt8] {
        let hash = sha256.lowercased(), logger = client.logger
        let rows = try await run("cannot read document \(hash)") {
            try await client.withConnection { connection in
                try await SQL("SELECT content FROM documents WHERE sha256 = $1", .text(hash)).rows(on: connection, logger).map { try $0.decode(Data.self) }
            }
        }
        guard let data = rows.first else { throw ContractError(.notFound, "no document \(sha256)") }
        let bytes = Array(data)
        guard Self.sha256(bytes) == hash else { throw ContractError(.storageFailure, "document \(sha256) no longer matches its hash") }
        return bytes
    }

    /// Whether the row exists.
    public func contains(_ sha256: String) async throws -> Bool {
        let hash = sha256.lowercased(), logger = client.logger
        return try await run("cannot read the document index") {
            try await client.withConnection { connection in
                try await SQL("SELECT 1 FROM documents WHERE sha256 = $1", .text(hash)).count(on: connection, logger) == 1
            }
        }
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    func run<T: Sendable>(_ context: String, _ body: @Sendable () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ContractError { throw error } catch let error as PostgresStoreError {
            throw ContractError(error.isUnavailable ? .storeUnavailable : .storageFailure, "\(context): \(error)")
        } catch {
            throw ContractError(.storageFailure, "\(context): \(error)")
        }
    }
}
