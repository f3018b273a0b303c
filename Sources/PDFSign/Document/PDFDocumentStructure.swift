/// What opening a file established: revisions, the merged cross-reference table and trailer.
struct PDFDocumentStructure {
    var version: String?
    var startxref: Int?
    var revisions: [PDFRevision] = []
    var trailer = PDFDictionary()
    var table: [Int: PDFXrefEntry] = [:]
    var repairNotes: [PDFRepairNote] = []
    var irregularities: [String] = []
}
