import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileBlobStore {
    /// Flushes a folder's entries (a rename or a new file in it) to disk, so that a blob renamed
    /// into place survives a power loss and not only a process crash.
    /// - Throws: ``ArchiveError/Code/storageFailure``.
    static func syncDirectory(_ folder: URL) throws {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw ArchiveError(.storageFailure, "cannot open \(folder.path) to flush it: errno \(errno)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw ArchiveError(.storageFailure, "cannot flush \(folder.path): errno \(errno)") }
    }

    /// Stores many blobs with one flush per folder instead of one per blob: every blob is written
    /// to a temporary file and flushed, all are renamed into place, then each folder that
    /// received one is flushed once. A crash leaves whole blobs or none (never a partial one);
    /// blobs whose index rows were not committed are swept as orphans.
    /// - Returns: the SHA-256 keys, in order.
    public func put(batch: [[UInt8]]) async throws -> [String] {
        let manager = FileManager.default
        var keys: [String] = [], pending: [(URL, URL)] = [], folders = Set<URL>(), newFolders = false
        defer { for (temporary, _) in pending { try? manager.removeItem(at: temporary) } }
        for bytes in batch {
            let key = HexDigest.sha256(bytes)
            keys.append(key)
            let target = try path(key)
            if manager.fileExists(atPath: target.path) { continue }
            let folder = target.deletingLastPathComponent()
            if !manager.fileExists(atPath: folder.path) {
                do { try manager.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                    throw ArchiveError(.storageFailure, "cannot create \(folder.path): \(error)")
                }
                newFolders = true
            }
            let temporary = directory.appendingPathComponent("tmp").appendingPathComponent(UUID().uuidString)
            pending.append((temporary, target))
            folders.insert(folder)
            do {
                guard manager.createFile(atPath: temporary.path, contents: nil) else { throw ArchiveError(.storageFailure, "cannot create \(temporary.path)") }
                let handle = try FileHandle(forWritingTo: temporary)
                try handle.write(contentsOf: bytes)
                try handle.synchronize()
                try handle.close()
            } catch let error as ArchiveError { throw error } catch {
                throw ArchiveError(.storageFailure, "cannot write blob \(key): \(error)")
            }
        }
        while let (temporary, target) = pending.first {
            if rename(temporary.path, target.path) != 0 { throw ArchiveError(.storageFailure, "cannot rename into \(target.path): errno \(errno)") }
            pending.removeFirst()
        }
        for folder in folders { try Self.syncDirectory(folder) }
        if newFolders { try Self.syncDirectory(directory) }
        return keys
    }
}
