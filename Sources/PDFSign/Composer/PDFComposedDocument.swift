import Foundation

/// A business document — a contract, a completion certificate (合意締結証明書), a report —
/// composed from blocks and written as a new PDF.
///
/// Blocks (``PDFComposerBlock``: headings, paragraphs, tables, rules, images) flow over as many
/// pages as they need; every page gets the ``header`` and ``footer``, with page numbers. Text
/// is set in an embedded subset of the ``PDFComposerFonts`` (so it can be copied and
/// searched), wrapped with Japanese line-breaking rules (``PDFLineBreaker``).
///
/// Writing takes two passes: every string is collected first so that the font subset holds
/// each glyph (page-number digits included), then the blocks are laid out, and only then —
/// with the page count known — pages, headers and footers are written. The same blocks,
/// fonts and ``metadata`` give the same bytes.
///
/// ```swift
/// var document = PDFComposedDocument(fonts: PDFComposerFonts(regular: try .systemJapaneseFont()),
///                                    metadata: PDFDocumentMetadata(title: "発注書", creationDate: issued))
/// document.footer = PDFRunningText(center: "{page} / {pages}")
/// document.blocks = [.heading("発注書"), .paragraph("下記のとおり発注いたします。"), .table(items)]
/// let bytes = try document.pdfBytes()
/// ```
public struct PDFComposedDocument: Sendable {
    /// The content, in reading order.
    public var blocks: [PDFComposerBlock]
    /// The faces the text is set in.
    public var fonts: PDFComposerFonts
    /// /Info and XMP metadata.
    public var metadata: PDFDocumentMetadata
    /// The page size (A4 by default).
    public var pageSize: PDFPageSize
    /// The margins (20 mm by default); the header and footer sit inside the top and bottom ones.
    public var margins: PDFMargins
    /// Text at the top of every page, or `nil`.
    public var header: PDFRunningText?
    /// Text at the bottom of every page, or `nil`.
    public var footer: PDFRunningText?

    /// A document.
    public init(blocks: [PDFComposerBlock] = [], fonts: PDFComposerFonts, metadata: PDFDocumentMetadata,
                pageSize: PDFPageSize = .a4, margins: PDFMargins = PDFMargins(all: 56.69)) {
        self.blocks = blocks
        self.fonts = fonts
        self.metadata = metadata
        self.pageSize = pageSize
        self.margins = margins
    }

    /// The number of pages the blocks take.
    ///
    /// - Throws: as ``pdfBytes()``.
    public func pageCount() throws -> Int { try layout().pages.count }

    /// The PDF file.
    ///
    /// - Throws: ``PDFError`` `unsupportedFont` when a face lacks a character of the text,
    ///   `invalidArgument` for impossible geometry (margins wider than the page, table columns
    ///   wider than the text, a row with the wrong number of cells).
    public func pdfBytes() throws -> [UInt8] {
        let result = try layout()
        return try ComposerFileWriter(font: result.font, pageSize: pageSize, metadata: metadata)
            .bytes(pages: result.pages, images: result.images)
    }

    /// Laid-out pages with headers and footers, the font they use and the images they draw.
    func layout() throws -> (pages: [ComposedPage], images: [PDFStampImage], font: ComposerFont) {
        let font = try ComposerFont(fonts, texts: collectedTexts())
        var flow = try ComposerFlow(font: font, pageSize: pageSize, margins: margins)
        for block in blocks { try flow.place(block) }
        var pages = flow.pages
        for index in pages.indices {
            if let header {
                try placeRunning(header, on: &pages[index], page: index + 1, of: pages.count, lineTop: pageSize.height - margins.top / 2 + header.fontSize * 0.75, flow: flow)
            }
            if let footer {
                try placeRunning(footer, on: &pages[index], page: index + 1, of: pages.count, lineTop: margins.bottom / 2 + footer.fontSize * 0.75, flow: flow)
            }
        }
        return (pages, flow.images, font)
    }

    private func placeRunning(_ running: PDFRunningText, on page: inout ComposedPage, page number: Int, of count: Int,
                              lineTop: Double, flow: ComposerFlow) throws {
        try ComposerValidation.check(running.fontSize, in: 1...200, "the font size of a header or footer")
        for (alignment, text) in running.resolved(page: number, of: count) {
            page.texts.append(try flow.textRun(text, size: running.fontSize, weight: .regular, alignment: alignment, x: flow.left,
                                               width: flow.width, lineTop: lineTop, lineHeight: running.fontSize * 1.5, isLast: true))
        }
    }

    /// Every string the document can show, by weight.
    func collectedTexts() -> ComposerTextCollector {
        var texts = ComposerTextCollector()
        func add(_ text: String, _ weight: PDFFontWeight) { texts.add(text.replacingOccurrences(of: "\n", with: ""), weight) }
        for block in blocks {
            switch block {
            case .heading(let text, _): add(text, .bold)
            case .paragraph(let text, let style): add(text, style.weight)
            case .table(let table):
                table.header?.forEach { add($0, .bold) }
                for (index, row) in table.rows.enumerated() { row.forEach { add($0, table.boldRows.contains(index) ? .bold : .regular) } }
            case .rule, .image, .space, .pageBreak: break
            }
        }
        for running in [header, footer].compactMap({ $0 }) { running.glyphTexts.forEach { add($0, .regular) } }
        return texts
    }
}
