import Foundation

/// A simple text document written as a new PDF: paragraphs in one font (an embedded TrueType
/// or CFF subset, or a predefined Japanese font; with ToUnicode, so text can be copied and
/// searched), wrapped to the page width
/// and flowed over as many A4 pages as needed. Enough for a sample contract, a cover sheet or
/// test documents; for anything richer, sign PDFs made by other software.
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

    /// The PDF file.
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` when the font lacks a character.
    public func pdfBytes() throws -> [UInt8] {
        let writer = PDFNewFileWriter()
        let embedded = try font.prepared(for: paragraphs.flatMap { $0.text.split(separator: "\n").map(String.init) })
        let fontReference = try embedded.write(into: writer)
        let width = pageSize.width - 2 * margin
        var pages: [String] = []
        var content = ""
        var y = pageSize.height - margin
        for paragraph in paragraphs {
            let lines = try Self.wrap(paragraph.text, font: embedded, size: paragraph.fontSize, width: width)
            y -= paragraph.spaceBefore
            for line in lines {
                let advance = paragraph.fontSize * 1.45
                if y - advance < margin {
                    pages.append(content)
                    content = ""
                    y = pageSize.height - margin
                }
                y -= advance
                let hex = String(decoding: try PDFObjectSerializer.bytes(of: .string(try embedded.encoded(line))), as: UTF8.self)
                content += "BT /F1 \(paragraph.fontSize) Tf \(margin) \(y) Td \(hex) Tj ET\n"
            }
        }
        pages.append(content)

        let pagesReference = writer.reserve()
        var kids: [PDFObject] = []
        for text in pages {
            let stream = writer.addStream(PDFDictionary(["Filter": .name("FlateDecode")]), data: try FlateEncoder.encode(Array(text.utf8)))
            kids.append(.reference(writer.add(.dictionary(PDFDictionary([
                "Type": .name("Page"), "Parent": .reference(pagesReference),
                "MediaBox": .array([.integer(0), .integer(0), .real(pageSize.width), .real(pageSize.height)]),
                "Resources": .dictionary(PDFDictionary(["Font": .dictionary(PDFDictionary(["F1": .reference(fontReference)]))])),
                "Contents": .reference(stream),
            ])))))
        }
        writer.set(pagesReference, .object(.dictionary(PDFDictionary([
            "Type": .name("Pages"), "Kids": .array(kids), "Count": .integer(Int64(kids.count)),
        ]))))
        let catalog = writer.add(.dictionary(PDFDictionary(["Type": .name("Catalog"), "Pages": .reference(pagesReference)])))
        var info = PDFDictionary(["Producer": .string(.text("EContractKit")), "CreationDate": .string(.date(Date()))])
        if let title { info["Title"] = .string(.text(title)) }
        return try writer.bytes(root: catalog, info: writer.add(.dictionary(info)))
    }

    /// Characters that must not begin a line (行頭禁則): they stay at the end of the previous one.
    static let noLineStart: Set<Character> = ["、", "。", "，", "．", "）", "」", "』", "】", "・", "ー", ")", ",", ".", "!", "?", "！", "？"]

    /// Greedy wrapping by width; breaks between any two characters (as Japanese allows), except
    /// before closing punctuation, and at the last space when it is near the end of the line.
    static func wrap(_ text: String, font: some PDFTextFont, size: Double, width: Double) throws -> [String] {
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for character in raw {
                let candidate = line + String(character)
                if try font.width(of: candidate, fontSize: size) > width, !line.isEmpty, !Self.noLineStart.contains(character) {
                    if let space = line.lastIndex(of: " "), space != line.startIndex, line.distance(from: space, to: line.endIndex) <= 12 {
                        lines.append(String(line[..<space]))
                        line = String(line[line.index(after: space)...]) + String(character)
                    } else {
                        lines.append(line)
                        line = String(character)
                    }
                } else {
                    line = candidate
                }
            }
            lines.append(line)
        }
        return lines
    }
}
