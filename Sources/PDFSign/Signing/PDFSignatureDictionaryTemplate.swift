import Foundation

/// The signature dictionary (ISO 32000-2 §12.8.1, Table 255) written with fixed-width
/// placeholders for /ByteRange and /Contents, patched once the file's layout is known.
struct PDFSignatureDictionaryTemplate {
    /// The dictionary's bytes.
    let bytes: [UInt8]
    /// Where the `[` of /ByteRange lies within ``bytes``; the slot is ``byteRangeSlotLength`` bytes.
    let byteRangeOffset: Int
    /// Where the `<` of /Contents lies within ``bytes``.
    let contentsOffset: Int
    /// Bytes reserved for the DER signature (the hex string holds twice as many digits).
    let capacity: Int

    static let byteRangeSlotLength = 4 * 14 + 2

    /// A document timestamp's dictionary (ETSI EN 319 142-1 §5.4.3): /Type /DocTimeStamp,
    /// /SubFilter /ETSI.RFC3161, no signer metadata.
    init(documentTimestampCapacity capacity: Int, encrypting: Encrypting = { $0 }) throws {
        try self.init(encrypting: encrypting, PDFDictionary([
            "Type": .name(PDFSignatureDictionary.documentTimestampType), "Filter": .name("Adobe.PPKLite"),
            "SubFilter": .name(PDFName(PDFSignatureSubFilter.rfc3161.rawValue)),
        ]), capacity: capacity)
    }

    /// Encrypts the dictionary's strings in an encrypted document (identity otherwise).
    typealias Encrypting = (PDFDictionary) throws -> PDFDictionary

    init(options: PDFSignatureOptions, signingTime: Date, capacity: Int, docMDPPermission: Int?, encrypting: Encrypting = { $0 }) throws {
        var dictionary = PDFDictionary([
            "Type": .name(PDFSignatureDictionary.signatureType), "Filter": .name("Adobe.PPKLite"), "SubFilter": .name(PDFName(options.subFilter.rawValue)),
            "M": .string(.date(signingTime)),
        ])
        if let name = options.signerName { dictionary["Name"] = .string(.text(name)) }
        if let reason = options.reason { dictionary["Reason"] = .string(.text(reason)) }
        if let location = options.location { dictionary["Location"] = .string(.text(location)) }
        if let contact = options.contactInfo { dictionary["ContactInfo"] = .string(.text(contact)) }
        var references: [PDFObject] = []
        if let permission = docMDPPermission {
            references.append(Self.reference(method: .docMDP, parameters: PDFDictionary(["P": .integer(Int64(permission))])))
        }
        if let lock = options.fieldLock {
            var parameters = PDFFieldLockEncoding.dictionary(lock, type: "TransformParams")
            parameters["Type"] = nil
            references.append(Self.reference(method: .fieldMDP, parameters: parameters))
        }
        if !references.isEmpty { dictionary["Reference"] = .array(references) }
        try self.init(encrypting: encrypting, dictionary, capacity: capacity)
    }

    /// `dictionary` (its strings encrypted by `encrypting`) followed by the /ByteRange and
    /// /Contents placeholders: /Contents is never encrypted (ISO 32000-2 §7.6.2).
    private init(encrypting: Encrypting, _ dictionary: PDFDictionary, capacity: Int) throws {
        var output: [UInt8] = []
        try PDFObjectSerializer.writeDictionary(try encrypting(dictionary), into: &output)
        output.removeLast(2)  // ">>": the placeholders follow
        output += Array("/ByteRange ".utf8)
        byteRangeOffset = output.count
        output += Array("[0 0 0 0]".utf8) + Array(repeating: UInt8(ascii: " "), count: Self.byteRangeSlotLength - 9)
        output += Array("/Contents ".utf8)
        contentsOffset = output.count
        output.append(UInt8(ascii: "<"))
        output += Array(repeating: UInt8(ascii: "0"), count: 2 * capacity)
        output += Array(">>>".utf8)
        bytes = output
        self.capacity = capacity
    }

    /// `<< /Type /SigRef /TransformMethod … /TransformParams << /Type /TransformParams … /V /1.2 >> >>`.
    private static func reference(method: PDFSignatureDictionary.TransformMethod, parameters: PDFDictionary) -> PDFObject {
        var params = PDFDictionary(["Type": .name("TransformParams")])
        for entry in parameters.entries { params[entry.key] = entry.value }
        params["V"] = .name("1.2")
        return .dictionary(PDFDictionary([
            "Type": .name("SigRef"), "TransformMethod": .name(method.name), "TransformParams": .dictionary(params),
        ]))
    }

    /// The /ByteRange text for `ranges`, padded to the slot.
    static func byteRangeText(_ ranges: [Int]) -> [UInt8] {
        var text: [UInt8] = [UInt8(ascii: "[")]
        for (index, value) in ranges.enumerated() {
            if index > 0 { text.append(UInt8(ascii: " ")) }
            text += String(value).utf8
        }
        text.append(UInt8(ascii: "]"))
        return text + Array(repeating: UInt8(ascii: " "), count: max(0, byteRangeSlotLength - text.count))
    }
}
