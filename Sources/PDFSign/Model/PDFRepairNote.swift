/// Why the reader had to rebuild or work around broken structure.
public struct PDFRepairNote: Hashable, Sendable, CustomStringConvertible {
    /// A short stable category, e.g. `startxref`, `xref`, `offset`, `trailer`.
    public let category: String
    /// A readable explanation.
    public let message: String

    /// A note.
    public init(category: String, message: String) {
        self.category = category
        self.message = message
    }

    /// `category: message`.
    public var description: String { "\(category): \(message)" }
}
