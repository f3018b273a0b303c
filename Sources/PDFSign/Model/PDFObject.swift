/// A PDF object (ISO 32000-2 §7.3).
public enum PDFObject: Hashable, Sendable, CustomStringConvertible {
    /// `null`
    case null
    /// `true` / `false`
    case bool(Bool)
    /// An integer.
    case integer(Int64)
    /// A real number.
    case real(Double)
    /// A literal or hexadecimal string.
    case string(PDFString)
    /// A name.
    case name(PDFName)
    /// An array.
    case array([PDFObject])
    /// A dictionary.
    case dictionary(PDFDictionary)
    /// A stream (only as the value of an indirect object).
    case stream(PDFStream)
    /// An indirect reference `n g R`.
    case reference(PDFObjectReference)

    /// The integer value, if this is an integer that fits `Int`.
    public var integerValue: Int? {
        if case .integer(let value) = self { return Int(exactly: value) }
        return nil
    }
    /// The numeric value of an integer or real.
    public var numberValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        default: return nil
        }
    }
    /// The name, if this is a name.
    public var nameValue: PDFName? {
        if case .name(let value) = self { return value }
        return nil
    }
    /// The array, if this is an array.
    public var arrayValue: [PDFObject]? {
        if case .array(let value) = self { return value }
        return nil
    }
    /// The dictionary of a dictionary or of a stream.
    public var dictionaryValue: PDFDictionary? {
        switch self {
        case .dictionary(let value): return value
        case .stream(let stream): return stream.dictionary
        default: return nil
        }
    }
    /// The stream, if this is a stream.
    public var streamValue: PDFStream? {
        if case .stream(let value) = self { return value }
        return nil
    }
    /// The string, if this is a string.
    public var stringValue: PDFString? {
        if case .string(let value) = self { return value }
        return nil
    }
    /// The reference, if this is an indirect reference.
    public var referenceValue: PDFObjectReference? {
        if case .reference(let value) = self { return value }
        return nil
    }
    /// The boolean, if this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// A compact, PDF-like rendering for diagnostics.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .string(let value): return value.description
        case .name(let value): return value.description
        case .array(let values): return "[" + values.map(\.description).joined(separator: " ") + "]"
        case .dictionary(let value): return value.description
        case .stream(let value): return value.description
        case .reference(let value): return value.description
        }
    }
}
