import Foundation
@testable import PDFSign
import Testing

@Suite("Composer: table layout — widths, wrapping, header repetition, row splitting")
struct TableLayoutTests {
    static let margins = PDFMargins(all: 50)
    static var textWidth: Double { PDFPageSize.a4.width - 100 }
    static var top: Double { PDFPageSize.a4.height - 50 }

    static func layout(_ table: PDFComposerTable, before: [PDFComposerBlock] = []) throws -> [ComposedPage] {
        let document = PDFComposedDocument(blocks: before + [.table(table)], fonts: try ComposerFixtures.fonts(),
                                           metadata: ComposerFixtures.metadata(), margins: margins)
        return try document.layout().pages
    }

    @Test("column widths: fixed points as given, fractions share the rest; bad widths are invalidArgument")
    func widths() throws {
        let table = PDFComposerTable(columns: [.init(.points(100)), .init(.fraction(1)), .init(.fraction(3))], rows: [])
        #expect(try table.columnWidths(available: 500) == [100, 100, 300])
        let fixedOnly = PDFComposerTable(columns: [.init(.points(120)), .init(.points(80))], rows: [])
        #expect(try fixedOnly.columnWidths(available: 500) == [120, 80])
        #expect(throws: PDFError(.invalidArgument, "")) { try fixedOnly.columnWidths(available: 150) }
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFComposerTable(columns: [], rows: []).columnWidths(available: 500) }
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFComposerTable(columns: [.init(.fraction(0))], rows: []).columnWidths(available: 500) }
        #expect(throws: PDFError(.invalidArgument, "")) {
            try PDFComposerTable(columns: [.init(.points(500)), .init(.fraction(1))], rows: []).columnWidths(available: 500)
        }
    }

    @Test("a row with the wrong number of cells is invalidArgument", .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func wrongCellCount() throws {
        let table = PDFComposerTable(columns: [.init(.fraction(1)), .init(.fraction(1))], rows: [["a", "b"], ["only one"]])
        #expect(throws: PDFError(.invalidArgument, "")) { try Self.layout(table) }
    }

    @Test("cells: text inset by the padding, long text wrapped within the column, right alignment, row height from the tallest cell",
          .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func cellPositions() throws {
        let long = "本業務の内容は、甲が指定するシステムの設計、開発、試験及び保守とし、詳細は別紙仕様書に定める。"
        let table = PDFComposerTable(columns: [.init(.points(70)), .init(.fraction(1)), .init(.points(90), alignment: .right)],
                                     header: ["番号", "内容", "金額"], rows: [["1", long, "1,100,000"], ["2", "短い", "5"]], fontSize: 10, cellPadding: 5)
        let page = try #require(try Self.layout(table).first)
        let edges = [50.0, 120, 50 + Self.textWidth - 90, 50 + Self.textWidth]
        let lineHeight = 13.0, padding = 5.0
        let headerHeight = lineHeight + 2 * padding

        let wrapped = page.texts.filter { long.contains($0.text) && $0.text.count > 2 }
        #expect(wrapped.count >= 2, "the description wraps: \(wrapped.map(\.text))")
        #expect(wrapped.map(\.text).joined() == long)
        for run in wrapped {
            #expect(abs(run.x - (edges[1] + padding)) < 0.001)
            #expect(run.width <= edges[2] - edges[1] - 2 * padding + 0.001)
        }
        for (a, b) in zip(wrapped, wrapped.dropFirst()) { #expect(abs((a.baseline - b.baseline) - lineHeight) < 0.001) }

        let amount = try #require(page.texts.first { $0.text == "1,100,000" })
        #expect(abs(amount.x + amount.width - (edges[3] - padding)) < 0.001, "flush right inside the padding")
        let number = try #require(page.texts.first { $0.text == "1" })
        #expect(abs(number.x - (edges[0] + padding)) < 0.001)
        #expect(abs(number.baseline - wrapped[0].baseline) < 0.001, "cells of a row share their first baseline")

        // Horizontal borders: top of the table, below the header, below row 1 (as tall as its wrapped cell), below row 2.
        let horizontal = page.lines.filter { $0.y1 == $0.y2 }.map(\.y1).sorted(by: >)
        let row1 = Double(wrapped.count) * lineHeight + 2 * padding
        let expected = [Self.top, Self.top - headerHeight, Self.top - headerHeight - row1, Self.top - headerHeight - row1 - headerHeight]
        #expect(horizontal.count == expected.count)
        for (a, b) in zip(horizontal, expected) { #expect(abs(a - b) < 0.001, "\(horizontal) vs \(expected)") }
        let vertical = Set(page.lines.filter { $0.x1 == $0.x2 }.map { ($0.x1 * 1000).rounded() / 1000 })
        #expect(vertical == Set(edges.map { ($0 * 1000).rounded() / 1000 }))
        let header = try #require(page.fills.first)
        #expect(abs(header.y - (Self.top - headerHeight)) < 0.001 && abs(header.height - headerHeight) < 0.001 && abs(header.width - Self.textWidth) < 0.001)
    }

    @Test("60 rows over pages: header row repeated at the top of each page, rows whole and in order",
          .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func headerRepetition() throws {
        let table = ComposerFixtures.table(rows: 60, description: { $0 % 7 == 0 ? "二行になる長い説明：" + String(repeating: "あ", count: 40) : "説明 \($0)" })
        let pages = try Self.layout(table, before: [.space(1), .paragraph(String(repeating: "前文。", count: 60))])
        #expect(pages.count >= 2)
        var seen: [Int] = []
        for (index, page) in pages.enumerated() {
            let headers = page.texts.filter { $0.text == "番号" }
            #expect(headers.count == 1, "page \(index + 1) has the header once")
            if index > 0 {
                let topBorder = page.lines.filter { $0.y1 == $0.y2 }.map(\.y1).max() ?? 0
                #expect(abs(topBorder - Self.top) < 0.001, "continued table starts at the top of page \(index + 1)")
                let header = try #require(headers.first)
                let firstRow = try #require(page.texts.first { $0.text.hasPrefix("行 ") })
                #expect(header.baseline > firstRow.baseline, "header above the first row on page \(index + 1)")
            }
            let rows = page.texts.compactMap { $0.text.hasPrefix("行 ") ? Int($0.text.dropFirst(2)) : nil }
            seen += rows
            // Every line of a row's description is on the row's page.
            for row in rows where row % 7 == 0 {
                #expect(page.texts.contains { $0.text.hasPrefix("二行") } && page.texts.contains { $0.text.allSatisfy { $0 == "あ" } })
            }
            for run in page.texts where run.text != "" { #expect(run.baseline > Self.margins.bottom, "nothing below the bottom margin") }
        }
        #expect(seen == Array(1...60))
    }

    @Test("a row taller than a page is split between lines, under a repeated header",
          .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func tallRowSplits() throws {
        let tall = (1...120).map { "第\($0)行" }.joined(separator: "\n")
        let table = PDFComposerTable(columns: [.init(.points(60)), .init(.fraction(1))], header: ["番号", "内容"], rows: [["1", tall], ["2", "次の行"]])
        let pages = try Self.layout(table)
        #expect(pages.count >= 2)
        var lines: [String] = []
        for page in pages {
            #expect(page.texts.filter { $0.text == "番号" }.count == 1)
            lines += page.texts.filter { $0.text.hasPrefix("第") }.sorted { $0.baseline > $1.baseline }.map(\.text)
            #expect(page.texts.allSatisfy { $0.baseline > Self.margins.bottom })
        }
        #expect(lines == (1...120).map { "第\($0)行" })
        #expect(pages.last!.texts.contains { $0.text == "次の行" })
    }

    @Test("bold rows: set in bold but aligned like their columns (the header row is centred)",
          .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func boldRows() throws {
        var table = PDFComposerTable(columns: [.init(.fraction(1)), .init(.points(90), alignment: .right)], header: ["項目", "金額"],
                                     rows: [["小計", "1,000"], ["合計", "1,100"]])
        table.boldRows = [1]
        let page = try #require(try Self.layout(table).first)
        let subtotal = try #require(page.texts.first { $0.text == "1,000" }), total = try #require(page.texts.first { $0.text == "1,100" })
        #expect(subtotal.weight == .regular && total.weight == .bold)
        #expect(abs((total.x + total.width) - (subtotal.x + subtotal.width)) < 0.001, "both flush right")
        let header = try #require(page.texts.first { $0.text == "金額" })
        #expect(abs((header.x + header.width / 2) - (50 + Self.textWidth - 45)) < 0.001, "header centred in its column")
    }

    @Test("image sizes keep the aspect ratio: by width, by height, fitted in a box, capped by the text area")
    func imageSizes() throws {
        let jpeg = try PDFStampImage(data: AppearanceStampImageTests.jpegHeader(width: 300, height: 200))
        let area = (width: 400.0, height: 700.0)
        func size(_ width: Double?, _ height: Double?) -> [Double] {
            let size = PDFComposerImage(jpeg, width: width, height: height).size(fitting: area)
            return [size.width, size.height]
        }
        #expect(size(150, nil) == [150, 100])
        #expect(size(nil, 50) == [75, 50])
        #expect(size(150, 50) == [75, 50])
        #expect(size(nil, nil) == [300, 200])
        let capped = size(900, nil)
        #expect(capped[0] == 400 && abs(capped[1] - 400.0 * 2 / 3) < 1e-9)
    }
}
