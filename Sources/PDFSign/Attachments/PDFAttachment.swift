import Foundation

/// A file embedded in a PDF, as found (ISO 32000-2 §7.11.4): in the document's /EmbeddedFiles
/// name tree (§7.9.6, §7.7.4) or in a file attachment annotation (§12.5.6.15).
///
/// Read them with ``PDFDocument/attachments()`` and their bytes with
/// ``PDFDocument/data(of:)``. Everything here comes from the file: names are not safe paths
/// (see ``safeFileName``).
public struct PDFAttachment: Sendable, Hashable {
    /// Where the file specification was found.
    public enum Location: Sendable, Hashable {
        /// The catalog's /Names /EmbeddedFiles name tree, under this key.
        case embeddedFiles(key: String)
        /// A /FileAttachment annotation on this page (counted from 0).
        case annotation(pageIndex: Int)
    }

    /// Where it was found.
    public let location: Location
    /// /UF, else /F, else the name-tree key: the file's name as the document gives it.
    public let fileName: String
    /// /Desc.
    public let description: String?
    /// The embedded file stream's /Subtype: a MIME type such as `application/xml`.
    public let mimeType: String?
    /// /AFRelationship (PDF 2.0).
    public let relationship: PDFAttachmentRelationship?
    /// /Params /Size: the uncompressed size the file claims.
    public let size: Int?
    /// /Params /CreationDate.
    public let creationDate: Date?
    /// /Params /ModDate.
    public let modificationDate: Date?
    /// /Params /CheckSum: the MD5 digest of the uncompressed bytes, as the file claims.
    public let checksum: [UInt8]?
    /// Whether the catalog's /AF array lists this file specification.
    public let isAssociatedWithDocument: Bool
    /// The embedded file stream, `nil` when the specification embeds none (an external file).
    public let stream: PDFObjectReference?

    /// ``fileName`` reduced to one safe path component: the last component after `/` or `\`,
    /// without control characters, with characters Windows forbids replaced by `_`, at most
    /// 255 UTF-8 bytes; `nil` when nothing usable remains (empty, `.`, `..`). Extracting under
    /// this name never leaves the target directory.
    public var safeFileName: String? { Self.safeFileName(fileName) }

    /// `name` reduced to one safe path component (see ``safeFileName``).
    public static func safeFileName(_ name: String) -> String? {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String(String.UnicodeScalarView(last.unicodeScalars.compactMap { scalar -> Unicode.Scalar? in
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) { return nil }
            return ":*?\"<>|".unicodeScalars.contains(scalar) ? "_" : scalar
        })).trimmingCharacters(in: .whitespaces)
        while cleaned.utf8.count > 255 { cleaned.removeLast() }
        guard !cleaned.isEmpty, cleaned != ".", cleaned != ".." else { return nil }
        return cleaned
    }
}
