import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``DocumentStore`` of files under a folder, named by their SHA-256
/// (`ab/abcdef….bin`). Each file is written to a temporary name, flushed with `fsync`,
/// renamed into place and its folder flushed, so a crash leaves the old state or the new,
/// never a partial file. Reads check the hash.
public struct FileDocumentStore: DocumentStore {
    /// The folder.
    public let directory: URL

    /// A store in `directory` (created if missing).
    public init(directory: URL) throws {
        self.directory = directory
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw ContractError(.storageFailure, "cannot create \(directory.path): \(error.localizedDescription)")
        }
    }

    /// The path for `sha256`.
    public func path(for sha256: String) -> URL {
        let hash = sha256.lowercased()
        return directory.appendingPathComponent(String(hash.prefix(2))).appendingPathComponent(hash + ".bin")
    }

    /// Stores `bytes` atomically (nothing to do when already there).
    public func put(_ bytes: [UInt8]) async throws -> String {
        let hash = Hex.sha256(bytes)
        let target = path(for: hash)
        if FileManager.default.fileExists(atPath: target.path) { return hash }
        let folder = target.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw ContractError(.storageFailure, "cannot create \(folder.path)")
        }
        let temporary = folder.appendingPathComponent(".\(hash).\(UUID().uuidString).tmp")
        try Self.writeSynced(bytes, to: temporary.path)
        guard rename(temporary.path, target.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw ContractError(.storageFailure, "cannot move a document into place: errno \(code)")
        }
        Self.syncDirectory(folder.path)
        return hash
    }

    /// The bytes with this hash, checked.
    public func get(_ sha256: String) async throws -> [UInt8] {
        let target = path(for: sha256)
        guard let data = FileManager.default.contents(atPath: target.path) else { throw ContractError(.notFound, "no document \(sha256)") }
        let bytes = Array(data)
        guard Hex.sha256(bytes) == sha256.lowercased() else {
            throw ContractError(.storageFailure, "document \(sha256) no longer matches its hash")
        }
        return bytes
    }

    /// Whether the file exists.
    public func contains(_ sha256: String) async throws -> Bool { FileManager.default.fileExists(atPath: path(for: sha256).path) }

    static func writeSynced(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw ContractError(.storageFailure, "cannot create \(path): errno \(errno)") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else {
                unlink(path)
                throw ContractError(.storageFailure, "cannot write \(path): errno \(errno)")
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            unlink(path)
            throw ContractError(.storageFailure, "cannot flush \(path): errno \(errno)")
        }
    }

    static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
