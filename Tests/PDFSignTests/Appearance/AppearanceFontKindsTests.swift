@testable import PDFSign
import Foundation
import Testing

@Suite("Signature appearances in each font kind, read back by poppler", .serialized,
       .enabled(if: ExternalPDFTools.popplerAvailable, "needs pdftoppm, pdffonts and pdftotext (Debian package poppler-utils)"))
struct AppearanceFontKindsTests {
    static let lines = ["署名者: 山田 太郎", "2026-11-26", "理由: 契約締結"]

    /// The appearance at (40, 60), 220 × 80 pt, on a 300 × 200 pt page: pdftotext's text,
    /// pdffonts' row for the font, and the dark pixels in the text area at 100 dpi.
    static func readBack(_ font: PDFFont) async throws -> (text: String, fontRow: String, ink: Int) {
        let appearance = try PDFSignatureAppearance(
            pageIndex: 0, rectangle: try PDFRectangle(x: 40, y: 60, width: 220, height: 80), textLines: lines, font: font)
        let pdf = try CollectingObjectSink.onePagePDF(drawing: { try appearance.makeFormXObject(into: $0) }, at: (40, 60))
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("appearance.pdf").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(pdf)))
        let text = String(decoding: try await ExternalPDFTools.run("pdftotext", [path, "-"]), as: UTF8.self)
        let fonts = String(decoding: try await ExternalPDFTools.run("pdffonts", [path]), as: UTF8.self)
        let row = fonts.split(separator: "\n").dropFirst(2).first.map(String.init) ?? ""
        let image = try PPMImage(try await ExternalPDFTools.run("pdftoppm", ["-r", "100", "-singlefile", path]))
        func px(_ points: Double) -> Int { Int(points * 100 / 72) }
        return (text, row, image.inkCount(x: px(40)..<px(260), y: px(200 - 140)..<px(200 - 60)))
    }

    @Test("Predefined HeiseiKakuGo-W5: not embedded, text extracted and drawn", .enabled(if: PopplerData.isAvailable, PopplerData.skipMessage))
    func predefined() async throws {
        let result = try await Self.readBack(.predefined(.heiseiKakuGothicW5))
        for line in Self.lines { #expect(result.text.contains(line), "\(result.text)") }
        #expect(result.fontRow.contains("HeiseiKakuGo-W5-UniJIS-UTF16-H") && result.fontRow.contains("CID Type 0 "), "\(result.fontRow)")
        #expect(result.fontRow.contains("no  no  yes"), "emb sub uni: \(result.fontRow)")
        #expect(result.ink > 300, "dark pixels in the text area: \(result.ink)")
    }

    @Test("Noto Sans CJK JP: an embedded CFF subset (CID Type 0C), text extracted and drawn", .enabled(if: NotoTestFont.isAvailable, NotoTestFont.skipMessage))
    func noto() async throws {
        let result = try await Self.readBack(.openTypeCFF(try NotoTestFont.load()))
        for line in Self.lines { #expect(result.text.contains(line), "\(result.text)") }
        #expect(result.fontRow.contains("+NotoSansCJKjp-Regular") && result.fontRow.contains("CID Type 0C"), "\(result.fontRow)")
        #expect(result.fontRow.contains("yes yes yes"), "emb sub uni: \(result.fontRow)")
        #expect(result.ink > 300, "dark pixels in the text area: \(result.ink)")
    }
}
