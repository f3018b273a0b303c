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
///
/// The 256 prefix folders (`00` … `ff`) are made when the store is opened, and the folder
/// holding a newly made one is flushed too (a new folder's entry lives in its parent), so a
/// `put` has one directory to flush: the prefix folder it renamed into.
public struct FileDocumentStore: DocumentStore {
    /// The folder.
    public let directory: URL

    /// A store in `directory` (created if missing, with its 256 prefix folders).
    public init(directory: URL) throws {
        self.directory = directory
        let made: Bool
        do { made = try Self.makeFolder(directory.path) } catch {
            throw ContractError(.storageFailure, "cannot create \(directory.path): \(error)")
        }
        if made { Self.syncDirectory(directory.deletingLastPathComponent().path) }
        var madeAny = false
        for prefix in 0..<256 {
            let folder = directory.appendingPathComponent(Hex.encode([UInt8(prefix)])).path
            guard mkdir(folder, 0o777) == 0 else {
                if errno == EEXIST { continue }
                throw ContractError(.storageFailure, "cannot create \(folder): errno \(errno)")
            }
            madeAny = true
        }
        if madeAny { Self.syncDirectory(directory.path) }
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
        // Made at `init`; again (and its parent flushed) only if it was removed since.
        if mkdir(folder.path, 0o777) == 0 {
            Self.syncDirectory(directory.path)
        } else if errno != EEXIST {
            throw ContractError(.storageFailure, "cannot create \(folder.path): errno \(errno)")
        }
        let temporary = folder.appendingPathComponent(".\(hash).\(Self.temporarySuffix()).tmp")
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

    /// 16 hex digits from 8 random bytes (`getrandom` on Linux): cheaper than a UUID string.
    static func temporarySuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        return withUnsafeBytes(of: generator.next() as UInt64) { Hex.encode($0) }
    }

    /// Makes the folder and any missing parents; `true` when `path` itself was made.
    static func makeFolder(_ path: String) throws -> Bool {
        if FileManager.default.fileExists(atPath: path) { return false }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return true
    }

    static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
