extension PDFSignatureAppearance {
    /// Inner margin, in points.
    static let padding = 2.0
    /// Baseline distance as a multiple of the font size.
    static let lineSpacing = 1.2
    /// The largest and smallest automatic font sizes, and the step between tries.
    static let autoSizes = (largest: 12.0, smallest: 4.0, step: 0.5)

    /// Writes the appearance as a Form XObject (`/BBox [0 0 width height]`) with its font and
    /// image resources through `sink`.
    ///
    /// - Throws: ``PDFError`` with `unsupportedFont` (no font, missing glyph), or
    ///   `invalidArgument` when the text does not fit even at 4 pt (or at the given size).
    package func makeFormXObject(into sink: some PDFObjectSink) throws -> PDFObjectReference {
        let width = rectangle.width, height = rectangle.height
        var content = ""
        var resources = PDFDictionary()
        var textLeft = Self.padding
        if let stamp {
            let image = try stamp.makeXObject(into: sink)
            resources["XObject"] = .dictionary(PDFDictionary(["Im1": .reference(image)]))
            let box = height - 2 * Self.padding
            let scale = min(box / Double(stamp.width), box / Double(stamp.height))
            let drawnWidth = Double(stamp.width) * scale, drawnHeight = Double(stamp.height) * scale
            let left = Self.padding + (box - drawnWidth) / 2, bottom = Self.padding + (box - drawnHeight) / 2
            content += "q \(Self.number(drawnWidth)) 0 0 \(Self.number(drawnHeight)) \(Self.number(left)) \(Self.number(bottom)) cm /Im1 Do Q\n"
            textLeft = height + Self.padding
        }
        if hasText {
            let font = try (self.font ?? PDFFontDiscovery().japaneseFont().font).prepared(for: textLines)
            let area = (width: width - textLeft - Self.padding, height: height - 2 * Self.padding)
            let size = try fittingFontSize(font, areaWidth: area.width, areaHeight: area.height)
            resources["Font"] = .dictionary(PDFDictionary(["F1": .reference(try font.write(into: sink))]))
            var baseline = height - Self.padding - font.ascent * size
            for line in textLines {
                if !line.isEmpty {
                    let hex = try PDFObjectSerializer.bytes(of: .string(try font.encoded(line)))
                    content += "BT /F1 \(Self.number(size)) Tf 0 g \(Self.number(textLeft)) \(Self.number(baseline)) Td \(String(decoding: hex, as: UTF8.self)) Tj ET\n"
                }
                baseline -= size * Self.lineSpacing
            }
        }
        let dictionary = PDFDictionary([
            "Type": .name("XObject"),
            "Subtype": .name("Form"),
            "BBox": .array([.integer(0), .integer(0), .real(width), .real(height)]),
            "Resources": .dictionary(resources),
            "Filter": .name("FlateDecode"),
        ])
        return sink.addStream(dictionary, data: try FlateEncoder.encode(Array(content.utf8)))
    }

    /// The given font size if the lines fit at it, else the largest automatic size that fits.
    private func fittingFontSize(_ font: any PDFTextFont, areaWidth: Double, areaHeight: Double) throws -> Double {
        let lineCount = Double(textLines.count)
        func widest(_ size: Double) throws -> Double { try textLines.map { try font.width(of: $0, fontSize: size) }.max() ?? 0 }
        func fits(_ size: Double) throws -> Bool {
            try widest(size) <= areaWidth && size * (Self.lineSpacing * (lineCount - 1) + 1) <= areaHeight
        }
        if let fontSize {
            guard try fits(fontSize) else {
                throw PDFError(.invalidArgument, "the text does not fit a \(Self.number(areaWidth))×\(Self.number(areaHeight)) pt area at \(Self.number(fontSize)) pt")
            }
            return fontSize
        }
        var size = Self.autoSizes.largest
        while size >= Self.autoSizes.smallest {
            if try fits(size) { return size }
            size -= Self.autoSizes.step
        }
        let smallest = Self.autoSizes.smallest
        if try widest(smallest) > areaWidth {
            throw PDFError(.invalidArgument, "a text line is \(Self.number(try widest(smallest))) pt wide at \(Self.number(smallest)) pt, wider than the \(Self.number(areaWidth)) pt text area (lines are not wrapped)")
        }
        throw PDFError(.invalidArgument, "\(textLines.count) lines do not fit the \(Self.number(areaHeight)) pt high text area even at \(Self.number(smallest)) pt")
    }

    /// A content-stream number with at most 3 decimals.
    static func number(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        if text.contains("e") { text = String(Int(rounded)) }
        return text
    }
}
