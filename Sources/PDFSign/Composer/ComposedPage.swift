/// A laid-out page: what is drawn where, in PDF user space (origin bottom left, points).
struct ComposedPage: Sendable {
    /// A line of text at a baseline.
    struct TextRun: Hashable, Sendable {
        var text: String
        var x: Double
        var baseline: Double
        var fontSize: Double
        var weight: PDFFontWeight
        /// Extra space after each character (justification), in points.
        var characterSpacing: Double = 0
        /// The advance of the text without character spacing.
        var width: Double
    }

    /// A straight line from (x1, y1) to (x2, y2).
    struct Line: Hashable, Sendable {
        var x1, y1, x2, y2, width, gray: Double
    }

    /// A filled rectangle (lower left corner and size).
    struct Fill: Hashable, Sendable {
        var x, y, width, height, gray: Double
    }

    /// An image: index into the document's images, lower left corner and drawn size.
    struct Image: Hashable, Sendable {
        var index: Int
        var x, y, width, height: Double
    }

    /// Drawn in this order: fills, images, lines, text.
    var fills: [Fill] = []
    var images: [Image] = []
    var lines: [Line] = []
    var texts: [TextRun] = []

    /// Whether anything is on the page yet.
    var isEmpty: Bool { fills.isEmpty && images.isEmpty && lines.isEmpty && texts.isEmpty }
}
