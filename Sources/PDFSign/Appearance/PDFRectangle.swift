/// A rectangle on a page in default user space units (points), from its lower-left corner.
public struct PDFRectangle: Hashable, Sendable {
    /// The left edge.
    public let x: Double
    /// The bottom edge.
    public let y: Double
    /// The width, greater than 0.
    public let width: Double
    /// The height, greater than 0.
    public let height: Double

    /// A rectangle.
    ///
    /// - Throws: ``PDFError`` with `invalidArgument` when a value is not finite or the width
    ///   or height is not positive.
    public init(x: Double, y: Double, width: Double, height: Double) throws {
        guard [x, y, width, height].allSatisfy(\.isFinite) else {
            throw PDFError(.invalidArgument, "rectangle values must be finite (x \(x), y \(y), width \(width), height \(height))")
        }
        guard width > 0, height > 0 else {
            throw PDFError(.invalidArgument, "rectangle width and height must be positive (width \(width), height \(height))")
        }
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// `[x y x+width y+height]`, as a /Rect.
    package var pdfArray: PDFObject {
        .array([x, y, x + width, y + height].map { .real($0) })
    }
}
