import Foundation

/// The size of a page in points (1/72 inch).
public struct PDFPageSize: Hashable, Sendable {
    /// Width in points.
    public var width: Double
    /// Height in points.
    public var height: Double

    /// A page size.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// ISO A4 portrait, 210 × 297 mm.
    public static let a4 = PDFPageSize(width: 595.28, height: 841.89)
    /// ISO A4 landscape.
    public static let a4Landscape = PDFPageSize(width: 841.89, height: 595.28)
    /// JIS B5 portrait, 182 × 257 mm.
    public static let b5 = PDFPageSize(width: 515.91, height: 728.5)
    /// US Letter portrait, 8.5 × 11 in.
    public static let letter = PDFPageSize(width: 612, height: 792)
}

/// Space between the page edge and the text area, in points. Headers and footers are set
/// inside the top and bottom margins.
public struct PDFMargins: Hashable, Sendable {
    /// Top margin.
    public var top: Double
    /// Bottom margin.
    public var bottom: Double
    /// Left margin.
    public var left: Double
    /// Right margin.
    public var right: Double

    /// Margins given side by side.
    public init(top: Double, bottom: Double, left: Double, right: Double) {
        self.top = top
        self.bottom = bottom
        self.left = left
        self.right = right
    }

    /// The same margin on every side.
    public init(all value: Double) {
        self.init(top: value, bottom: value, left: value, right: value)
    }
}

/// Horizontal placement of a line of text, an image or a cell's text.
public enum PDFTextAlignment: String, Hashable, Sendable, Codable {
    /// Flush left.
    case left
    /// Centred.
    case center
    /// Flush right.
    case right
    /// Both edges flush (the last line of a paragraph is flush left); the extra room is spread
    /// between characters, which suits Japanese as well as Latin text.
    case justified
}

/// The weight of a run of text. Bold uses the bold face of ``PDFComposerFonts`` when there is
/// one; with one face only, glyphs are filled and stroked with a thin line (text render mode 2).
public enum PDFFontWeight: String, Hashable, Sendable, Codable {
    /// The regular face.
    case regular
    /// The bold face, or the regular face emboldened by stroking.
    case bold
}

/// A line of text set in the top or bottom margin of every page, in up to three slots.
///
/// In each slot `{page}` is replaced by the page number and `{pages}` by the number of
/// pages (known after the layout, so the document is laid out before it is written): for
/// example `"{page} / {pages}"` or `"{page} / {pages} ページ"`.
public struct PDFRunningText: Hashable, Sendable {
    /// Text at the left margin.
    public var left: String
    /// Text centred on the page.
    public var center: String
    /// Text ending at the right margin.
    public var right: String
    /// Font size in points.
    public var fontSize: Double

    /// A header or footer.
    public init(left: String = "", center: String = "", right: String = "", fontSize: Double = 8) {
        self.left = left
        self.center = center
        self.right = right
        self.fontSize = fontSize
    }

    /// The slots, with page numbers filled in.
    func resolved(page: Int, of pages: Int) -> [(PDFTextAlignment, String)] {
        [(.left, left), (.center, center), (.right, right)].compactMap { alignment, template in
            template.isEmpty ? nil : (alignment, Self.fill(template, page: page, pages: pages))
        }
    }

    static func fill(_ template: String, page: Int, pages: Int) -> String {
        template.replacingOccurrences(of: "{page}", with: String(page)).replacingOccurrences(of: "{pages}", with: String(pages))
    }

    /// Every character the slots can show: the templates without placeholders, and digits.
    var glyphTexts: [String] {
        [left, center, right].filter { !$0.isEmpty }.map { Self.fill($0, page: 0, pages: 0) } + ["0123456789"]
    }
}
