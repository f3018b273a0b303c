import Foundation

/// What a composed document says about itself, written twice and consistently: in the
/// document information dictionary (/Info) and as XMP in the catalog's /Metadata stream.
///
/// Dates are given, never read from the clock, so the same input gives the same file.
public struct PDFDocumentMetadata: Hashable, Sendable {
    /// /Title and `dc:title`.
    public var title: String?
    /// /Author and `dc:creator`.
    public var author: String?
    /// /Subject and `dc:description`.
    public var subject: String?
    /// /Keywords and `pdf:Keywords`.
    public var keywords: String?
    /// /Creator and `xmp:CreatorTool`: the application that made the content.
    public var creator: String?
    /// /Producer and `pdf:Producer`.
    public var producer: String
    /// /CreationDate and `xmp:CreateDate`.
    public var creationDate: Date
    /// /ModDate and `xmp:ModifyDate` (and `xmp:MetadataDate`); the creation date when `nil`.
    public var modificationDate: Date?
    /// The natural language of the text (catalog /Lang and `dc:language`), e.g. `ja-JP`.
    public var language: String?

    /// Metadata; `creationDate` is required so that output is reproducible.
    public init(title: String? = nil, author: String? = nil, subject: String? = nil, keywords: String? = nil, creator: String? = nil,
                producer: String = "EContractKit", creationDate: Date, modificationDate: Date? = nil, language: String? = nil) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.producer = producer
        self.creationDate = creationDate
        self.modificationDate = modificationDate
        self.language = language
    }

    /// The document information dictionary.
    func infoDictionary() -> PDFDictionary {
        var info = PDFDictionary([
            "Producer": .string(.text(producer)),
            "CreationDate": .string(.date(creationDate)),
            "ModDate": .string(.date(modificationDate ?? creationDate)),
        ])
        let optional: [(PDFName, String?)] = [("Title", title), ("Author", author), ("Subject", subject), ("Keywords", keywords), ("Creator", creator)]
        for (key, value) in optional { if let value { info[key] = .string(.text(value)) } }
        return info
    }
}
