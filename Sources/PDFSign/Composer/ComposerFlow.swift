/// Lays blocks out top to bottom, starting a new page when the next piece does not fit.
struct ComposerFlow {
    let font: ComposerFont
    let pageSize: PDFPageSize
    let margins: PDFMargins
    /// The images of the document, in the order their blocks come.
    var images: [PDFStampImage] = []
    var pages: [ComposedPage] = [ComposedPage()]
    /// The top of the free space on the current page.
    var cursor: Double

    init(font: ComposerFont, pageSize: PDFPageSize, margins: PDFMargins) throws {
        try ComposerValidation.check(pageSize: pageSize, margins: margins)
        guard margins.left + margins.right < pageSize.width - 36, margins.top + margins.bottom < pageSize.height - 36 else {
            throw PDFError(.invalidArgument, "the margins leave less than half an inch of the \(pageSize.width)×\(pageSize.height) pt page")
        }
        self.font = font
        self.pageSize = pageSize
        self.margins = margins
        cursor = pageSize.height - margins.top
    }

    var top: Double { pageSize.height - margins.top }
    var bottom: Double { margins.bottom }
    var left: Double { margins.left }
    var width: Double { pageSize.width - margins.left - margins.right }
    /// The height of a page's text area.
    var pageCapacity: Double { top - bottom }
    /// The free height left on the current page.
    var remaining: Double { cursor - bottom }
    /// Whether nothing has been placed on the current page yet.
    var atPageTop: Bool { cursor >= top }

    mutating func newPage() {
        pages.append(ComposedPage())
        cursor = top
    }

    /// Moves down `amount`, unless at the top of a page (space there is dropped) or that
    /// would run past the bottom (then the next page starts at its top).
    mutating func space(_ amount: Double) {
        guard !atPageTop, amount > 0 else { return }
        if amount >= remaining { newPage() } else { cursor -= amount }
    }

    /// Starts a new page when `height` does not fit the rest of this one (and this one is
    /// not empty, so nothing loops).
    mutating func makeRoom(_ height: Double) {
        if height > remaining + 0.001, !atPageTop { newPage() }
    }

    mutating func place(_ block: PDFComposerBlock) throws {
        switch block {
        case .heading(let text, let level):
            let style = PDFParagraphStyle.heading(level: level)
            // Keep with next: the heading and about three body lines, or a new page.
            try paragraph(text, style: style, keepFollowing: 3 * PDFParagraphStyle.body.fontSize * PDFParagraphStyle.body.lineSpacing)
        case .paragraph(let text, let style):
            try paragraph(text, style: style, keepFollowing: 0)
        case .table(let table):
            try ComposerTableLayout(table: table).place(in: &self)
        case .rule(let rule):
            try ComposerValidation.check(rule.thickness, in: 0...100, "a rule's thickness")
            try ComposerValidation.check(rule.gray, in: 0...1, "a rule's gray")
            try ComposerValidation.check(rule.spacing, in: 0...1_000, "a rule's spacing")
            space(rule.spacing)
            makeRoom(rule.thickness)
            let y = cursor - rule.thickness / 2
            pages[pages.count - 1].lines.append(.init(x1: left, y1: y, x2: left + width, y2: y, width: rule.thickness, gray: rule.gray))
            cursor -= rule.thickness
            space(rule.spacing)
        case .image(let block):
            for value in [block.width, block.height].compactMap({ $0 }) { try ComposerValidation.check(value, in: 1...14_400, "an image's size") }
            try ComposerValidation.check(block.spacing, in: 0...1_000, "an image's spacing")
            image(block)
        case .space(let amount):
            try ComposerValidation.check(amount, in: 0...14_400, "a space")
            space(amount)
        case .pageBreak:
            if !atPageTop { newPage() }
        }
    }

    mutating func image(_ block: PDFComposerImage) {
        space(block.spacing)
        let size = block.size(fitting: (width, pageCapacity))
        makeRoom(size.height)
        let x: Double
        switch block.alignment {
        case .center: x = left + (width - size.width) / 2
        case .right: x = left + width - size.width
        case .left, .justified: x = left
        }
        images.append(block.image)
        pages[pages.count - 1].images.append(.init(index: images.count - 1, x: x, y: cursor - size.height, width: size.width, height: size.height))
        cursor -= size.height
        space(block.spacing)
    }

    mutating func paragraph(_ text: String, style: PDFParagraphStyle, keepFollowing: Double) throws {
        try ComposerValidation.check(fontSize: style.fontSize, lineSpacing: style.lineSpacing, "a paragraph")
        try ComposerValidation.check(style.spaceBefore, in: 0...1_000, "a paragraph's space before")
        try ComposerValidation.check(style.spaceAfter, in: 0...1_000, "a paragraph's space after")
        let lines = try font.lines(of: text, width: width, size: style.fontSize, weight: style.weight)
        let lineHeight = style.fontSize * style.lineSpacing
        space(style.spaceBefore)
        if keepFollowing > 0 { makeRoom(Double(lines.count) * lineHeight + style.spaceAfter + keepFollowing) }
        for (index, line) in lines.enumerated() {
            makeRoom(lineHeight)
            let run = try textRun(line, size: style.fontSize, weight: style.weight, alignment: style.alignment,
                                  x: left, width: width, lineTop: cursor, lineHeight: lineHeight, isLast: index == lines.count - 1)
            pages[pages.count - 1].texts.append(run)
            cursor -= lineHeight
        }
        space(style.spaceAfter)
    }

    /// A line of text placed in a box `width` wide from `x`, vertically centred in a line
    /// `lineHeight` tall whose top is `lineTop`.
    func textRun(_ line: String, size: Double, weight: PDFFontWeight, alignment: PDFTextAlignment,
                 x: Double, width: Double, lineTop: Double, lineHeight: Double, isLast: Bool) throws -> ComposedPage.TextRun {
        let advance = try font.width(of: line, size: size, weight: weight)
        let baseline = lineTop - (lineHeight - size) / 2 - font.ascent(weight) * size
        var run = ComposedPage.TextRun(text: line, x: x, baseline: baseline, fontSize: size, weight: weight, width: advance)
        switch alignment {
        case .left: break
        case .center: run.x = x + (width - advance) / 2
        case .right: run.x = x + width - advance
        case .justified:
            let gaps = line.count - 1
            if !isLast, gaps > 0, advance < width { run.characterSpacing = (width - advance) / Double(gaps) }
        }
        return run
    }
}
