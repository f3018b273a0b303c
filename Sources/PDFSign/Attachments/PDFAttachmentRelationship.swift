/// How an embedded file relates to the document: /AFRelationship of its file specification
/// (ISO 32000-2 §14.13, Table 43; PDF/A-3).
public enum PDFAttachmentRelationship: Hashable, Sendable, Codable {
    /// /Source: the original the document was made from (e.g. the contract's Word file).
    case source
    /// /Data: data the document's content shows (e.g. the contract's terms as XML or JSON).
    case data
    /// /Alternative: another representation of the content.
    case alternative
    /// /Supplement: supplementary material.
    case supplement
    /// /EncryptedPayload: an encrypted payload document.
    case encryptedPayload
    /// /FormData: the data of the document's form.
    case formData
    /// /Schema: a schema for the other files.
    case schema
    /// /Unspecified.
    case unspecified
    /// Another value, by name.
    case other(String)

    private static let names: [(PDFAttachmentRelationship, String)] = [
        (.source, "Source"), (.data, "Data"), (.alternative, "Alternative"), (.supplement, "Supplement"),
        (.encryptedPayload, "EncryptedPayload"), (.formData, "FormData"), (.schema, "Schema"), (.unspecified, "Unspecified"),
    ]

    /// The /AFRelationship name.
    public var name: String {
        if case .other(let name) = self { return name }
        return Self.names.first { $0.0 == self }!.1
    }

    /// The relationship named `name` (case-insensitive for the standard ones).
    public init(name: String) {
        self = Self.names.first { $0.1.lowercased() == name.lowercased() }?.0 ?? .other(name)
    }

    public init(from decoder: any Decoder) throws {
        self.init(name: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
