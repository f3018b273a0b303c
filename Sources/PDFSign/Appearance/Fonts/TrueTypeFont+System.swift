import Foundation

extension TrueTypeFont {
    /// Well-known locations of Japanese TrueType fonts, with the collection index to use.
    ///
    /// Noto Sans/Serif CJK are left out: they have CFF outlines, which cannot be embedded here.
    static let japaneseFontCandidates: [(path: String, index: Int)] = [
        ("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", 0),
        ("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf", 0),
        ("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf", 0),
        ("/usr/share/fonts/truetype/ipaexfont-mincho/ipaexm.ttf", 0),
        ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", 0),
        ("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf", 0),
        ("/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc", 0),
        ("/System/Library/Fonts/Hiragino Sans GB.ttc", 0),
        ("/System/Library/Fonts/ヒラギノ明朝 ProN.ttc", 0),
    ]

    /// The first Japanese TrueType font found at a well-known path (IPAex Gothic on Debian,
    /// Hiragino on macOS).
    ///
    /// ``PDFFontDiscovery`` also finds OpenType CFF fonts and never fails (it falls back to a
    /// predefined font); prefer it.
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` listing the paths tried when none is
    ///   usable (on Debian, install the `fonts-ipaexfont-gothic` package).
    public static func systemJapaneseFont() throws -> TrueTypeFont {
        var tried: [String] = []
        for candidate in japaneseFontCandidates {
            guard let data = FileManager.default.contents(atPath: candidate.path) else {
                tried.append("\(candidate.path) (absent)")
                continue
            }
            do {
                return try TrueTypeFont(data: Array(data), collectionIndex: candidate.index)
            } catch let error as PDFError {
                tried.append("\(candidate.path) (\(error.reason))")
            }
        }
        throw PDFError(.unsupportedFont, "no Japanese TrueType font found; on Debian install fonts-ipaexfont-gothic. Tried: " + tried.joined(separator: "; "))
    }
}
