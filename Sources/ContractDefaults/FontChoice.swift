import Foundation
import PDFSign

/// The font of the commands that draw Japanese text (`demo`, `pdf sign --visible`).
public enum FontChoice {
    /// The font file `file`, else a Japanese system font (IPAex Gothic or Noto Sans CJK JP on
    /// Debian), else the predefined HeiseiKakuGo-W5 (not embedded), with one note on stderr.
    public static func japanese(file: String?, systemFonts: Bool = true) throws -> PDFFont {
        if let file { return try PDFFont(contentsOfFile: file) }
        let discovery = PDFFontDiscovery(usesSystemFonts: systemFonts)
        let choice = discovery.japaneseFont()
        if choice.isFallback {
            let note = PDFFontDiscovery.fallbackNote(discovery.fallback, systemFontsHidden: !discovery.usesSystemFonts)
            FileHandle.standardError.write(Data("note: \(note)\n".utf8))
        }
        return choice.font
    }

    /// How the font reaches the PDF, for a command's output.
    public static func describe(_ font: PDFFont) -> String {
        switch font.kind {
        case .embeddedTrueType: "\(font.postScriptName), embedded TrueType subset"
        case .embeddedCFF: "\(font.postScriptName), embedded CFF subset"
        case .predefined: "\(font.postScriptName), predefined, not embedded"
        }
    }
}
