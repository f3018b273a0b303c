import Foundation
import ZIPFoundation

/// Builds the export ZIP in memory with ZIPFoundation: documents stored as they are (PDFs are
/// already compressed), the CSV index and the manifest deflated. ZIPFoundation writes ZIP64
/// records when an export passes 4 GiB or 65,535 entries, and marks UTF-8 names.
struct ZipExportWriter {
    private let archive: ZIPFoundation.Archive

    /// An empty ZIP. - Throws: ``ArchiveError/Code/exportFailed``.
    init() throws {
        do { archive = try ZIPFoundation.Archive(data: Data(), accessMode: .create) } catch {
            throw ArchiveError(.exportFailed, "cannot start the export ZIP: \(error)")
        }
    }

    /// Appends a file (`compress`: deflate it). - Throws: ``ArchiveError/Code/exportFailed``.
    func add(_ name: String, _ bytes: [UInt8], modified: Date, compress: Bool = false) throws {
        let data = Data(bytes)
        do {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: modified, permissions: 0o644,
                                 compressionMethod: compress ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        } catch {
            throw ArchiveError(.exportFailed, "cannot add \(name) to the export ZIP: \(error)")
        }
    }

    /// The ZIP's bytes. - Throws: ``ArchiveError/Code/exportFailed``.
    func finish() throws -> [UInt8] {
        guard let data = archive.data else { throw ArchiveError(.exportFailed, "the export ZIP has no bytes") }
        return Array(data)
    }
}
