/// The document as it was in one revision: objects read through that revision's cross-reference
/// view (cached), failures turned into `nil` so the analyzer never throws.
final class PDFRevisionView {
    let document: PDFDocument
    let revision: PDFRevision
    private var cache: [Int: PDFObject?] = [:]
    /// Objects that could not be read although the xref lists them in use.
    private(set) var unreadable: Set<Int> = []
    /// While not nil, every object number asked for (found or not) is added here: what a
    /// result computed from this view depends on.
    var recording: Set<Int>?

    init(_ document: PDFDocument, _ revision: PDFRevision) {
        self.document = document
        self.revision = revision
    }

    /// Whether `number` is in use as of this revision.
    func exists(_ number: Int) -> Bool {
        document.xrefEntry(for: number, asOf: revision)?.isInUse ?? false
    }

    /// Object `number` as of this revision, or nil (missing, free or unreadable).
    func object(_ number: Int) -> PDFObject? {
        recording?.insert(number)
        document.countWork { $0.analysisReads += 1 }
        if let cached = cache[number] { return cached }
        var value: PDFObject?
        if exists(number) {
            value = try? document.indirectObject(number: number, asOf: revision).object
            if value == nil { unreadable.insert(number) }
        }
        cache[number] = value
        return value
    }

    /// Follows references (at most 32) to a direct value; nil for dangling references.
    func resolve(_ object: PDFObject?) -> PDFObject? {
        var current = object
        var steps = 0
        while case .reference(let reference)? = current {
            steps += 1
            guard steps <= 32 else { return nil }
            current = self.object(reference.number)
        }
        return current
    }

    func dictionary(_ object: PDFObject?) -> PDFDictionary? { resolve(object)?.dictionaryValue }
    func array(_ object: PDFObject?) -> [PDFObject]? { resolve(object)?.arrayValue }
    func name(_ object: PDFObject?) -> PDFName? { resolve(object)?.nameValue }

    /// This revision's trailer completed from older ones (/Root, /Info).
    func trailerValue(_ key: PDFName) -> PDFObject? {
        if PDFRevisionIndexes.trailerKeys.contains(key) { return document.trailerValue(key, asOf: revision) }
        for older in document.revisions[...revision.index].reversed() {
            if let value = older.trailer[key] { return value }
        }
        return nil
    }

    var rootReference: PDFObjectReference? { trailerValue("Root")?.referenceValue }
    var catalog: PDFDictionary? { dictionary(trailerValue("Root")) }

    /// Raw (undecoded) stream bytes, or nil.
    func rawBytes(_ stream: PDFStream) -> ArraySlice<UInt8>? {
        try? document.source.read(stream.dataRange)
    }
}

/// References directly inside `object` (not following them).
func pdfReferences(in object: PDFObject, into result: inout [PDFObjectReference], depth: Int = 0) {
    guard depth < 64 else { return }
    switch object {
    case .reference(let reference): result.append(reference)
    case .array(let values): for value in values { pdfReferences(in: value, into: &result, depth: depth + 1) }
    case .dictionary(let dictionary):
        for entry in dictionary.entries { pdfReferences(in: entry.value, into: &result, depth: depth + 1) }
    case .stream(let stream):
        for entry in stream.dictionary.entries { pdfReferences(in: entry.value, into: &result, depth: depth + 1) }
    default: break
    }
}
