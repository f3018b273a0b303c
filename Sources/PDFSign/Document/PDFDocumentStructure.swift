/// What opening a file established: revisions, the merged cross-reference table and trailer.
struct PDFDocumentStructure {
    var version: String?
    /// Where `%PDF-` begins (0 in a well-formed file).
    var headerOffset: Int?
    var startxref: Int?
    var revisions: [PDFRevision] = []
    var trailer = PDFDictionary()
    var table: [Int: PDFXrefEntry] = [:]
    var repairNotes: [PDFRepairNote] = []
    var irregularities: [String] = []
}
