import Foundation
import Logging

/// Finds a Japanese font on this machine: a TrueType font (IPAex Gothic on Debian), else an
/// OpenType CFF font (Noto Sans CJK JP on Debian, Hiragino on macOS), else the predefined
/// ``PDFPredefinedJapaneseFont/heiseiKakuGothicW5``, which needs no file at all.
///
/// Setting the environment variable `ECONTRACT_NO_SYSTEM_FONTS` (to anything but `0` or
/// nothing), or ``usesSystemFonts`` to `false`, skips the system fonts, so that tests and CI
/// can run the fallback on any machine. Falling back logs one notice; the caller sees it in
/// ``Choice/font``'s ``PDFFont/kind`` (``PDFFont/Kind/predefined``).
public struct PDFFontDiscovery: Sendable {
    /// The environment variable that hides the system fonts.
    public static let hideSystemFontsVariable = "ECONTRACT_NO_SYSTEM_FONTS"

    /// What discovery found.
    public struct Choice: Sendable {
        /// The font to use.
        public let font: PDFFont
        /// The file it was read from (`nil` for the predefined fallback).
        public let path: String?
        /// Each location tried before it, with why it was not used.
        public let tried: [String]
        /// Whether this is the predefined fallback (nothing embedded).
        public var isFallback: Bool { font.kind == .predefined }
    }

    /// Well-known Japanese fonts, with the collection face to use: TrueType first (the most
    /// widely readable embedding), then CFF (face 0 of Noto Sans CJK's collection is Japanese).
    public static let japaneseFontCandidates: [(path: String, collectionIndex: Int)] = [
        ("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", 0),
        ("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf", 0),
        ("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf", 0),
        ("/usr/share/fonts/truetype/ipaexfont-mincho/ipaexm.ttf", 0),
        ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", 0),
        ("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf", 0),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
        ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 0),
        ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 0),
        ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 0),
        ("/usr/share/fonts/opentype/noto/NotoSansCJKjp-Regular.otf", 0),
        ("/usr/share/fonts/OTF/NotoSansCJKjp-Regular.otf", 0),
        ("/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc", 0),
        ("/System/Library/Fonts/ヒラギノ明朝 ProN.ttc", 0),
    ]

    /// Whether system fonts are searched at all.
    public var usesSystemFonts: Bool
    /// The font used when none is found.
    public var fallback: PDFPredefinedJapaneseFont = .heiseiKakuGothicW5
    /// The locations searched, in order (``japaneseFontCandidates`` by default).
    public var candidates: [(path: String, collectionIndex: Int)] = Self.japaneseFontCandidates
    /// Where the fallback is reported (one notice).
    public var logger: Logger

    /// A discovery that searches the system fonts unless `usesSystemFonts` is `false` or
    /// `environment` sets ``hideSystemFontsVariable``.
    public init(usesSystemFonts: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment,
                logger: Logger = Logger(label: "econtract.fonts")) {
        self.usesSystemFonts = usesSystemFonts && !Self.hidesSystemFonts(environment)
        self.logger = logger
    }

    /// Whether `environment` asks to hide the system fonts.
    public static func hidesSystemFonts(_ environment: [String: String]) -> Bool {
        guard let value = environment[hideSystemFontsVariable] else { return false }
        return !value.isEmpty && value != "0"
    }

    /// The first usable Japanese font among ``candidates``, else ``fallback``. Never fails.
    public func japaneseFont() -> Choice {
        var tried: [String] = []
        if usesSystemFonts {
            for candidate in candidates {
                guard FileManager.default.fileExists(atPath: candidate.path) else { tried.append("\(candidate.path) (absent)"); continue }
                do {
                    let font = try PDFFont(contentsOfFile: candidate.path, collectionIndex: candidate.collectionIndex)
                    logger.debug("Japanese font found", metadata: ["path": "\(candidate.path)", "kind": "\(font.kind.rawValue)"])
                    return Choice(font: font, path: candidate.path, tried: tried)
                } catch let error as PDFError {
                    tried.append("\(candidate.path) (\(error.reason))")
                } catch {
                    tried.append("\(candidate.path) (\(error))")
                }
            }
        } else {
            tried.append("system fonts hidden (\(Self.hideSystemFontsVariable) or usesSystemFonts = false)")
        }
        logger.notice("\(Self.fallbackNote(fallback, systemFontsHidden: !usesSystemFonts))")
        return Choice(font: .predefined(fallback), path: nil, tried: tried)
    }

    /// The one line that says the fallback is used.
    public static func fallbackNote(_ font: PDFPredefinedJapaneseFont, systemFontsHidden: Bool) -> String {
        (systemFontsHidden ? "system fonts hidden" : "no Japanese font file found (on Debian: apt-get install fonts-ipaexfont-gothic)")
            + ": Japanese text uses the predefined font \(font.postScriptName), not embedded; PDF readers substitute a Japanese font"
    }
}
