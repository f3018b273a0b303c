/// How a revision's cross-reference section is written.
public enum PDFXrefKind: String, Hashable, Sendable {
    /// A classic `xref` table with a `trailer` dictionary.
    case table
    /// A cross-reference stream (`/Type /XRef`).
    case stream
    /// A classic table whose trailer has `/XRefStm` pointing at a cross-reference stream.
    case hybrid
}
