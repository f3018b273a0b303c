/// Reads DocMDP permissions (ISO 32000-2 §12.8.2.2) from a signature dictionary.
enum PDFDocMDPPermission {
    /// P of the first DocMDP transform in the signature's /Reference (2 when the transform has
    /// no /P), or `nil` when the signature has no DocMDP transform. `resolve` follows references
    /// in whichever view of the document the caller reads (current, or as of a revision).
    static func permission(ofSignature signature: PDFDictionary, resolve: (PDFObject?) -> PDFObject?) -> Int? {
        for reference in resolve(signature["Reference"])?.arrayValue ?? [] {
            guard let transform = resolve(reference)?.dictionaryValue,
                  resolve(transform["TransformMethod"])?.nameValue == "DocMDP" else { continue }
            return resolve(resolve(transform["TransformParams"])?.dictionaryValue?["P"])?.integerValue ?? 2
        }
        return nil
    }
}
