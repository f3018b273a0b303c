import Foundation
import PDFSign

/// The demo's sample contract: a one-page 業務委託契約書 in a Japanese font.
enum DemoContract {
    static func document(font: PDFFont) -> PDFTextDocument {
        let body: [String] = [
            "サンプル商事株式会社（以下「甲」という。）と株式会社サンプル購買（以下「乙」という。）は、次のとおり業務委託契約を締結する。",
            "第1条（目的）甲は乙に対し、本契約に定める業務（以下「本業務」という。）を委託し、乙はこれを受託する。",
            "第2条（委託料）本業務の委託料は、金1,100,000円（消費税込）とし、甲は乙の請求に基づき翌月末日までに支払う。",
            "第3条（契約期間）本契約の期間は、2026年12月1日から2027年11月30日までとする。",
            "第4条（秘密保持）甲及び乙は、本契約に関して知り得た相手方の秘密情報を、相手方の書面による承諾なく第三者に開示してはならない。",
            "第5条（電子署名）本契約は電子契約により締結し、甲は当事者型の電子署名を、乙は立会人型の電子署名を付す。各署名には認定タイムスタンプを付与し、長期署名（PAdES B-LTA）として保存する。",
            "第6条（協議）本契約に定めのない事項は、甲乙誠意をもって協議の上、解決する。",
            "本契約締結の証として、電磁的記録を作成し、甲乙それぞれ電子署名を付した上で各自保管する。",
        ]
        var paragraphs = [PDFTextDocument.Paragraph("業務委託契約書", fontSize: 20, spaceBefore: 0),
                          PDFTextDocument.Paragraph("契約番号 EC-2026-0001　締結日 2026年11月26日", fontSize: 9, spaceBefore: 6)]
        paragraphs += body.map { PDFTextDocument.Paragraph($0, fontSize: 10.5, spaceBefore: 8) }
        return PDFTextDocument(paragraphs: paragraphs, font: font, title: "業務委託契約書 (EContractKit demo)")
    }
}
