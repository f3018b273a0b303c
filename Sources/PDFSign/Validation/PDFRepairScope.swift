/// How far a document's structural repair reaches, compared with what signatures cover.
///
/// Bytes a signature covers were there when it was made: a cross-reference structure broken
/// inside them is the original producer's fault, not bytes slipped in after signing. Only a
/// repair reaching past the signed bytes can hide an incremental saving attack.
enum PDFRepairScope {
    /// The end of the bytes the repair concerns (the whole file for a rebuild by scanning);
    /// `nil` when nothing was repaired.
    static func extent(of document: PDFDocument) -> Int? {
        guard document.wasRepaired else { return nil }
        return document.repairNotes.map { $0.extent ?? document.source.count }.max()
    }

    /// Whether every repair lies within the first `signedLength` bytes (two bytes of slack for
    /// the end-of-line after `%%EOF`, as ``PDFDocument/revisionIndex(endingAt:)`` allows).
    static func isCovered(_ document: PDFDocument, by signedLength: Int) -> Bool {
        guard let extent = extent(of: document) else { return true }
        return extent <= signedLength + 2
    }

    /// The end of the bytes the latest signature covers, among signatures whose /ByteRange is
    /// four values starting at 0 and inside the file (whether they verify is judged elsewhere:
    /// a forged range fails its own signature).
    static func latestSignedLength(_ signatures: [PDFEmbeddedSignature], fileLength: Int) -> Int? {
        signatures.compactMap { signature -> Int? in
            let range = signature.byteRange
            guard range.count == 4, !signature.byteRangeHasNonIntegers, range[0] == 0, range.allSatisfy({ $0 >= 0 }),
                  let length = signature.signedLength, length <= fileLength else { return nil }
            return length
        }.max()
    }
}
