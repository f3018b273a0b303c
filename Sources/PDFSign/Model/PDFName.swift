/// A PDF name object (`/Type`), held as its decoded bytes (`#xx` escapes resolved).
public struct PDFName: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name's bytes, without the leading slash.
    public let bytes: [UInt8]

    /// A name from raw bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }
    /// A name from a Swift string (UTF-8).
    public init(_ string: String) { self.bytes = Array(string.utf8) }
    /// A name from a string literal.
    public init(stringLiteral value: String) { self.init(value) }

    /// The name as a string (invalid UTF-8 is repaired).
    public var string: String { String(decoding: bytes, as: UTF8.self) }
    /// `/Name`.
    public var description: String { "/" + string }
}
