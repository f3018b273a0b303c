/// Places a ``PDFComposerTable`` in a flow: widths resolved, cells wrapped, rows kept whole
/// over page breaks, the header row repeated on every page the table continues on.
struct ComposerTableLayout {
    let table: PDFComposerTable

    /// A row with its cells wrapped.
    struct Row {
        var cells: [[String]]
        var weight: PDFFontWeight
        var gray: Double?
        var isHeader = false
        var lineCount: Int { cells.map(\.count).max() ?? 1 }
    }

    func place(in flow: inout ComposerFlow) throws {
        try table.validate()
        try ComposerValidation.check(table)
        let widths = try table.columnWidths(available: flow.width)
        var edges = [flow.left]
        for width in widths { edges.append(edges[edges.count - 1] + width) }
        let padding = table.cellPadding, lineHeight = table.fontSize * table.lineSpacing
        func wrap(_ row: [String], _ weight: PDFFontWeight, gray: Double?, isHeader: Bool = false) throws -> Row {
            let cells = try zip(row, widths).map { text, width in
                try flow.font.lines(of: text, width: max(width - 2 * padding, 1), size: table.fontSize, weight: weight)
            }
            return Row(cells: cells, weight: weight, gray: gray, isHeader: isHeader)
        }
        func height(_ row: Row, lines: Int? = nil) -> Double { Double(lines ?? row.lineCount) * lineHeight + 2 * padding }

        let header = try table.header.map { try wrap($0, .bold, gray: table.headerGray < 1 ? table.headerGray : nil, isHeader: true) }
        let headerHeight = header.map { height($0) } ?? 0
        guard headerHeight + lineHeight + 2 * padding <= flow.pageCapacity else {
            throw PDFError(.invalidArgument, "the table's header row (\(headerHeight) pt) leaves no room for a row on a page")
        }
        var pageStart = true  // the next row is the first of the table on this page: draw its top border
        func placeHeader(_ flow: inout ComposerFlow) throws {
            pageStart = true
            if let header { try placeRow(header, lines: 0..<header.lineCount, in: &flow) }
        }
        func placeRow(_ row: Row, lines: Range<Int>, in flow: inout ComposerFlow) throws {
            let top = flow.cursor, rowHeight = height(row, lines: lines.count)
            var page = flow.pages[flow.pages.count - 1]
            if let gray = row.gray { page.fills.append(.init(x: edges[0], y: top - rowHeight, width: edges[edges.count - 1] - edges[0], height: rowHeight, gray: gray)) }
            for (column, cell) in row.cells.enumerated() {
                let alignment = row.isHeader ? .center : table.columns[column].alignment
                for (offset, index) in lines.enumerated() where index < cell.count {
                    page.texts.append(try flow.textRun(cell[index], size: table.fontSize, weight: row.weight, alignment: alignment,
                                                       x: edges[column] + padding, width: widths[column] - 2 * padding,
                                                       lineTop: top - padding - Double(offset) * lineHeight, lineHeight: lineHeight,
                                                       isLast: index == cell.count - 1))
                }
            }
            page.lines += borders(top: top, bottom: top - rowHeight, drawTop: pageStart)
            flow.pages[flow.pages.count - 1] = page
            flow.cursor -= rowHeight
            pageStart = false
        }
        func borders(top: Double, bottom: Double, drawTop: Bool) -> [ComposedPage.Line] {
            let w = table.borderWidth
            func horizontal(_ y: Double) -> ComposedPage.Line { .init(x1: edges[0], y1: y, x2: edges[edges.count - 1], y2: y, width: w, gray: 0) }
            switch table.borders {
            case .none: return []
            case .horizontal: return (drawTop ? [horizontal(top)] : []) + [horizontal(bottom)]
            case .all:
                return (drawTop ? [horizontal(top)] : []) + [horizontal(bottom)]
                    + edges.map { .init(x1: $0, y1: top, x2: $0, y2: bottom, width: w, gray: 0) }
            }
        }

        flow.space(table.spacing)
        // The header never stands alone at the foot of a page: it needs a line of the first row below it.
        flow.makeRoom(headerHeight + (table.rows.isEmpty ? 0 : lineHeight + 2 * padding))
        try placeHeader(&flow)
        for (index, cells) in table.rows.enumerated() {
            let row = try wrap(cells, table.boldRows.contains(index) ? .bold : .regular, gray: nil)
            let rowHeight = height(row)
            if rowHeight <= flow.remaining + 0.001 {
                try placeRow(row, lines: 0..<row.lineCount, in: &flow)
            } else if rowHeight <= flow.pageCapacity - headerHeight {
                flow.newPage()
                try placeHeader(&flow)
                try placeRow(row, lines: 0..<row.lineCount, in: &flow)
            } else {
                // Taller than a page: split between text lines, each part boxed.
                var first = 0
                while first < row.lineCount {
                    let fit = Int(((flow.remaining - 2 * padding) / lineHeight + 0.001).rounded(.down))
                    if fit < 1 {
                        flow.newPage()
                        try placeHeader(&flow)
                        continue
                    }
                    let count = min(fit, row.lineCount - first)
                    try placeRow(row, lines: first..<(first + count), in: &flow)
                    first += count
                }
            }
        }
        flow.space(table.spacing)
    }
}
