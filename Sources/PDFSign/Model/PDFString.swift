/// A PDF string object: bytes plus the syntax it was written in.
public struct PDFString: Hashable, Sendable, CustomStringConvertible {
    /// How a string was written.
    public enum Format: Hashable, Sendable {
        /// `( … )`
        case literal
        /// `< … >`
        case hex
    }

    /// The decoded bytes (escapes resolved, hex decoded).
    public let bytes: [UInt8]
    /// The syntax the string used in the file.
    public let format: Format

    /// A string from bytes.
    public init(bytes: [UInt8], format: Format = .literal) {
        self.bytes = bytes
        self.format = format
    }

    /// The bytes read as Latin-1/UTF-8 text, for diagnostics.
    public var description: String {
        format == .hex ? "<\(bytes.count) bytes>" : "(" + String(decoding: bytes, as: UTF8.self) + ")"
    }
}
