/// A PDF dictionary, keeping entries in file order (needed to rewrite objects faithfully).
///
/// When a key appears more than once, lookups return the *last* occurrence, as MuPDF,
/// Poppler, qpdf and pdf.js read it; keys are compared after `#xx` escapes are decoded (the
/// lexer decodes them), so `/C#6Fntents` repeats `/Contents`. ``duplicateKeys`` lists the
/// repeated keys: a validator treats them as a sign of a shadow attack, since readers that keep
/// the first occurrence show another document.
public struct PDFDictionary: Hashable, Sendable, CustomStringConvertible {
    /// One key/value pair.
    public struct Entry: Hashable, Sendable {
        /// The key.
        public let key: PDFName
        /// The value (possibly an indirect reference).
        public let value: PDFObject
        /// An entry.
        public init(key: PDFName, value: PDFObject) {
            self.key = key
            self.value = value
        }
    }

    /// The entries in file order, repeated keys included.
    public private(set) var entries: [Entry]

    /// The keys that occur more than once (empty for a well-formed dictionary).
    public private(set) var duplicateKeys: Set<PDFName>

    /// A dictionary with `entries`.
    public init(_ entries: [Entry] = []) {
        self.entries = entries
        self.duplicateKeys = Self.repeatedKeys(entries)
    }

    /// A dictionary from key/value pairs.
    public init(_ pairs: KeyValuePairs<PDFName, PDFObject>) {
        self.init(pairs.map { Entry(key: $0.key, value: $0.value) })
    }

    /// The value for `key` (unresolved), or `nil`; the last occurrence when the key repeats.
    ///
    /// Setting a value replaces every occurrence of `key` by one entry (at the place of the
    /// last one), so a dictionary that is changed and written back holds the key once.
    public subscript(key: PDFName) -> PDFObject? {
        get { entries.last(where: { $0.key == key })?.value }
        set {
            if duplicateKeys.contains(key) {
                let last = entries.lastIndex { $0.key == key }
                var kept: [Entry] = []
                kept.reserveCapacity(entries.count)
                for (index, entry) in entries.enumerated() where entry.key != key || index == last { kept.append(entry) }
                entries = kept
                duplicateKeys.remove(key)
            }
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index] = Entry(key: key, value: newValue) } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
            }
        }
    }

    /// The entries a reader uses: for a repeated key only its last occurrence, in file order.
    public var effectiveEntries: [Entry] {
        guard !duplicateKeys.isEmpty else { return entries }
        var seen: Set<PDFName> = []
        var result: [Entry] = []
        for entry in entries.reversed() where seen.insert(entry.key).inserted { result.append(entry) }
        return result.reversed()
    }

    /// The keys in file order (a repeated key once, where it last occurs).
    public var keys: [PDFName] { effectiveEntries.map(\.key) }
    /// The number of distinct keys.
    public var count: Int { entries.count - duplicateOccurrences }
    /// Whether some key occurs more than once.
    public var hasDuplicateKeys: Bool { !duplicateKeys.isEmpty }

    /// The value of `key` if it is a name.
    public func name(_ key: PDFName) -> PDFName? { self[key]?.nameValue }
    /// The value of `key` if it is an integer.
    public func integer(_ key: PDFName) -> Int? { self[key]?.integerValue }

    /// `<< /K v … >>` (every entry as written, repeated keys included).
    public var description: String {
        "<< " + entries.map { "\($0.key) \($0.value)" }.joined(separator: " ") + " >>"
    }

    private var duplicateOccurrences: Int {
        guard !duplicateKeys.isEmpty else { return 0 }
        return entries.count - Set(entries.map(\.key)).count
    }

    /// The keys occurring more than once; pairwise for small dictionaries (no allocation).
    private static func repeatedKeys(_ entries: [Entry]) -> Set<PDFName> {
        guard entries.count > 1 else { return [] }
        var repeated: Set<PDFName> = []
        if entries.count <= 12 {
            for i in 1..<entries.count {
                for j in 0..<i where entries[j].key == entries[i].key {
                    repeated.insert(entries[i].key)
                    break
                }
            }
            return repeated
        }
        var seen: Set<PDFName> = []
        seen.reserveCapacity(entries.count)
        for entry in entries where !seen.insert(entry.key).inserted { repeated.insert(entry.key) }
        return repeated
    }
}
