import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file being written by the signer: created fresh, written sequentially in chunks.
final class PDFOutputFile {
    static let chunkSize = 4 * 1024 * 1024
    let handle: FileHandle
    let path: String

    /// Creates the file, or empties an existing one (one open(2); `FileManager.createFile`
    /// would write an empty file beside it and rename it over first).
    init(path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw PDFError(.ioFailure, "cannot create \(path): errno \(errno)")
        }
        self.handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        self.path = path
    }

    func write(_ bytes: ArraySlice<UInt8>) throws {
        guard !bytes.isEmpty else { return }
        do {
            try bytes.withUnsafeBytes { try handle.write(contentsOf: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: $0.baseAddress!), count: $0.count, deallocator: .none)) }
        } catch {
            throw PDFError(.ioFailure, "writing \(path) failed: \(error)")
        }
    }

    func finish() throws {
        do { try handle.synchronize() } catch { throw PDFError(.ioFailure, "flushing \(path) failed: \(error)") }
    }

    func close() { try? handle.close() }

    /// Writing over the file being read would destroy it mid-read: refused when `path` is
    /// the document's file, by whatever name or link.
    static func refuseOverwritingSource(_ document: PDFDocument, path: String) throws {
        guard let source = document.source as? PDFFileByteSource, source.isSameFile(as: path) else { return }
        throw PDFError(.invalidArgument, "the output \(path) is the input file; write the signed PDF elsewhere")
    }
}
