import Foundation
@testable import PDFSign

/// Documents for the composer tests (they need IPAex Gothic: see ``JapaneseTestFont``).
enum ComposerFixtures {
    /// 2026-11-26 09:00:00 UTC.
    static let date = Date(timeIntervalSince1970: 1_795_683_600)

    static func fonts() throws -> PDFComposerFonts { PDFComposerFonts(regular: try JapaneseTestFont.load()) }

    static func metadata() -> PDFDocumentMetadata {
        PDFDocumentMetadata(title: "合意締結証明書", author: "サンプル商事株式会社", subject: "業務委託契約 EC-2026-0001",
                            creator: "EContractKit tests", creationDate: date, language: "ja-JP")
    }

    /// A table of `rows` numbered rows (行 1 … 行 n), three columns: fixed, proportional, fixed right-aligned.
    static func table(rows: Int, description: (Int) -> String = { "作業項目 \($0) の説明" }) -> PDFComposerTable {
        PDFComposerTable(
            columns: [.init(.points(70)), .init(.fraction(1)), .init(.points(90), alignment: .right)],
            header: ["番号", "内容 Description", "金額（円）"],
            rows: (1...max(rows, 1)).map { ["行 \($0)", description($0), "\($0 * 1_000)"] })
    }

    /// The three-page document of the integration test: heading, paragraphs, a 60-row table
    /// over a page break, an image, a rule, header and footer with page numbers.
    static func certificate() throws -> PDFComposedDocument {
        var document = PDFComposedDocument(fonts: try fonts(), metadata: metadata())
        document.header = PDFRunningText(left: "合意締結証明書", right: "EC-2026-0001")
        document.footer = PDFRunningText(center: "{page} / {pages}")
        document.blocks = [
            .paragraph("合意締結証明書", style: .title),
            .image(PDFComposerImage(try PDFStampImage.sampleSeal(diameter: 96), width: 60, alignment: .right)),
            .heading("1. 契約の概要", level: 1),
            .paragraph("サンプル商事株式会社（以下「甲」という。）と株式会社サンプル購買（以下「乙」という。）は、下記の業務委託契約を電子契約により締結したことを証明する。"
                + "各当事者の電子署名には認定タイムスタンプを付与し、長期署名（PAdES B-LTA）として保存する。", style: .justified),
            .paragraph("This certificate records the parties, the signing times and the document digest of the contract. It is signed by the platform operator.",
                       style: .body),
            .rule(),
            .heading("2. 作業明細", level: 2),
            .table(table(rows: 60)),
            .rule(PDFComposerRule(thickness: 1.5, gray: 0)),
            .paragraph("以上", style: PDFParagraphStyle(alignment: .right)),
        ]
        return document
    }
}
