/// An indirect reference `n g R`.
public struct PDFObjectReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The object number.
    public let number: Int
    /// The generation number.
    public let generation: Int

    /// A reference to object `number` generation `generation`.
    public init(_ number: Int, _ generation: Int = 0) {
        self.number = number
        self.generation = generation
    }

    /// Orders by number, then generation.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.number, lhs.generation) < (rhs.number, rhs.generation)
    }

    /// `n g R`.
    public var description: String { "\(number) \(generation) R" }
}
