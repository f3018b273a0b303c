/// One element of a composed document's flow, laid out top to bottom over as many pages as it
/// takes.
public enum PDFComposerBlock: Sendable {
    /// A heading of level 1 (largest) to 3, bold, kept on the page of what follows it when
    /// there is room for a few lines.
    case heading(String, level: Int = 1)
    /// A paragraph: wrapped text, `\n` for a forced line break.
    case paragraph(String, style: PDFParagraphStyle = .body)
    /// A table, broken between rows over pages with its header row repeated.
    case table(PDFComposerTable)
    /// A horizontal rule across the text width.
    case rule(PDFComposerRule = PDFComposerRule())
    /// A PNG or JPEG image.
    case image(PDFComposerImage)
    /// Vertical space in points (dropped at the top of a page).
    case space(Double)
    /// Continue on a new page.
    case pageBreak
}

/// How a paragraph is set.
public struct PDFParagraphStyle: Hashable, Sendable {
    /// Font size in points.
    public var fontSize: Double
    /// Regular or bold.
    public var weight: PDFFontWeight
    /// Line alignment.
    public var alignment: PDFTextAlignment
    /// Distance between baselines as a multiple of the font size.
    public var lineSpacing: Double
    /// Space above, in points (dropped at the top of a page).
    public var spaceBefore: Double
    /// Space below, in points.
    public var spaceAfter: Double

    /// A paragraph style.
    public init(fontSize: Double = 10.5, weight: PDFFontWeight = .regular, alignment: PDFTextAlignment = .left,
                lineSpacing: Double = 1.5, spaceBefore: Double = 0, spaceAfter: Double = 6) {
        self.fontSize = fontSize
        self.weight = weight
        self.alignment = alignment
        self.lineSpacing = lineSpacing
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
    }

    /// 10.5 pt body text, flush left.
    public static let body = PDFParagraphStyle()
    /// 10.5 pt body text, justified.
    public static let justified = PDFParagraphStyle(alignment: .justified)
    /// A centred title: 20 pt bold.
    public static let title = PDFParagraphStyle(fontSize: 20, weight: .bold, alignment: .center, lineSpacing: 1.3, spaceAfter: 12)

    /// The style of a heading of `level` (1…3; other values are clamped).
    public static func heading(level: Int) -> PDFParagraphStyle {
        switch min(max(level, 1), 3) {
        case 1: return PDFParagraphStyle(fontSize: 16, weight: .bold, lineSpacing: 1.35, spaceBefore: 14, spaceAfter: 6)
        case 2: return PDFParagraphStyle(fontSize: 13, weight: .bold, lineSpacing: 1.35, spaceBefore: 10, spaceAfter: 4)
        default: return PDFParagraphStyle(fontSize: 11, weight: .bold, lineSpacing: 1.4, spaceBefore: 8, spaceAfter: 3)
        }
    }
}

/// A horizontal rule.
public struct PDFComposerRule: Hashable, Sendable {
    /// Line width in points.
    public var thickness: Double
    /// Gray level, 0 (black) to 1 (white).
    public var gray: Double
    /// Space above and below the line, in points.
    public var spacing: Double

    /// A rule.
    public init(thickness: Double = 0.75, gray: Double = 0.4, spacing: Double = 6) {
        self.thickness = thickness
        self.gray = gray
        self.spacing = spacing
    }
}

/// An image placed in the flow, scaled to a target size with its aspect ratio kept.
///
/// With only a width (or only a height) the other side follows the image's proportions; with
/// both, the image is fitted inside that box; with neither, it is set at 72 pixels per inch.
/// It never grows beyond the text width or the text height of a page.
public struct PDFComposerImage: Hashable, Sendable {
    /// The image (PNG, with transparency, or JPEG).
    public var image: PDFStampImage
    /// Target width in points.
    public var width: Double?
    /// Target height in points.
    public var height: Double?
    /// Placement across the text width (`justified` is taken as `left`).
    public var alignment: PDFTextAlignment
    /// Space above and below, in points.
    public var spacing: Double

    /// An image block.
    public init(_ image: PDFStampImage, width: Double? = nil, height: Double? = nil, alignment: PDFTextAlignment = .left, spacing: Double = 6) {
        self.image = image
        self.width = width
        self.height = height
        self.alignment = alignment
        self.spacing = spacing
    }

    /// The drawn size inside `maximum` (text width, text height).
    func size(fitting maximum: (width: Double, height: Double)) -> (width: Double, height: Double) {
        let aspect = Double(image.height) / Double(image.width)
        var width: Double
        switch (self.width, self.height) {
        case let (w?, h?): width = min(w, h / aspect)
        case let (w?, nil): width = w
        case let (nil, h?): width = h / aspect
        case (nil, nil): width = Double(image.width)
        }
        width = min(width, maximum.width, maximum.height / aspect)
        return (width, width * aspect)
    }
}
