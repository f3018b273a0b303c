/// A PDF dictionary, keeping entries in file order (needed to rewrite objects faithfully).
///
/// When a key appears twice, lookups return the first occurrence; ``hasDuplicateKeys``
/// reports it (a validator may treat that as suspicious).
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

    /// The entries in file order.
    public private(set) var entries: [Entry]

    /// A dictionary with `entries`.
    public init(_ entries: [Entry] = []) { self.entries = entries }

    /// A dictionary from key/value pairs.
    public init(_ pairs: KeyValuePairs<PDFName, PDFObject>) {
        self.entries = pairs.map { Entry(key: $0.key, value: $0.value) }
    }

    /// The value for `key` (unresolved), or `nil`.
    public subscript(key: PDFName) -> PDFObject? {
        get { entries.first(where: { $0.key == key })?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index] = Entry(key: key, value: newValue) } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
            }
        }
    }

    /// The keys in file order.
    public var keys: [PDFName] { entries.map(\.key) }
    /// The number of entries.
    public var count: Int { entries.count }
    /// Whether some key occurs more than once.
    public var hasDuplicateKeys: Bool { Set(entries.map(\.key)).count != entries.count }

    /// The value of `key` if it is a name.
    public func name(_ key: PDFName) -> PDFName? { self[key]?.nameValue }
    /// The value of `key` if it is an integer.
    public func integer(_ key: PDFName) -> Int? { self[key]?.integerValue }

    /// `<< /K v … >>`.
    public var description: String {
        "<< " + entries.map { "\($0.key) \($0.value)" }.joined(separator: " ") + " >>"
    }
}
