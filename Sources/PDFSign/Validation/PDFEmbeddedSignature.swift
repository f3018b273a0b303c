/// A signature or document timestamp as found in the document: its field, its dictionary and
/// the raw /ByteRange and /Contents, before anything is checked.
public struct PDFEmbeddedSignature: Sendable, Hashable {
    /// The signature field (terminal field; for merged fields also the widget).
    public let field: PDFFormField
    /// The signature dictionary (/V of the field).
    public let dictionary: PDFDictionary
    /// The signature dictionary's object, when /V is an indirect reference.
    public let dictionaryReference: PDFObjectReference?
    /// The signature dictionary's entries, typed (one read model for the validator, long-term
    /// validation and the signer's checks).
    public let signatureDictionary: PDFSignatureDictionary

    /// /ByteRange as written: integers only, in order (validators check the shape).
    public var byteRange: [Int] { signatureDictionary.byteRange }
    /// /ByteRange entries that were not integers (a forgery sign).
    public var byteRangeHasNonIntegers: Bool { signatureDictionary.byteRangeHasNonIntegers }
    /// /Contents as stored: the decoded bytes of the hex string, trailing zero padding included.
    public var contents: [UInt8]? { signatureDictionary.contents }
    /// /SubFilter as written.
    public var subFilter: PDFName? { signatureDictionary.subFilterName }

    /// Whether this declares itself a document timestamp: /Type /DocTimeStamp, which ISO
    /// 32000-2 Table 255 requires of one. A /Sig dictionary with /SubFilter /ETSI.RFC3161 is
    /// not one (see ``typeConfusion``).
    public var isDocumentTimestamp: Bool { signatureDictionary.isDocumentTimestamp }

    /// Why /Type and /SubFilter disagree about what this dictionary is, or `nil` when they
    /// agree (``PDFSignatureDictionary/typeConfusion``).
    public var typeConfusion: String? { signatureDictionary.typeConfusion }

    /// The field's and the signature dictionary's objects, for findings.
    var objects: [PDFObjectReference] { [field.reference] + (dictionaryReference.map { [$0] } ?? []) }

    /// The DER object in /Contents without the zero padding that fills the reserved space.
    public var cmsBytes: [UInt8]? {
        guard let contents else { return nil }
        return PDFEmbeddedSignature.trimmedDER(contents)
    }

    /// The end of the signed bytes: `byteRange[2] + byteRange[3]` (when four values).
    public var signedLength: Int? { byteRange.count == 4 ? byteRange[2] + byteRange[3] : nil }

    /// `bytes` cut to the length of the BER/DER object at their start (definite or indefinite
    /// lengths), or with trailing zeros removed when no object can be measured.
    static func trimmedDER(_ bytes: [UInt8]) -> [UInt8] {
        if let length = berLength(bytes, at: 0, depth: 0), length <= bytes.count { return Array(bytes.prefix(length)) }
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0 { end -= 1 }
        return Array(bytes[0..<end])
    }

    /// The encoded length of the TLV at `offset`; `nil` when it is not well-formed.
    private static func berLength(_ bytes: [UInt8], at offset: Int, depth: Int) -> Int? {
        guard depth < 64, offset + 1 < bytes.count else { return nil }
        var position = offset + 1
        if bytes[offset] & 0x1F == 0x1F {  // high tag number: continuation bytes
            while position < bytes.count, bytes[position] & 0x80 != 0 { position += 1 }
            position += 1
        }
        guard position < bytes.count else { return nil }
        let first = Int(bytes[position])
        position += 1
        if first < 0x80 { return position + first - offset }
        if first == 0x80 {  // indefinite: children until the 00 00 end-of-contents
            guard bytes[offset] & 0x20 != 0 else { return nil }
            while position + 1 < bytes.count {
                if bytes[position] == 0, bytes[position + 1] == 0 { return position + 2 - offset }
                guard let child = berLength(bytes, at: position, depth: depth + 1) else { return nil }
                position += child
            }
            return nil
        }
        let count = first & 0x7F
        guard count <= 4, position + count <= bytes.count else { return nil }
        let length = bytes[position..<position + count].reduce(0) { $0 << 8 | Int($1) }
        return position + count + length - offset
    }
}

extension PDFDocument {
    /// Every signed signature field's signature dictionary, in field order (signatures and
    /// document timestamps alike). Fields whose /V is not a dictionary are skipped.
    public func embeddedSignatures() throws -> [PDFEmbeddedSignature] {
        embeddedSignatures(of: try formFields())
    }

    /// The signature dictionaries of the signed fields among `fields` (already read by the caller).
    func embeddedSignatures(of fields: [PDFFormField]) -> [PDFEmbeddedSignature] {
        fields.filter(\.isSigned).compactMap { field in
            guard let value = field.value, let dictionary = try? resolve(value).dictionaryValue else { return nil }
            return PDFEmbeddedSignature(
                field: field, dictionary: dictionary, dictionaryReference: value.referenceValue,
                signatureDictionary: PDFSignatureDictionary(dictionary) { try? resolve($0 ?? .null) })
        }
    }
}
