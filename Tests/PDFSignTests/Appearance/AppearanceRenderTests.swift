@testable import PDFSign
import Foundation
import Testing

@Suite("Signature appearance rendered by poppler", .serialized,
       .enabled(if: ExternalPDFTools.popplerAvailable, "needs pdftoppm, pdffonts and pdftotext (Debian package poppler-utils)"),
       .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
struct AppearanceRenderTests {
    /// The one-page test PDF with the appearance at (40, 60), 220 × 80 pt.
    static func writeSample(to directory: URL, before: String = "") throws -> URL {
        let appearance = try PDFSignatureAppearance(
            pageIndex: 0, rectangle: try PDFRectangle(x: 40, y: 60, width: 220, height: 80),
            textLines: ["署名者: 山田 太郎", "2026-11-26", "理由: 契約締結"],
            font: try JapaneseTestFont.load(), stamp: try PDFStampImage(data: try TestPNGEncoder.redSeal()))
        let pdf = try CollectingObjectSink.onePagePDF(drawing: { try appearance.makeFormXObject(into: $0) }, at: (40, 60), before: before)
        let url = directory.appendingPathComponent("appearance.pdf")
        try Data(pdf).write(to: url)
        // For looking at the result by hand: APPEARANCE_KEEP_DIR=/some/dir swift test --filter Appearance
        if let keep = ProcessInfo.processInfo.environment["APPEARANCE_KEEP_DIR"] {
            try Data(pdf).write(to: URL(fileURLWithPath: keep).appendingPathComponent("appearance.pdf"))
        }
        return url
    }

    @Test("pdftoppm draws the red seal in the stamp square and black text beside it")
    func render() async throws {
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = try Self.writeSample(to: directory)
        // 100 dpi: 1 pt = 100/72 px; the page is 300×200 pt → 417×278 px, y from the top.
        let image = try PPMImage(try await ExternalPDFTools.run("pdftoppm", ["-r", "100", "-singlefile", pdf.path]))
        #expect(image.width == 417 && image.height == 278)
        func px(_ points: Double) -> Int { Int(points * 100 / 72) }
        let top = px(200 - 140), bottom = px(200 - 60)
        let stamp = image.inkCount(x: px(40)..<px(120), y: top..<bottom, isRed: true)
        let text = image.inkCount(x: px(122)..<px(260), y: top..<bottom)
        let outside = image.inkCount(x: 0..<image.width, y: 0..<top)
        #expect(stamp > 500, "red pixels in the stamp square: \(stamp)")
        #expect(text > 300, "dark pixels in the text area: \(text)")
        #expect(image.inkCount(x: px(122)..<px(260), y: top..<bottom, isRed: true) == 0, "text is black")
        #expect(outside == 0, "nothing drawn above the rectangle")
    }

    @Test("The seal's transparent parts show what lies under the appearance")
    func transparency() async throws {
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A blue square under the stamp square.
        let pdf = try Self.writeSample(to: directory, before: "0 0 1 rg 40 60 80 80 re f\n")
        let image = try PPMImage(try await ExternalPDFTools.run("pdftoppm", ["-r", "100", "-singlefile", pdf.path]))
        func pixel(_ x: Double, _ y: Double) -> [UInt8] {
            let index = (Int((200 - y) * 100 / 72) * image.width + Int(x * 100 / 72)) * 3
            return Array(image.pixels[index..<(index + 3)])
        }
        #expect(pixel(45, 65) == [0, 0, 255], "corner of the seal square is transparent: \(pixel(45, 65))")
        #expect(pixel(40 + 40, 60 + 40)[0] > 150 && pixel(80, 100)[2] < 100, "centre of the seal is red: \(pixel(80, 100))")
    }

    @Test("pdffonts lists an embedded subset CID TrueType font with ToUnicode; pdftotext extracts the Japanese text")
    func fontsAndText() async throws {
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = try Self.writeSample(to: directory)
        let fonts = String(decoding: try await ExternalPDFTools.run("pdffonts", [pdf.path]), as: UTF8.self)
        let row = try #require(fonts.split(separator: "\n").first { $0.contains("+IPAexGothic") }, "\(fonts)")
        #expect(row.contains("CID TrueType"), "\(row)")
        #expect(row.contains("Identity-H"), "\(row)")
        #expect(row.contains("yes yes yes"), "emb sub uni: \(row)")
        let text = String(decoding: try await ExternalPDFTools.run("pdftotext", [pdf.path, "-"]), as: UTF8.self)
        #expect(text.contains("署名者: 山田 太郎"), "\(text)")
        #expect(text.contains("理由: 契約締結"), "\(text)")
        #expect(text.contains("2026-11-26"), "\(text)")
    }
}
