/// Reads DocMDP permissions (ISO 32000-2 §12.8.2.2) from a signature dictionary.
enum PDFDocMDPPermission {
    /// P of the first DocMDP transform in the signature's /Reference (2 when the transform has
    /// no /P), or `nil` when the signature has no DocMDP transform. `resolve` follows references
    /// in whichever view of the document the caller reads (current, or as of a revision).
    ///
    /// The raw /P, as written; ``PDFSignatureDictionary/docMDP`` gives it typed.
    static func permission(ofSignature signature: PDFDictionary, resolve: (PDFObject?) -> PDFObject?) -> Int? {
        PDFSignatureDictionary(signature, resolve: resolve).references.lazy.compactMap(\.docMDPPermission).first
    }
}
