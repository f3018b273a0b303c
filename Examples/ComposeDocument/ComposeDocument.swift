// ComposeDocument — write a sample 発注書 (purchase order) with PDFComposedDocument: a title,
// parties, an item table with a repeated header row, totals, a rule, a seal image, and
// page numbers in the footer.
//
//   swift run ComposeDocument [OUTPUT.pdf] [--rows N]
//
// Needs a Japanese TrueType font (Debian: fonts-ipaexfont-gothic). The issue date is fixed,
// so the same command writes the same bytes.
import Foundation
import PDFSign

@main
struct ComposeDocument {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let output = arguments.first { !$0.hasPrefix("--") && Int($0) == nil } ?? "purchase-order.pdf"
        let rows = arguments.firstIndex(of: "--rows").flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil } ?? 24
        do {
            let bytes = try purchaseOrder(rows: max(1, min(rows, 2_000))).pdfBytes()
            try Data(bytes).write(to: URL(fileURLWithPath: output))
            print("wrote \(output) (\(bytes.count) bytes)")
        } catch {
            print("error: \(error)")
            exit(1)
        }
    }

    static func purchaseOrder(rows: Int) throws -> PDFComposedDocument {
        let issued = Date(timeIntervalSince1970: 1_795_683_600)  // 2026-11-26 09:00 UTC
        let items = ["ノートPC 14インチ（メモリ16GB）", "液晶ディスプレイ 27型", "USB-C ドッキングステーション", "ワイヤレスキーボード・マウスセット",
                     "電子契約システム 年間ライセンス（1ユーザー）", "導入支援サービス（リモート、2時間）"]
        var lines: [[String]] = []
        var total = 0
        for index in 0..<rows {
            let quantity = index % 4 + 1, price = [148_000, 39_800, 24_800, 6_980, 26_400, 30_000][index % items.count]
            total += quantity * price
            lines.append(["\(index + 1)", items[index % items.count], "\(quantity)", yen(price), yen(quantity * price)])
        }
        let tax = total / 10
        let table = PDFComposerTable(
            columns: [.init(.points(32), alignment: .right), .init(.fraction(1)), .init(.points(40), alignment: .right),
                      .init(.points(80), alignment: .right), .init(.points(90), alignment: .right)],
            header: ["No.", "品名", "数量", "単価（円）", "金額（円）"], rows: lines)
        var totals = PDFComposerTable(
            columns: [.init(.fraction(1)), .init(.points(90), alignment: .right)],
            rows: [["小計", yen(total)], ["消費税（10%）", yen(tax)], ["合計金額", yen(total + tax)]], borders: .horizontal)
        totals.boldRows = [2]

        var document = PDFComposedDocument(
            fonts: PDFComposerFonts(regular: try TrueTypeFont.systemJapaneseFont()),
            metadata: PDFDocumentMetadata(title: "発注書 PO-2026-0042", author: "サンプル商事株式会社", subject: "発注書",
                                          creator: "EContractKit ComposeDocument example", creationDate: issued, language: "ja-JP"))
        document.header = PDFRunningText(left: "サンプル商事株式会社", right: "発注番号 PO-2026-0042")
        document.footer = PDFRunningText(center: "{page} / {pages} ページ")
        document.blocks = [
            .paragraph("発注書", style: .title),
            .paragraph("株式会社サンプル購買 御中", style: PDFParagraphStyle(fontSize: 12, weight: .bold, spaceAfter: 2)),
            .paragraph("発行日 2026年11月26日\n発注番号 PO-2026-0042\nサンプル商事株式会社 購買部", style: PDFParagraphStyle(alignment: .right)),
            .image(PDFComposerImage(try PDFStampImage.sampleSeal(diameter: 120), width: 48, alignment: .right, spacing: 2)),
            .paragraph("下記のとおり発注いたします。納品後、検収の上、翌月末日までにお支払いいたします。", style: .justified),
            .rule(),
            .heading("注文明細", level: 2),
            .table(table),
            .table(totals),
            .heading("納品条件", level: 3),
            .paragraph("納期：2026年12月18日（金）　納品場所：東京都千代田区丸の内1-1-1 サンプルビル 12階\n"
                + "支払条件：月末締め翌月末払い（銀行振込、振込手数料は当社負担）\n"
                + "備考：本発注書は電子契約により締結し、当事者型電子署名と認定タイムスタンプを付与して保存します（PAdES B-LTA）。"),
            .rule(PDFComposerRule(thickness: 1.2, gray: 0)),
            .paragraph("以上", style: PDFParagraphStyle(alignment: .right)),
        ]
        return document
    }

    static func yen(_ value: Int) -> String {
        var digits = String(value), grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped
    }
}
