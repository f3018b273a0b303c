/// One cross-reference entry (ISO 32000-2 §7.5.4 and Table 18).
public enum PDFXrefEntry: Hashable, Sendable {
    /// A free entry (type 0 / `f`).
    case free(nextFreeObject: Int, generation: Int)
    /// An object stored directly in the file at `offset` (type 1 / `n`).
    case inUse(offset: Int, generation: Int)
    /// An object stored in an object stream (type 2).
    case compressed(streamNumber: Int, index: Int)

    /// The generation an object with this entry has (0 for compressed objects).
    public var generation: Int {
        switch self {
        case .free(_, let generation), .inUse(_, let generation): return generation
        case .compressed: return 0
        }
    }
    /// Whether this entry is in use (type 1 or 2).
    public var isInUse: Bool {
        if case .free = self { return false }
        return true
    }
}
