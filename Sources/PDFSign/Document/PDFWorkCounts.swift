/// Where an object's body is stored: a file offset, and for an object inside an object stream
/// the index there (the stream object's own offset as `offset`).
struct PDFStoredObjectKey: Hashable, Sendable {
    var offset: Int
    var index: Int?
}

/// Counts of the work reading and validating a document did: bodies parsed, probes into the
/// cross-reference history, objects the modification analysis looked at. Tests compare them
/// for documents with more and more revisions: they must grow linearly, which timings on a
/// shared machine cannot show.
struct PDFWorkCounts: Hashable, Sendable {
    /// Object bodies parsed (each stored body once).
    var objectParses = 0
    /// Comparisons made looking objects up as of a revision.
    var xrefProbes = 0
    /// Objects the modification analysis asked a revision view for.
    var analysisReads = 0
    /// Objects read while mapping a revision's pages and fields (``PDFOldStructure``).
    var structureReads = 0
    /// Referrer-index updates (objects whose references were added or removed).
    var referrerUpdates = 0

    /// Everything together.
    var total: Int { objectParses + xrefProbes + analysisReads + structureReads + referrerUpdates }
}
