/// Safety limits applied while reading untrusted PDF bytes.
public struct PDFParsingLimits: Hashable, Sendable {
    /// The deepest nesting of arrays and dictionaries accepted.
    public var maxNestingDepth: Int = 256
    /// The longest string (decoded bytes) accepted.
    public var maxStringLength: Int = 32 * 1024 * 1024
    /// The most elements in one array or entries in one dictionary.
    public var maxContainerCount: Int = 1_000_000
    /// The largest object number accepted (xref /Size and entries).
    public var maxObjectNumber: Int = 10_000_000
    /// The most cross-reference sections followed through /Prev.
    public var maxRevisions: Int = 4096
    /// The most objects in one object stream (/N).
    public var maxObjectStreamCount: Int = 1_000_000
    /// The most levels of references followed when resolving (`1 0 R` → `2 0 R` → …) or of page-tree depth.
    public var maxReferenceDepth: Int = 256
    /// Limits applied when decoding stream data.
    public var decode = PDFDecodeLimits()

    /// The default limits.
    public init() {}
}
