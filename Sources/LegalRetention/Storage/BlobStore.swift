import Foundation

/// Where the archive keeps its (encrypted) document blobs, addressed by the SHA-256 of their bytes.
///
/// ``FileBlobStore`` (a folder) is the embedded default; LegalRetentionPostgres has a PostgreSQL
/// one; an app can supply its own (S3, Azure Blob, GCS). An implementation must keep this contract:
///
/// - **Content-addressed:** ``put(_:)`` returns the lower-case hex SHA-256 of exactly the bytes
///   stored, and ``get(_:)`` returns bytes whose SHA-256 is that key (the archive re-hashes them
///   and reports a mismatch as ``ArchiveError/Code/integrityFailure``).
/// - **Atomic put:** a reader sees the whole blob or nothing: never a partial one, even if the
///   process dies during ``put(_:)`` (a file store writes a temporary file, flushes it and renames
///   it; an object store uploads to the final key in one request).
/// - **Idempotent:** putting bytes already stored succeeds and changes nothing; deleting a
///   missing blob succeeds.
/// - **Immutable:** a key's bytes never change.
/// - **Listable:** ``keys(olderThan:)`` enumerates what is stored, so the archive can remove
///   blobs left behind by a crash between a put and the index commit.
///
/// The archive writes a blob before the index row that names it, and deletes it only after the
/// row is disposed of, so a crash leaves at worst an unreferenced blob, which the next open sweeps.
public protocol BlobStore: Sendable {
    /// Stores `bytes` and returns their SHA-256 (hex).
    func put(_ bytes: [UInt8]) async throws -> String
    /// The bytes stored under `sha256`. - Throws: ``ArchiveError/Code/notFound``.
    func get(_ sha256: String) async throws -> [UInt8]
    /// Removes the blob, if present.
    func delete(_ sha256: String) async throws
    /// Every stored key whose blob was written before `date` (`nil`: all).
    func keys(olderThan date: Date?) async throws -> [String]
}

/// Blobs as files in a folder: `<first two hex digits>/<sha256>`, written to a temporary file in
/// the same folder, flushed, renamed into place, and the folder flushed. ``put(batch:)`` flushes
/// each folder once for many blobs.
public struct FileBlobStore: BlobStore {
    /// The folder.
    public let directory: URL

    /// A store in `directory` (created if missing). - Throws: ``ArchiveError/Code/storageFailure``.
    public init(directory: URL) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        } catch {
            throw ArchiveError(.storageFailure, "cannot create the blob folder \(directory.path): \(error)")
        }
    }

    func path(_ sha256: String) throws -> URL {
        let key = sha256.lowercased()
        guard key.count == 64, key.allSatisfy(\.isHexDigit) else { throw ArchiveError(.invalidArgument, "\"\(sha256)\" is not a SHA-256") }
        return directory.appendingPathComponent(String(key.prefix(2))).appendingPathComponent(key)
    }

    /// Writes a temporary file, `fsync`s it, renames it to its hash and `fsync`s the folder.
    public func put(_ bytes: [UInt8]) async throws -> String {
        let key = HexDigest.sha256(bytes)
        let target = try path(key)
        if FileManager.default.fileExists(atPath: target.path) { return key }
        let temporary = directory.appendingPathComponent("tmp").appendingPathComponent(UUID().uuidString)
        let folder = target.deletingLastPathComponent(), newFolder = !FileManager.default.fileExists(atPath: folder.path)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw ArchiveError(.storageFailure, "cannot create \(temporary.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, target.path) != 0 { throw ArchiveError(.storageFailure, "cannot rename into \(target.path): errno \(errno)") }
            // The rename is durable only once the folder (and a new folder's parent) is flushed.
            try Self.syncDirectory(folder)
            if newFolder { try Self.syncDirectory(directory) }
        } catch let error as ArchiveError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ArchiveError(.storageFailure, "cannot write blob \(key): \(error)")
        }
        return key
    }

    /// The file's bytes.
    public func get(_ sha256: String) async throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: try path(sha256).path) else {
            throw ArchiveError(.notFound, "no blob \(sha256)")
        }
        return Array(data)
    }

    /// Removes the file.
    public func delete(_ sha256: String) async throws {
        let file = try path(sha256)
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        do { try FileManager.default.removeItem(at: file) } catch {
            throw ArchiveError(.storageFailure, "cannot delete blob \(sha256): \(error)")
        }
    }

    /// Every blob file (and removes temporary files older than `date`, left by a crash).
    public func keys(olderThan date: Date?) async throws -> [String] {
        let manager = FileManager.default
        var keys: [String] = []
        let temporary = directory.appendingPathComponent("tmp")
        for name in (try? manager.contentsOfDirectory(atPath: temporary.path)) ?? [] {
            let file = temporary.appendingPathComponent(name)
            if date == nil || Self.modified(file).map({ $0 < date! }) == true { try? manager.removeItem(at: file) }
        }
        for prefix in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] where prefix.count == 2 {
            let folder = directory.appendingPathComponent(prefix)
            for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] where name.count == 64 {
                if let date, let modified = Self.modified(folder.appendingPathComponent(name)), modified >= date { continue }
                keys.append(name)
            }
        }
        return keys
    }

    static func modified(_ file: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date
    }
}
