/// Lookups across revisions that do not walk the revision chain: an object's entry as of a
/// revision (binary search in that object's own history), a trailer value as of a revision,
/// the revision ending at an offset. Built once, on first use, in time linear in the entries
/// of all cross-reference sections.
struct PDFRevisionIndexes: Sendable {
    /// Object number → the revisions whose section defines it (ascending) and the entries.
    private let history: [Int: [(revision: Int, entry: PDFXrefEntry)]]
    /// Per revision: /Root, /Info, /Encrypt and /ID as of that revision (the newest section
    /// up to it that has the key).
    private let trailers: [[PDFName: PDFObject]]
    /// `%%EOF` end offset → the newest revision ending there.
    private let ends: [Int: Int]

    /// The trailer keys kept per revision.
    static let trailerKeys: [PDFName] = ["Root", "Info", "Encrypt", "ID"]

    init(_ revisions: [PDFRevision]) {
        var history: [Int: [(revision: Int, entry: PDFXrefEntry)]] = [:]
        var trailers: [[PDFName: PDFObject]] = []
        trailers.reserveCapacity(revisions.count)
        var ends: [Int: Int] = [:]
        var current: [PDFName: PDFObject] = [:]
        for revision in revisions {
            for (number, entry) in revision.entries { history[number, default: []].append((revision.index, entry)) }
            for key in Self.trailerKeys {
                if let value = revision.trailer[key] { current[key] = value }
            }
            trailers.append(current)
            if let end = revision.endOffset { ends[end] = revision.index }
        }
        self.history = history
        self.trailers = trailers
        self.ends = ends
    }

    /// The entry for `number` in revision `index` or the newest older one that defines it;
    /// `probes` counts the comparisons made.
    func entry(for number: Int, asOf index: Int, probes: inout Int) -> PDFXrefEntry? {
        guard let definitions = history[number] else {
            probes += 1
            return nil
        }
        // The last definition with revision ≤ index.
        var low = 0
        var high = definitions.count
        while low < high {
            probes += 1
            let middle = (low + high) / 2
            if definitions[middle].revision <= index { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? definitions[low - 1].entry : nil
    }

    /// One of ``trailerKeys`` as of revision `index`.
    func trailerValue(_ key: PDFName, asOf index: Int) -> PDFObject? {
        guard index >= 0, index < trailers.count else { return nil }
        return trailers[index][key]
    }

    /// The newest revision whose `%%EOF` ends within two bytes of `length`.
    func revision(endingAt length: Int) -> Int? {
        (length - 2...length + 2).compactMap { ends[$0] }.max()
    }

    /// The revisions whose section defines `number`, ascending.
    func definitions(of number: Int) -> [Int] {
        history[number]?.map(\.revision) ?? []
    }
}
