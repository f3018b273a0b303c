/// Checks on caller-supplied numbers, so that bad geometry is a typed error rather than a
/// loop, a trap on a non-finite value or an unreadable page.
enum ComposerValidation {
    /// Throws ``PDFError`` `invalidArgument` unless `value` is finite and in `range`.
    static func check(_ value: Double, in range: ClosedRange<Double>, _ what: @autoclosure () -> String) throws {
        guard value.isFinite, range.contains(value) else {
            throw PDFError(.invalidArgument, "\(what()) is \(value); expected \(range.lowerBound)…\(range.upperBound)")
        }
    }

    /// Font sizes from 1 to 200 pt; line spacing from 0.8 to 5 times the size.
    static func check(fontSize: Double, lineSpacing: Double, _ what: String) throws {
        try check(fontSize, in: 1...200, "the font size of \(what)")
        try check(lineSpacing, in: 0.8...5, "the line spacing of \(what)")
    }

    /// A page between 1 inch and 200 inches (the PDF limit, 14 400 pt) on each side, with
    /// margins that are not negative.
    static func check(pageSize: PDFPageSize, margins: PDFMargins) throws {
        try check(pageSize.width, in: 72...14_400, "the page width")
        try check(pageSize.height, in: 72...14_400, "the page height")
        for (value, side) in [(margins.top, "top"), (margins.bottom, "bottom"), (margins.left, "left"), (margins.right, "right")] {
            try check(value, in: 0...14_400, "the \(side) margin")
        }
    }

    /// A table's numbers.
    static func check(_ table: PDFComposerTable) throws {
        try check(fontSize: table.fontSize, lineSpacing: table.lineSpacing, "a table")
        try check(table.cellPadding, in: 0...100, "a table's cell padding")
        try check(table.borderWidth, in: 0...20, "a table's border width")
        try check(table.headerGray, in: 0...1, "a table's header gray")
        try check(table.spacing, in: 0...1_000, "a table's spacing")
    }
}
