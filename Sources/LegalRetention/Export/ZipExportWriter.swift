import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the export ZIP with ZIPFoundation into a hidden partial file beside the destination,
/// renamed over the destination only when the ZIP is complete (a failed export leaves no half
/// ZIP under the requested name). Documents are stored as they are (PDFs are already
/// compressed); the CSV index and the manifest are deflated. ZIPFoundation writes ZIP64 records
/// when an export passes 4 GiB or 65,535 entries, and marks UTF-8 names.
///
/// ZIPFoundation rewrites the central directory after each entry, so an export of n files
/// writes about 44·n² bytes of directory in all (0.2 GB at 2,000 files, 4.4 GB at 10,000) on
/// top of the documents; this is why the writer is file-backed (an in-memory archive also
/// copied the whole ZIP on every append).
struct ZipExportWriter {
    private let archive: ZIPFoundation.Archive
    private let partial: URL
    private let destination: URL

    /// Starts an empty ZIP for `destination`. - Throws: ``ArchiveError/Code/exportFailed``.
    init(destination: URL) throws {
        self.destination = destination
        partial = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().uuidString)")
        do { archive = try ZIPFoundation.Archive(url: partial, accessMode: .create) } catch {
            throw ArchiveError(.exportFailed, "cannot create the export ZIP beside \(destination.path): \(error)")
        }
    }

    /// Appends a file (`compress`: deflate it). - Throws: ``ArchiveError/Code/exportFailed``.
    func add(_ name: String, _ bytes: [UInt8], modified: Date, compress: Bool = false) throws {
        do {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: modified, permissions: 0o644,
                                 compressionMethod: compress ? .deflate : .none) { position, size in
                Data(bytes[Int(position)..<Int(position) + size])
            }
        } catch {
            throw ArchiveError(.exportFailed, "cannot add \(name) to the export ZIP: \(error)")
        }
    }

    /// Renames the finished ZIP over the destination and returns its size in bytes.
    /// - Throws: ``ArchiveError/Code/exportFailed``.
    func finish() throws -> Int {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: partial.path) } catch {
            abandon()
            throw ArchiveError(.exportFailed, "cannot read the size of the export ZIP \(partial.path): \(error)")
        }
        guard let size = attributes[.size] as? Int else {
            abandon()
            throw ArchiveError(.exportFailed, "the export ZIP \(partial.path) has no size")
        }
        guard rename(partial.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            abandon()
            throw ArchiveError(.exportFailed, "cannot move the export ZIP to \(destination.path): \(reason)")
        }
        return size
    }

    /// Removes the partial file (after a failure).
    func abandon() {
        try? FileManager.default.removeItem(at: partial)
    }
}
