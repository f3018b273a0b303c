extension PDFSignatureValidator {
    /// Findings about the file as a whole: a repaired cross-reference structure and signatures
    /// the document no longer reaches.
    ///
    /// A repair reaching past the bytes the latest signature covers is an incremental saving
    /// attack (bytes added without a proper update, which a repairing reader shows); one lying
    /// inside them is a warning (``PDFValidationFinding/Code/structureRepaired``). `signatures`
    /// is nil when the signature fields could not be read.
    static func structureFindings(_ document: PDFDocument, signatures: [PDFEmbeddedSignature]?) -> [PDFValidationFinding] {
        var findings: [PDFValidationFinding] = []
        if document.wasRepaired {
            let notes = document.repairNotes.map(\.message).joined(separator: "; ")
            let latest = signatures.flatMap { PDFRepairScope.latestSignedLength($0, fileLength: document.source.count) }
            if let latest, PDFRepairScope.isCovered(document, by: latest) {
                findings.append(PDFValidationFinding(
                    .structureRepaired,
                    "the cross-reference structure is broken and readers repair it (\(notes)), but only inside the \(latest) bytes the latest signature covers: nothing was added that way after signing"))
            } else {
                findings.append(PDFValidationFinding(
                    .incrementalSavingAttack,
                    "the cross-reference structure is broken and readers repair it (\(notes)): bytes were added without a proper incremental update"))
            }
        }
        guard let signatures else { return findings }
        for removed in PDFRemovedSignatureScan.removed(in: document, present: signatures).prefix(8) {
            let end = removed.byteRange[2] + removed.byteRange[3]
            findings.append(PDFValidationFinding(
                .signatureRemoved,
                "a signature dictionary at offset \(removed.offset) (/ByteRange \(removed.byteRange), signing the first \(end) bytes) is no longer part of the document: a later update removed it, or the last startxref points back at a revision before it"))
        }
        return findings
    }
}
