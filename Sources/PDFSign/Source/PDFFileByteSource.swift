import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``PDFByteSource`` reading a file on demand with `FileHandle` (no mmap).
///
/// The size is fixed when the file is opened; the file must not change while in use.
public final class PDFFileByteSource: PDFByteSource, @unchecked Sendable {
    private let handle: FileHandle
    private let lock = NSLock()
    /// The file's size in bytes when it was opened.
    public let count: Int
    /// The path that was opened.
    public let path: String

    /// Opens the file at `path` for reading.
    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PDFError(.ioFailure, "cannot open \(path)")
        }
        self.handle = handle
        self.path = path
        do {
            let end = try handle.seekToEnd()
            guard end <= UInt64(Int.max) else { throw PDFError(.limitExceeded, "file too large") }
            self.count = Int(end)
        } catch let error as PDFError {
            throw error
        } catch {
            throw PDFError(.ioFailure, "cannot size \(path): \(error)")
        }
    }

    deinit { try? handle.close() }

    /// Whether `path` names the very file being read (the same device and inode: through a
    /// symbolic or hard link too); `false` when nothing exists there.
    func isSameFile(as path: String) -> Bool {
        var opened = stat()
        var other = stat()
        guard fstat(handle.fileDescriptor, &opened) == 0, stat(path, &other) == 0 else { return false }
        return opened.st_dev == other.st_dev && opened.st_ino == other.st_ino
    }

    /// Reads `range` from the file.
    public func read(_ range: Range<Int>) throws -> ArraySlice<UInt8> {
        guard range.lowerBound >= 0, range.upperBound <= count else {
            throw PDFError(.ioFailure, "read \(range) outside 0..<\(count)")
        }
        if range.isEmpty { return [] }
        lock.lock()
        defer { lock.unlock() }
        do {
            try handle.seek(toOffset: UInt64(range.lowerBound))
            let data = try handle.read(upToCount: range.count) ?? Data()
            guard data.count == range.count else {
                throw PDFError(.ioFailure, "short read at \(range.lowerBound) in \(path)")
            }
            return ArraySlice(data)
        } catch let error as PDFError {
            throw error
        } catch {
            throw PDFError(.ioFailure, "read failed in \(path): \(error)")
        }
    }
}
