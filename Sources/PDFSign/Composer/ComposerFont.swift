/// The one place the composer touches fonts: measuring, encoding and writing text in the
/// regular or bold face. Everything else goes through this type, so another font model
/// (a non-embedded CID font, OpenType/CFF) is swapped in here alone.
///
/// Fonts are subsetted per document, so a `ComposerFont` is made from every string the
/// document will show (see ``ComposerTextCollector``) before anything is measured.
struct ComposerFont {
    /// The regular face, prepared (subsetted when embedded) for the document's text.
    let regular: any PDFTextFont
    /// The bold face, `nil` when bold is emulated by stroking the regular face (or
    /// when nothing is bold).
    let bold: (any PDFTextFont)?

    /// Subsets holding the glyphs of `texts` in each weight.
    ///
    /// - Throws: ``PDFError`` `unsupportedFont` when a face lacks a character.
    init(_ fonts: PDFComposerFonts, texts: ComposerTextCollector) throws {
        if let boldFace = fonts.bold, !texts.bold.isEmpty {
            regular = try fonts.regular.prepared(for: texts.regular)
            bold = try boldFace.prepared(for: texts.bold)
        } else {
            regular = try fonts.regular.prepared(for: texts.regular + texts.bold)
            bold = nil
        }
    }

    /// Whether bold text is drawn by stroking the regular face.
    var emulatesBold: Bool { bold == nil }

    private func face(_ weight: PDFFontWeight) -> any PDFTextFont {
        weight == .bold ? bold ?? regular : regular
    }

    /// The resource name of the face that sets `weight`.
    func resourceName(_ weight: PDFFontWeight) -> String {
        weight == .bold && bold != nil ? "F2" : "F1"
    }

    /// The advance of `text` at `size` points.
    func width(of text: String, size: Double, weight: PDFFontWeight) throws -> Double {
        try face(weight).width(of: text, fontSize: size)
    }

    /// `text` as a string operand for `Tj`.
    func encoded(_ text: String, weight: PDFFontWeight) throws -> PDFString {
        try face(weight).encoded(text)
    }

    /// The ascender as a fraction of the em.
    func ascent(_ weight: PDFFontWeight) -> Double { face(weight).ascent }

    /// Lines of `text` no wider than `width`, with Japanese line-breaking rules.
    func lines(of text: String, width: Double, size: Double, weight: PDFFontWeight) throws -> [String] {
        let face = face(weight)
        return try PDFLineBreaker.lines(of: text, width: width) { try face.width(of: String($0), fontSize: size) }
    }

    /// Writes the faces and returns the /Font resource dictionary.
    func writeResources(into sink: some PDFObjectSink) throws -> PDFDictionary {
        var fonts = PDFDictionary(["F1": .reference(try regular.write(into: sink))])
        if let bold { fonts["F2"] = .reference(try bold.write(into: sink)) }
        return fonts
    }
}

/// Every string a document shows, by weight, gathered before fonts are subsetted.
struct ComposerTextCollector {
    var regular: [String] = []
    var bold: [String] = []

    mutating func add(_ text: String, _ weight: PDFFontWeight) {
        if weight == .bold { bold.append(text) } else { regular.append(text) }
    }
}
