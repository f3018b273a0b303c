import Foundation

/// The font of a text document or a signature appearance, whatever its kind: an embedded
/// TrueType subset, an embedded OpenType CFF subset, or a predefined Japanese font that the
/// reader supplies (ISO 32000-2 §9.7, composite fonts).
///
/// ``PDFFontDiscovery`` picks one from the system, falling back to a predefined font;
/// ``init(contentsOfFile:collectionIndex:)`` reads a font file of either outline format.
public struct PDFFont: Sendable {
    /// How the font reaches the PDF.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A TrueType subset, embedded (Type0, CIDFontType2, /FontFile2).
        case embeddedTrueType
        /// An OpenType CFF subset, embedded (Type0, CIDFontType0, /FontFile3 /CIDFontType0C).
        case embeddedCFF
        /// A predefined Adobe-Japan1 font, not embedded: the reader substitutes a Japanese font.
        case predefined
    }

    enum Storage: Sendable {
        case trueType(TrueTypeFont)
        case openTypeCFF(OpenTypeCFFFont)
        case predefined(PDFPredefinedJapaneseFont)
    }

    let storage: Storage

    /// A TrueType font, embedded as a subset.
    public static func trueType(_ font: TrueTypeFont) -> PDFFont { PDFFont(storage: .trueType(font)) }
    /// An OpenType CFF font, embedded as a subset.
    public static func openTypeCFF(_ font: OpenTypeCFFFont) -> PDFFont { PDFFont(storage: .openTypeCFF(font)) }
    /// A predefined Japanese font, not embedded.
    public static func predefined(_ font: PDFPredefinedJapaneseFont) -> PDFFont { PDFFont(storage: .predefined(font)) }

    private init(storage: Storage) { self.storage = storage }

    /// Reads a font file: TrueType (`.ttf`), OpenType with CFF outlines (`.otf`), or one face of
    /// a collection (`.ttc`) of either kind.
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` when the data is not a usable font.
    public init(data: [UInt8], collectionIndex: Int = 0) throws {
        switch SFNTFile.hasCFFOutlines(data, collectionIndex: collectionIndex) {
        case true?: storage = .openTypeCFF(try OpenTypeCFFFont(data: data, collectionIndex: collectionIndex))
        default: storage = .trueType(try TrueTypeFont(data: data, collectionIndex: collectionIndex))
        }
    }

    /// Reads the font file at `path` (see ``init(data:collectionIndex:)``).
    ///
    /// - Throws: ``PDFError`` with `ioFailure` when the file cannot be read, `unsupportedFont`
    ///   when it is not a usable font.
    public init(contentsOfFile path: String, collectionIndex: Int = 0) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PDFError(.ioFailure, "cannot read the font file \(path)")
        }
        do {
            try self.init(data: Array(data), collectionIndex: collectionIndex)
        } catch let error as PDFError {
            throw PDFError(error.code, "\(path): \(error.reason)")
        }
    }

    /// How the font reaches the PDF.
    public var kind: Kind {
        switch storage {
        case .trueType: .embeddedTrueType
        case .openTypeCFF: .embeddedCFF
        case .predefined: .predefined
        }
    }

    /// Whether the font program is embedded (`false` for a predefined font).
    public var isEmbedded: Bool { kind != .predefined }

    /// The PostScript name, e.g. `IPAexGothic`, `NotoSansCJKjp-Regular` or `HeiseiKakuGo-W5`.
    public var postScriptName: String {
        switch storage {
        case .trueType(let font): font.postScriptName
        case .openTypeCFF(let font): font.postScriptName
        case .predefined(let font): font.postScriptName
        }
    }
}
