import Foundation

/// A simple text document written as a new PDF: paragraphs in one font (an embedded TrueType
/// or CFF subset, or a predefined Japanese font; with ToUnicode, so text can be copied and
/// searched), wrapped to the page width
/// and flowed over as many A4 pages as needed. Enough for a sample contract, a cover sheet or
/// test documents; for headings, tables, images, headers and footers use
/// ``PDFComposedDocument``, on which this one is a thin wrapper.
public struct PDFTextDocument: Sendable {
    /// A paragraph: text and its font size; `spaceBefore` points above it.
    public struct Paragraph: Sendable {
        public var text: String
        public var fontSize: Double
        public var spaceBefore: Double
        /// A paragraph.
        public init(_ text: String, fontSize: Double = 10.5, spaceBefore: Double = 4) {
            self.text = text
            self.fontSize = fontSize
            self.spaceBefore = spaceBefore
        }
    }

    /// The paragraphs, in order.
    public var paragraphs: [Paragraph]
    /// The font (for Japanese, e.g. what ``PDFFontDiscovery/japaneseFont()`` finds).
    public var font: PDFFont
    /// /Title in the document information dictionary.
    public var title: String?
    /// Page width and height in points (A4 by default).
    public var pageSize = (width: 595.0, height: 842.0)
    /// The margin on every side, in points.
    public var margin = 64.0

    /// A document.
    public init(paragraphs: [Paragraph], font: PDFFont, title: String? = nil) {
        self.paragraphs = paragraphs
        self.font = font
        self.title = title
    }

    /// A document in a TrueType font (embedded as a subset).
    public init(paragraphs: [Paragraph], font: TrueTypeFont, title: String? = nil) {
        self.init(paragraphs: paragraphs, font: .trueType(font), title: title)
    }

    /// /CreationDate and /ModDate; the current time when `nil`. Give a date for reproducible output.
    public var creationDate: Date?

    /// The same document as a ``PDFComposedDocument``: one paragraph block per paragraph.
    public func composed() -> PDFComposedDocument {
        let blocks = paragraphs.map { paragraph in
            PDFComposerBlock.paragraph(paragraph.text, style: PDFParagraphStyle(
                fontSize: paragraph.fontSize, lineSpacing: 1.45, spaceBefore: paragraph.spaceBefore, spaceAfter: 0))
        }
        return PDFComposedDocument(blocks: blocks, fonts: PDFComposerFonts(regular: font),
                                   metadata: PDFDocumentMetadata(title: title, creationDate: creationDate ?? Date()),
                                   pageSize: PDFPageSize(width: pageSize.width, height: pageSize.height), margins: PDFMargins(all: margin))
    }

    /// The PDF file (written by ``PDFComposedDocument``).
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` when the font lacks a character.
    public func pdfBytes() throws -> [UInt8] {
        try composed().pdfBytes()
    }

    /// Characters that must not begin a line (行頭禁則): ``PDFLineBreaker/noLineStart``.
    static var noLineStart: Set<Character> { PDFLineBreaker.noLineStart }

    /// Lines of `text` no wider than `width`, by ``PDFLineBreaker``.
    static func wrap(_ text: String, font: some PDFTextFont, size: Double, width: Double) throws -> [String] {
        try PDFLineBreaker.lines(of: text, width: width) { try font.width(of: String($0), fontSize: size) }
    }
}
