import Foundation

/// A file to embed in a PDF with ``PDFAttachmentEmbedder``.
public struct PDFNewAttachment: Sendable, Hashable {
    /// The file's name (/F and /UF, and its key in the /EmbeddedFiles name tree).
    public var fileName: String
    /// The file's bytes.
    public var data: [UInt8]
    /// A MIME type for the stream's /Subtype, e.g. `application/xml`.
    public var mimeType: String?
    /// /AFRelationship (PDF 2.0): how the file relates to the document.
    public var relationship: PDFAttachmentRelationship
    /// /Desc.
    public var description: String?
    /// /Params /CreationDate.
    public var creationDate: Date?
    /// /Params /ModDate.
    public var modificationDate: Date?

    /// A file to embed.
    ///
    /// - Throws: ``PDFError`` with `invalidArgument` for an empty name, or a MIME type that is
    ///   not `type/subtype` in printable ASCII.
    public init(fileName: String, data: [UInt8], mimeType: String? = nil, relationship: PDFAttachmentRelationship = .data,
                description: String? = nil, creationDate: Date? = nil, modificationDate: Date? = nil) throws {
        guard !fileName.isEmpty else { throw PDFError(.invalidArgument, "an attachment needs a file name") }
        if let mimeType {
            let parts = mimeType.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }), mimeType.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                throw PDFError(.invalidArgument, "MIME type \(mimeType) is not type/subtype")
            }
        }
        self.fileName = fileName
        self.data = data
        self.mimeType = mimeType
        self.relationship = relationship
        self.description = description
        self.creationDate = creationDate
        self.modificationDate = modificationDate
    }

    /// Reads the file at `path`: its name, bytes and modification date.
    ///
    /// - Throws: ``PDFError`` with `ioFailure` when it cannot be read.
    public init(contentsOfFile path: String, mimeType: String? = nil, relationship: PDFAttachmentRelationship = .data,
                description: String? = nil) throws {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw PDFError(.ioFailure, "cannot read \(path): \(error.localizedDescription)") }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        try self.init(fileName: url.lastPathComponent, data: Array(data), mimeType: mimeType, relationship: relationship, description: description,
                      creationDate: attributes?[.creationDate] as? Date, modificationDate: attributes?[.modificationDate] as? Date)
    }
}
