extension PDFRectangle: Codable {
    private enum CodingKeys: String, CodingKey { case x, y, width, height }

    /// Decodes `{"x":…,"y":…,"width":…,"height":…}`, checked like ``init(x:y:width:height:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            x: container.decode(Double.self, forKey: .x), y: container.decode(Double.self, forKey: .y),
            width: container.decode(Double.self, forKey: .width), height: container.decode(Double.self, forKey: .height))
    }

    /// Encodes the four values.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(x, forKey: .x)
        try container.encode(y, forKey: .y)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
    }
}
