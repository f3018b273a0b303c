// TEMPORARY STUB: replaced by the appearance branch (fonts, images, layout).
/// A rectangle in default user space.
public struct PDFRectangle: Sendable, Hashable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) throws {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
}

/// A visible signature appearance.
public struct PDFSignatureAppearance: Sendable {
    public var pageIndex: Int
    public var rectangle: PDFRectangle
    public var textLines: [String] = []
    public init(pageIndex: Int, rectangle: PDFRectangle) {
        self.pageIndex = pageIndex
        self.rectangle = rectangle
    }
    package func makeFormXObject(into sink: some PDFObjectSink) throws -> PDFObjectReference {
        let content = Array("0 0 1 rg 0 0 \(rectangle.width) \(rectangle.height) re f".utf8)
        return sink.addStream(PDFDictionary([
            "Type": .name("XObject"), "Subtype": .name("Form"),
            "BBox": .array([.integer(0), .integer(0), .real(rectangle.width), .real(rectangle.height)]),
        ]), data: content)
    }
}
