import Foundation

/// A file being written by the signer: created fresh, written sequentially in chunks.
final class PDFOutputFile {
    static let chunkSize = 4 * 1024 * 1024
    let handle: FileHandle
    let path: String

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw PDFError(.ioFailure, "cannot create \(path)")
        }
        self.handle = handle
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

    /// Writing over the file being read would destroy it mid-read.
    static func refuseOverwritingSource(_ document: PDFDocument, path: String) throws {
        guard let source = document.source as? PDFFileByteSource else { return }
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        if URL(fileURLWithPath: source.path).resolvingSymlinksInPath().path == target {
            throw PDFError(.invalidArgument, "the output \(path) is the input file; write the signed PDF elsewhere")
        }
    }
}
