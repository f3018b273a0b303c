/// A font ready to show some text in a PDF: it encodes strings for `Tj`, measures them, and
/// writes its font objects (ISO 32000-2 §9.7, composite fonts).
///
/// Made by ``PDFFont`` for the texts a document or an appearance will show:
/// ``PDFEmbeddedFont`` (a TrueType subset, CIDFontType2), ``PDFEmbeddedCFFFont`` (a CFF subset,
/// CIDFontType0C) and ``PDFPredefinedCIDFont`` (a predefined Adobe-Japan1 font, not embedded).
package protocol PDFTextFont: Sendable {
    /// The codes of `text` as a string operand for `Tj`.
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` for a character the font cannot show.
    func encoded(_ text: String) throws -> PDFString
    /// The advance of `text` set at `fontSize`, in text space units (points at scale 1).
    func width(of text: String, fontSize: Double) throws -> Double
    /// The ascender as a fraction of the em.
    var ascent: Double { get }
    /// Writes the font's objects through `sink` and returns the Type0 font, for a /Font resource.
    func write(into sink: some PDFObjectSink) throws -> PDFObjectReference
}

extension PDFEmbeddedFont: PDFTextFont {}

extension PDFFont {
    /// This font prepared for `texts` (a subset holding their characters, when embedded).
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` when a character has no glyph.
    package func prepared(for texts: [String]) throws -> any PDFTextFont {
        switch storage {
        case .trueType(let font): try PDFEmbeddedFont(font: font, texts: texts)
        case .openTypeCFF(let font): try PDFEmbeddedCFFFont(font: font, texts: texts)
        case .predefined(let font): try PDFPredefinedCIDFont(font: font, texts: texts)
        }
    }
}
