/// What a visible signature shows: a seal image on the left and lines of text beside it, in
/// a rectangle on one page.
public struct PDFSignatureAppearance: Sendable {
    /// The page, counted from 0.
    public var pageIndex: Int
    /// Where the signature widget lies on the page.
    public var rectangle: PDFRectangle
    /// The text lines, drawn top-down (no wrapping).
    public var textLines: [String]
    /// The font for the text; `nil` uses the Japanese font ``PDFFontDiscovery`` finds (a
    /// predefined, non-embedded font when the system has none).
    public var font: PDFFont?
    /// The seal image drawn at the left in a square as high as the rectangle.
    public var stamp: PDFStampImage?
    /// The font size in points; `nil` picks the largest size from 12 down to 4 pt at which
    /// every line fits.
    public var fontSize: Double?

    /// An appearance.
    ///
    /// - Throws: ``PDFError`` with `invalidArgument` for a negative page index or a font size
    ///   that is not a positive finite number.
    public init(pageIndex: Int, rectangle: PDFRectangle, textLines: [String] = [], font: PDFFont? = nil,
                stamp: PDFStampImage? = nil, fontSize: Double? = nil) throws {
        guard pageIndex >= 0 else { throw PDFError(.invalidArgument, "page index \(pageIndex) is negative") }
        if let fontSize, !(fontSize.isFinite && fontSize > 0) {
            throw PDFError(.invalidArgument, "font size \(fontSize) is not a positive number")
        }
        self.pageIndex = pageIndex
        self.rectangle = rectangle
        self.textLines = textLines
        self.font = font
        self.stamp = stamp
        self.fontSize = fontSize
    }

    /// An appearance whose text is in a TrueType font (embedded as a subset).
    ///
    /// - Throws: ``PDFError`` with `invalidArgument`, as the initializer taking a ``PDFFont``.
    public init(pageIndex: Int, rectangle: PDFRectangle, textLines: [String] = [], font: TrueTypeFont,
                stamp: PDFStampImage? = nil, fontSize: Double? = nil) throws {
        try self.init(pageIndex: pageIndex, rectangle: rectangle, textLines: textLines, font: .trueType(font), stamp: stamp, fontSize: fontSize)
    }

    /// Whether there is any text to draw.
    var hasText: Bool { textLines.contains { !$0.isEmpty } }
}
