/// Finds repeated dictionary keys inside one object: the object itself, its direct
/// sub-dictionaries and arrays, a stream's dictionary (references are not followed).
///
/// Readers disagree on which occurrence of a repeated key counts (this library, MuPDF, Poppler,
/// qpdf and pdf.js take the last; others the first), so a repeated key in what a signature
/// covers, or in what an update adds, lets the signer and a viewer see different documents.
enum PDFDuplicateKeyScan {
    /// Where keys repeat in `object`, as paths like `/Contents` or `/AP/N` (at most `limit`).
    static func paths(in object: PDFObject, limit: Int = 8) -> [String] {
        var result: [String] = []
        visit(object, path: "", depth: 0, limit: limit, into: &result)
        return result
    }

    private static func visit(_ object: PDFObject, path: String, depth: Int, limit: Int, into result: inout [String]) {
        guard depth < 64, result.count < limit else { return }
        switch object {
        case .dictionary(let dictionary):
            visit(dictionary, path: path, depth: depth, limit: limit, into: &result)
        case .stream(let stream):
            visit(stream.dictionary, path: path, depth: depth, limit: limit, into: &result)
        case .array(let values):
            for (index, value) in values.enumerated() where result.count < limit {
                switch value {
                case .dictionary, .array: visit(value, path: path + "[\(index)]", depth: depth + 1, limit: limit, into: &result)
                default: continue
                }
            }
        default:
            return
        }
    }

    private static func visit(_ dictionary: PDFDictionary, path: String, depth: Int, limit: Int, into result: inout [String]) {
        for key in dictionary.duplicateKeys.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) where result.count < limit {
            result.append(path + key.description)
        }
        for entry in dictionary.entries where result.count < limit {
            switch entry.value {
            case .dictionary, .array: visit(entry.value, path: path + entry.key.description, depth: depth + 1, limit: limit, into: &result)
            default: continue
            }
        }
    }
}
