@testable import PDFSign
import Foundation
import Testing

@Suite("Font discovery: system fonts, a named file, the predefined fallback")
struct FontDiscoveryTests {
    @Test("ECONTRACT_NO_SYSTEM_FONTS hides the system fonts: the predefined HeiseiKakuGo-W5 is chosen, and says so")
    func environmentHidesSystemFonts() {
        for value in ["1", "yes"] {
            let choice = PDFFontDiscovery(environment: [PDFFontDiscovery.hideSystemFontsVariable: value]).japaneseFont()
            #expect(choice.isFallback && choice.font.kind == .predefined && !choice.font.isEmbedded)
            #expect(choice.font.postScriptName == "HeiseiKakuGo-W5" && choice.path == nil)
            #expect(choice.tried.first?.contains("hidden") == true)
        }
        for value in ["0", ""] { #expect(!PDFFontDiscovery.hidesSystemFonts([PDFFontDiscovery.hideSystemFontsVariable: value])) }
        #expect(!PDFFontDiscovery.hidesSystemFonts([:]))
        #expect(PDFFontDiscovery(usesSystemFonts: false, environment: [:]).japaneseFont().isFallback)
    }

    @Test("Absent and unusable candidates are skipped with a reason, then the fallback is used")
    func unusableCandidates() throws {
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.otf").path
        #expect(FileManager.default.createFile(atPath: broken, contents: Data(TestCFFFontBuilder.font().prefix(300))))
        var discovery = PDFFontDiscovery(environment: [:])
        discovery.candidates = [(directory.appendingPathComponent("absent.ttf").path, 0), (broken, 0)]
        discovery.fallback = .heiseiMinchoW3
        let choice = discovery.japaneseFont()
        #expect(choice.isFallback && choice.font.postScriptName == "HeiseiMin-W3")
        #expect(choice.tried.count == 2 && choice.tried[0].contains("absent") && choice.tried[1].contains("broken.otf"), "\(choice.tried)")
    }

    @Test("A usable candidate of either outline format is chosen")
    func usableCandidates() throws {
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let otf = directory.appendingPathComponent("test.otf").path, ttf = directory.appendingPathComponent("test.ttf").path
        #expect(FileManager.default.createFile(atPath: otf, contents: Data(TestCFFFontBuilder.font())))
        #expect(FileManager.default.createFile(atPath: ttf, contents: Data(TestFontBuilder.font())))
        var discovery = PDFFontDiscovery(environment: [:])
        discovery.candidates = [(otf, 0), (ttf, 0)]
        #expect(discovery.japaneseFont().font.kind == .embeddedCFF)
        discovery.candidates = [(ttf, 0), (otf, 0)]
        let choice = discovery.japaneseFont()
        #expect(choice.font.kind == .embeddedTrueType && choice.path == ttf && choice.tried.isEmpty)
        #expect(throws: PDFError(.ioFailure, "")) { try PDFFont(contentsOfFile: directory.appendingPathComponent("absent.otf").path) }
    }

    @Test("On Debian: IPAex Gothic first, Noto Sans CJK JP when IPAex is absent",
          .enabled(if: JapaneseTestFont.isAvailable && NotoTestFont.isAvailable, "needs fonts-ipaexfont-gothic and fonts-noto-cjk"))
    func debianFonts() {
        #expect(PDFFontDiscovery(environment: [:]).japaneseFont().font.postScriptName == "IPAexGothic")
        var discovery = PDFFontDiscovery(environment: [:])
        discovery.candidates.removeAll { !$0.path.contains("Noto") }  // IPAex and its fonts-japanese-gothic alias
        let choice = discovery.japaneseFont()
        #expect(choice.font.kind == .embeddedCFF && choice.font.postScriptName == "NotoSansCJKjp-Regular")
    }
}
