/// A table: columns of fixed or proportional width, an optional header row repeated at the
/// top of every page the table continues on, and rows of wrapped text.
///
/// Page breaks fall between rows; a row is never split between lines of its cells, unless
/// the row alone is taller than a page's text area, in which case it is split between text
/// lines (each part with its borders) and continues below the repeated header.
public struct PDFComposerTable: Hashable, Sendable {
    /// A column's width.
    public enum Width: Hashable, Sendable {
        /// A fixed width in points.
        case points(Double)
        /// A share of the width the fixed columns leave: columns `.fraction(1)` and
        /// `.fraction(2)` get one third and two thirds of it.
        case fraction(Double)
    }

    /// Which lines are drawn.
    public enum Borders: Hashable, Sendable {
        /// Every cell boxed.
        case all
        /// Horizontal lines between rows only.
        case horizontal
        /// No lines.
        case none
    }

    /// A column.
    public struct Column: Hashable, Sendable {
        /// Its width.
        public var width: Width
        /// Text alignment in its cells (amounts read best flush right).
        public var alignment: PDFTextAlignment

        /// A column.
        public init(_ width: Width, alignment: PDFTextAlignment = .left) {
            self.width = width
            self.alignment = alignment
        }
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// The header row (bold, shaded), or `nil`.
    public var header: [String]?
    /// The body rows; each has one string per column.
    public var rows: [[String]]
    /// Indexes into ``rows`` of rows set in bold (a total, a subtotal).
    public var boldRows: Set<Int> = []
    /// Font size of the cells in points.
    public var fontSize: Double
    /// Space between a cell's border and its text, in points.
    public var cellPadding: Double
    /// Which lines are drawn.
    public var borders: Borders
    /// Line width of the borders in points.
    public var borderWidth: Double
    /// Gray level of the header row's background (1 is white: no shading).
    public var headerGray: Double
    /// Distance between baselines in a cell, as a multiple of the font size.
    public var lineSpacing: Double
    /// Space above and below the table, in points.
    public var spacing: Double

    /// A table.
    public init(columns: [Column], header: [String]? = nil, rows: [[String]], fontSize: Double = 9.5, cellPadding: Double = 4,
                borders: Borders = .all, borderWidth: Double = 0.5, headerGray: Double = 0.88, lineSpacing: Double = 1.3, spacing: Double = 6) {
        self.columns = columns
        self.header = header
        self.rows = rows
        self.fontSize = fontSize
        self.cellPadding = cellPadding
        self.borders = borders
        self.borderWidth = borderWidth
        self.headerGray = headerGray
        self.lineSpacing = lineSpacing
        self.spacing = spacing
    }

    /// The column widths in points for a table `available` points wide: fixed columns as
    /// given, the rest shared by fraction.
    ///
    /// - Throws: ``PDFError`` `invalidArgument` when there are no columns, a width is not
    ///   positive, the fixed columns are wider than `available`, or fractions are left with no room.
    public func columnWidths(available: Double) throws -> [Double] {
        guard !columns.isEmpty else { throw PDFError(.invalidArgument, "a table needs at least one column") }
        var fixed = 0.0, shares = 0.0
        for (index, column) in columns.enumerated() {
            switch column.width {
            case .points(let value) where value > 0 && value.isFinite: fixed += value
            case .fraction(let value) where value > 0 && value.isFinite: shares += value
            default: throw PDFError(.invalidArgument, "table column \(index + 1) has width \(column.width); widths must be positive")
            }
        }
        guard fixed <= available + 0.001 else {
            throw PDFError(.invalidArgument, "the fixed table columns need \(fixed) pt but the text width is \(available) pt")
        }
        let left = available - fixed
        guard shares == 0 || left > 2 * cellPadding else {
            throw PDFError(.invalidArgument, "the fixed table columns leave no room for the proportional ones")
        }
        return columns.map { column in
            switch column.width {
            case .points(let value): return value
            case .fraction(let value): return left * value / shares
            }
        }
    }

    /// Checks that every row has one cell per column.
    func validate() throws {
        for (index, row) in ([header].compactMap { $0 } + rows).enumerated() where row.count != columns.count {
            throw PDFError(.invalidArgument, "table row \(index + (header == nil ? 1 : 0)) has \(row.count) cells for \(columns.count) columns")
        }
    }
}
