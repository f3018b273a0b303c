import ContractStorePostgres
import Foundation
import LegalRetention
import PostgresNIO

/// A `BlobStore` in a PostgreSQL `bytea` table (`archive_blobs`, created by
/// ``PostgresArchiveIndex``'s migrations), so app processes on several machines need no shared file system.
///
/// `put` is one `INSERT … ON CONFLICT DO NOTHING` (atomic and idempotent); `created_at` lets the
/// orphan sweep skip blobs another process has just written.
public struct PostgresBlobStore: BlobStore {
    /// The client (usually the index's).
    public let client: PostgresStoreClient

    /// A blob store on `client`'s schema.
    public init(client: PostgresStoreClient) { self.client = client }

    func run<T: Sendable>(_ context: String, _ body: @Sendable () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ArchiveError { throw error } catch let error as PostgresStoreError {
            throw ArchiveError(error.isUnavailable ? .storeUnavailable : .storageFailure, "\(context): \(error)")
        } catch {
            throw ArchiveError(.storageFailure, "\(context): \(error)")
        }
    }

    /// Stores the bytes under their SHA-256.
    public func put(_ bytes: [UInt8]) async throws -> String {
        let key = SHA256Hex.of(bytes), logger = client.logger
        try await run("cannot store blob \(key)") {
            try await client.withConnection { connection in
                try await SQL("INSERT INTO archive_blobs (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING", .text(key), .bytes(Data(bytes)))
                    .run(on: connection, logger)
            }
        }
        return key
    }

    /// The bytes.
    public func get(_ sha256: String) async throws -> [UInt8] {
        let logger = client.logger
        let rows = try await run("cannot read blob \(sha256)") {
            try await client.withConnection { connection in
                try await SQL("SELECT content FROM archive_blobs WHERE sha256 = $1", .text(sha256.lowercased())).rows(on: connection, logger)
                    .map { try $0.decode(Data.self) }
            }
        }
        guard let data = rows.first else { throw ArchiveError(.notFound, "no blob \(sha256)") }
        return Array(data)
    }

    /// Deletes the row.
    public func delete(_ sha256: String) async throws {
        let logger = client.logger
        try await run("cannot delete blob \(sha256)") {
            try await client.withConnection { connection in
                try await SQL("DELETE FROM archive_blobs WHERE sha256 = $1", .text(sha256.lowercased())).run(on: connection, logger)
            }
        }
    }

    /// Keys of blobs created before `date`.
    public func keys(olderThan date: Date?) async throws -> [String] {
        let logger = client.logger
        let cutoff = Int((date ?? Date.distantFuture).timeIntervalSince1970)
        return try await run("cannot list blobs") {
            try await client.withConnection { connection in
                try await SQL("SELECT sha256 FROM archive_blobs WHERE created_at < to_timestamp($1)", .int(cutoff)).rows(on: connection, logger)
                    .map { try $0.decode(String.self) }
            }
        }
    }
}
