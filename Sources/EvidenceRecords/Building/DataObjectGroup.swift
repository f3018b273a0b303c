import CMSCore

/// The data objects one evidence record protects together — a document, or a group such as a
/// contract with its completion certificate and audit trail (RFC 4998 §4.2: a "data object
/// group"), given by their hashes.
public struct DataObjectGroup: Hashable, Sendable {
    /// The hash of each data object, all made with one algorithm.
    public var digests: [[UInt8]]

    /// A group of data objects given by their `digests`.
    public init(digests: [[UInt8]]) {
        self.digests = digests
    }

    /// A group made by hashing each of `documents` with `algorithm`.
    public init(hashing documents: [[UInt8]], algorithm: DigestAlgorithm) {
        digests = documents.map { algorithm.hash($0) }
    }
}

/// A data object handed to verification or renewal: its bytes, or hashes of it computed
/// elsewhere (an archive that keeps hashes, EU DSS's "digest documents").
public struct DataObject: Hashable, Sendable {
    enum Content: Hashable, Sendable {
        case bytes([UInt8])
        case digests([DigestAlgorithm: [UInt8]])
    }
    let content: Content

    /// The data object's bytes.
    public static func bytes(_ bytes: [UInt8]) -> DataObject { DataObject(content: .bytes(bytes)) }

    /// Hashes of the data object, one per algorithm.
    public static func digests(_ digests: [DigestAlgorithm: [UInt8]]) -> DataObject { DataObject(content: .digests(digests)) }

    /// The hash with `algorithm`: computed from the bytes, or looked up; `nil` when not known.
    public func digest(_ algorithm: DigestAlgorithm) -> [UInt8]? {
        switch content {
        case .bytes(let bytes): algorithm.hash(bytes)
        case .digests(let digests): digests[algorithm]
        }
    }
}
