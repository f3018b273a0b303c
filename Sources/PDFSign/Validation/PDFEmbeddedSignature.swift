/// A signature or document timestamp as found in the document: its field, its dictionary and
/// the raw /ByteRange and /Contents, before anything is checked.
public struct PDFEmbeddedSignature: Sendable, Hashable {
    /// The signature field (terminal field; for merged fields also the widget).
    public let field: PDFFormField
    /// The signature dictionary (/V of the field).
    public let dictionary: PDFDictionary
    /// The signature dictionary's object, when /V is an indirect reference.
    public let dictionaryReference: PDFObjectReference?
    /// /ByteRange as written: integers only, in order (validators check the shape).
    public let byteRange: [Int]
    /// /ByteRange entries that were not integers (a forgery sign).
    public let byteRangeHasNonIntegers: Bool
    /// /Contents as stored: the decoded bytes of the hex string, trailing zero padding included.
    public let contents: [UInt8]?
    /// /SubFilter.
    public let subFilter: PDFName?

    /// Whether this is a document timestamp (/Type /DocTimeStamp or /SubFilter /ETSI.RFC3161).
    public var isDocumentTimestamp: Bool {
        dictionary.name("Type") == "DocTimeStamp" || subFilter == "ETSI.RFC3161"
    }

    /// The DER object in /Contents without the zero padding that fills the reserved space.
    public var cmsBytes: [UInt8]? {
        guard let contents else { return nil }
        return PDFEmbeddedSignature.trimmedDER(contents)
    }

    /// The end of the signed bytes: `byteRange[2] + byteRange[3]` (when four values).
    public var signedLength: Int? { byteRange.count == 4 ? byteRange[2] + byteRange[3] : nil }

    /// `bytes` cut to the length its outer DER header declares, or with trailing zeros removed
    /// when the header cannot be read.
    static func trimmedDER(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.count >= 2, bytes[0] == 0x30 {
            let first = Int(bytes[1])
            if first < 0x80 { return Array(bytes.prefix(2 + first)) }
            let lengthBytes = first & 0x7F
            if lengthBytes >= 1, lengthBytes <= 4, bytes.count >= 2 + lengthBytes {
                let length = bytes[2..<2 + lengthBytes].reduce(0) { $0 << 8 | Int($1) }
                if 2 + lengthBytes + length <= bytes.count { return Array(bytes.prefix(2 + lengthBytes + length)) }
            }
        }
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0 { end -= 1 }
        return Array(bytes[0..<end])
    }
}

extension PDFDocument {
    /// Every signed signature field's signature dictionary, in field order (signatures and
    /// document timestamps alike). Fields whose /V is not a dictionary are skipped.
    public func embeddedSignatures() throws -> [PDFEmbeddedSignature] {
        try formFields().filter(\.isSigned).compactMap { field in
            guard let value = field.value, let dictionary = try? resolve(value).dictionaryValue else { return nil }
            let rangeObjects = (try? resolve(dictionary["ByteRange"] ?? .null).arrayValue) ?? []
            let range = rangeObjects.compactMap(\.integerValue)
            let contents = (try? resolve(dictionary["Contents"] ?? .null))?.stringValue?.bytes
            return PDFEmbeddedSignature(
                field: field, dictionary: dictionary, dictionaryReference: value.referenceValue, byteRange: range,
                byteRangeHasNonIntegers: range.count != rangeObjects.count, contents: contents,
                subFilter: (try? resolve(dictionary["SubFilter"] ?? .null))?.nameValue)
        }
    }
}
