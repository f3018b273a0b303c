/// The faces a composed document is set in: a regular face and, optionally, a bold one.
///
/// Without a bold face, bold text is the regular face filled and stroked with a thin line
/// (text render mode 2), which reads as bold in every viewer.
public struct PDFComposerFonts: Sendable {
    /// The regular face (for Japanese, e.g. what ``PDFFontDiscovery/japaneseFont()`` finds).
    public var regular: PDFFont
    /// The bold face, or `nil` to embolden the regular one.
    public var bold: PDFFont?

    /// Fonts for a document.
    public init(regular: PDFFont, bold: PDFFont? = nil) {
        self.regular = regular
        self.bold = bold
    }

    /// TrueType faces, embedded as subsets.
    public init(regular: TrueTypeFont, bold: TrueTypeFont? = nil) {
        self.init(regular: .trueType(regular), bold: bold.map { .trueType($0) })
    }
}
