/// An error thrown by EvidenceRecords.
///
/// Like `CMSError` and `TimestampError`: a struct with an opaque ``Code`` and a readable
/// reason; equality compares the code only.
public struct EvidenceRecordError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let code: Code
    /// A readable explanation of this particular failure.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "EvidenceRecordError.\(code): \(reason)" }

    public static func == (lhs: EvidenceRecordError, rhs: EvidenceRecordError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// An opaque, extensible error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The bytes are not a DER `EvidenceRecord` (RFC 4998 §4.1), or break one of its rules.
        public static let malformedEncoding = Code("malformedEncoding")
        /// An argument is inconsistent: no documents, a digest of the wrong length, a record
        /// without timestamps, data objects that do not match the record.
        public static let invalidArgument = Code("invalidArgument")
        /// A digest algorithm this library cannot compute or refuses for new hash trees (SHA-1).
        public static let unsupportedAlgorithm = Code("unsupportedAlgorithm")
        /// The TSA's token does not stamp the root hash it was asked for.
        public static let timestampMismatch = Code("timestampMismatch")
    }
}
