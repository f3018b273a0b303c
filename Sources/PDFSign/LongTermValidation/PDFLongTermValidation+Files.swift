import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// B-LT and B-LTA on files, streaming: the document is read through a file source, the DSS
/// update is appended in place, and the document timestamp copies the file while hashing it
/// (as signing does), so memory stays small whatever the file size.
extension PDFLongTermValidation {
    /// Extends the signed PDF at `input` to `level` (``PAdESLevel/lt`` or ``PAdESLevel/lta``)
    /// and writes the result to `output`, which appears only when complete (written beside
    /// it, then renamed). `output` may be `input`: the file is then replaced atomically.
    ///
    /// - Throws: as ``addingValidationData(to:)`` and ``addingDocumentTimestamp(to:)``;
    ///   ``PDFError/Code/invalidArgument`` for a level below B-LT; ``PDFError/Code/ioFailure``.
    ///
    /// An encrypted file is read with the file key of `original` (the file opened with its
    /// password), so no password is asked again.
    public func extend(fileAt input: String, unlockedLike original: PDFDocument? = nil, to level: PAdESLevel,
                       writingTo output: String) async throws {
        guard level.includes(.lt) else { throw PDFError(.invalidArgument, "extending a file needs B-LT or B-LTA, not \(level.rawValue)") }
        let partial = output + ".ltv-partial"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        try PDFFileCopier.copyFile(from: input, to: partial)
        try await appendValidationData(toFileAt: partial, unlockedLike: original)
        if level.includes(.lta) {
            try await appendDocumentTimestamp(toFileAt: partial, unlockedLike: original)
        }
        guard rename(partial, output) == 0 else { throw PDFError(.ioFailure, "moving the extended file to \(output) failed: errno \(errno)") }
    }

    /// Writes the PDF at `input` with a document timestamp over it to `output` (which may be
    /// `input`), streaming; `output` appears only when complete. An encrypted file is read
    /// with the file key of `original`.
    public func addDocumentTimestamp(fileAt input: String, unlockedLike original: PDFDocument? = nil, writingTo output: String) async throws {
        let partial = output + ".ltv-partial"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        try PDFFileCopier.copyFile(from: input, to: partial)
        try await appendDocumentTimestamp(toFileAt: partial, unlockedLike: original)
        guard rename(partial, output) == 0 else { throw PDFError(.ioFailure, "moving the timestamped file to \(output) failed: errno \(errno)") }
    }

    /// Appends the B-LT validation data (a DSS update) to the file at `path`, in place; an
    /// encrypted file is read with the file key of `original`, an earlier version of it.
    /// On failure the file is left as it was.
    public func appendValidationData(toFileAt path: String, unlockedLike original: PDFDocument? = nil) async throws {
        let document = try Self.document(at: path, unlockedLike: original)
        let update = try await validationDataUpdate(for: document)
        try Self.append(update.bytes, to: path, expectedLength: update.startOffset)
    }

    /// Adds a document timestamp to the file at `path`: the timestamped file is written
    /// beside it while the original is copied and hashed, then renamed over it. An encrypted
    /// file is read with the file key of `original`, an earlier version of it.
    public func appendDocumentTimestamp(toFileAt path: String, unlockedLike original: PDFDocument? = nil) async throws {
        let document = try Self.document(at: path, unlockedLike: original)
        let stamped = path + ".doc-ts-partial"
        defer { try? FileManager.default.removeItem(atPath: stamped) }
        try await documentTimestamp(of: document) { preparer, capacity in
            try preparer.prepare(document, contentsCapacity: capacity, writingTo: stamped)
        } embed: { prepared, token in
            try prepared.embed(token, intoFileAt: stamped)
        }
        guard rename(stamped, path) == 0 else { throw PDFError(.ioFailure, "moving the timestamped file to \(path) failed: errno \(errno)") }
    }

    static func document(at path: String, unlockedLike original: PDFDocument?) throws -> PDFDocument {
        if let original { return try PDFDocument(contentsOfFile: path, unlockedLike: original) }
        return try PDFDocument(contentsOfFile: path)
    }

    /// Appends `bytes` to the file at `path` and flushes it, after checking that the file still
    /// has the length the update was laid out for; a failed write is truncated away.
    static func append(_ bytes: [UInt8], to path: String, expectedLength: Int) throws {
        let descriptor = open(path, O_WRONLY)
        guard descriptor >= 0 else { throw PDFError(.ioFailure, "cannot open \(path) for appending: errno \(errno)") }
        defer { close(descriptor) }
        let end = lseek(descriptor, 0, SEEK_END)
        guard end == off_t(expectedLength) else {
            throw PDFError(.ioFailure, "\(path) changed while it was being extended (\(end) bytes, expected \(expectedLength))")
        }
        do {
            try PDFFileCopier.writeAll(bytes[...], to: descriptor)
            guard fsync(descriptor) == 0 else { throw PDFError(.ioFailure, "flushing \(path) failed: errno \(errno)") }
        } catch {
            _ = ftruncate(descriptor, end)
            throw error
        }
    }
}
