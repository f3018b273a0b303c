/// Why the reader had to rebuild or work around broken structure, and how far into the file that reached.
public struct PDFRepairNote: Hashable, Sendable, CustomStringConvertible {
    /// A short stable category, e.g. `startxref`, `xref`, `offset`, `trailer`.
    public let category: String
    /// A readable explanation.
    public let message: String
    /// Where the repair ends: everything it corrected or took from a scan lies before this
    /// offset. `nil` when the repair concerns the whole file (a rebuild by scanning, the last
    /// trailer). A validator uses it to tell a break inside signed bytes from bytes added later.
    public let extent: Int?

    /// A note.
    public init(category: String, message: String, extent: Int? = nil) {
        self.category = category
        self.message = message
        self.extent = extent
    }

    /// `category: message`.
    public var description: String { "\(category): \(message)" }
}
