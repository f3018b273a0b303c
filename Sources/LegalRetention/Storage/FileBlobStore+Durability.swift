import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
/// Linux's `syncfs(2)` (not in the Glibc module map), looked up once.
nonisolated(unsafe) private let linuxSyncFileSystem: (@convention(c) (Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
}()
#endif

extension FileBlobStore {
    /// Flushes the whole file system holding `folder` in one call (`syncfs`, Linux), or returns
    /// `false` where that is not available (then the caller flushes file by file).
    static func syncFileSystem(_ folder: URL) throws -> Bool {
        #if os(Linux)
        guard let syncfs = linuxSyncFileSystem else { return false }
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw ArchiveError(.storageFailure, "cannot open \(folder.path) to flush it: errno \(errno)") }
        defer { close(descriptor) }
        guard syncfs(descriptor) == 0 else { throw ArchiveError(.storageFailure, "cannot flush the file system of \(folder.path): errno \(errno)") }
        return true
        #else
        return false
        #endif
    }

    static var linuxSyncAvailable: Bool {
        #if os(Linux)
        linuxSyncFileSystem != nil
        #else
        false
        #endif
    }

    /// Flushes a folder's entries (a rename or a new file in it) to disk, so that a blob renamed
    /// into place survives a power loss and not only a process crash.
    /// - Throws: ``ArchiveError/Code/storageFailure``.
    static func syncDirectory(_ folder: URL) throws {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw ArchiveError(.storageFailure, "cannot open \(folder.path) to flush it: errno \(errno)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw ArchiveError(.storageFailure, "cannot flush \(folder.path): errno \(errno)") }
    }

    /// Stores many blobs with two file-system flushes in all instead of two per blob: every blob
    /// is written to a temporary file, the file system is flushed once (`syncfs` on Linux; file by
    /// file elsewhere), all are renamed into place, and the renames are flushed once (`syncfs`, or
    /// each folder that received one). A crash leaves whole blobs or none (never a partial one);
    /// blobs whose index rows were not committed are swept as orphans.
    /// - Returns: the SHA-256 keys, in order.
    public func put(batch: [[UInt8]]) async throws -> [String] {
        let manager = FileManager.default
        var keys: [String] = [], pending: [(URL, URL)] = [], folders = Set<URL>(), newFolders = false
        let oneFlush = Self.linuxSyncAvailable
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
                if !oneFlush { try handle.synchronize() }
                try handle.close()
            } catch let error as ArchiveError { throw error } catch {
                throw ArchiveError(.storageFailure, "cannot write blob \(key): \(error)")
            }
        }
        if oneFlush, !pending.isEmpty { _ = try Self.syncFileSystem(directory) }
        for (temporary, target) in pending where rename(temporary.path, target.path) != 0 {
            throw ArchiveError(.storageFailure, "cannot rename into \(target.path): errno \(errno)")
        }
        let renamed = !pending.isEmpty
        pending.removeAll()
        if renamed, try !Self.syncFileSystem(directory) {
            for folder in folders { try Self.syncDirectory(folder) }
            if newFolders { try Self.syncDirectory(directory) }
        }
        return keys
    }
}
