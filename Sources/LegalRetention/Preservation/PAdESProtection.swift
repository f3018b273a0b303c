import Foundation
import PDFSign
import TimestampClient
import X509

extension ArchiveService {
    /// For a PDF with document timestamps (PAdES B-LTA), the end of the TSA certificate of its
    /// latest one; `nil` for other documents (looked at only when the file name ends in `.pdf`).
    func padesProtection(of record: ArchiveRecord) async throws -> Date? {
        guard record.document.fileName.lowercased().hasSuffix(".pdf") else { return nil }
        return PAdESProtection.latestDocumentTimestampExpiry(try await decrypt(record))
    }
}

/// Reads a PDF's document timestamps.
enum PAdESProtection {
    /// The TSA certificate end of the document timestamp with the latest genTime, if any.
    static func latestDocumentTimestampExpiry(_ bytes: [UInt8]) -> Date? {
        guard bytes.starts(with: Array("%PDF".utf8)), let pdf = try? PDFDocument(bytes: bytes), let signatures = try? pdf.embeddedSignatures() else { return nil }
        let tokens = signatures.filter(\.signatureDictionary.isDocumentTimestamp).compactMap { signature -> TimestampToken? in
            guard let contents = signature.signatureDictionary.contents, let length = derLength(contents) else { return nil }
            return try? TimestampToken(derEncoded: Array(contents.prefix(length)))
        }
        guard let latest = tokens.max(by: { $0.genTime < $1.genTime }) else { return nil }
        return latest.tsaCertificate?.notValidAfter ?? latest.genTime
    }

    /// The length of the DER element at the start of `bytes` (signature contents are zero-padded).
    static func derLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        let first = Int(bytes[1])
        if first < 0x80 { return 2 + first }
        let count = first & 0x7F
        guard count > 0, count <= 4, bytes.count >= 2 + count else { return nil }
        let length = bytes[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
        return 2 + count + length <= bytes.count ? 2 + count + length : nil
    }
}
