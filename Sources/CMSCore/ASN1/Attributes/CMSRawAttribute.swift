import Foundation
import SwiftASN1

/// An attribute by type and DER value, for types this library does not interpret: an
/// application's own signed attribute, or one a validator reports as found.
///
/// Encoded in JSON as `{"type": "1.2.3.4", "value": "<base64 DER>"}`.
public struct CMSRawAttribute: Hashable, Sendable {
    /// The attribute type.
    public var type: ASN1ObjectIdentifier
    /// One value, DER-encoded.
    public var valueDER: [UInt8]

    /// An attribute with one value.
    ///
    /// - Throws: ``CMSError`` with `invalidArgument` when `valueDER` is not one DER element.
    public init(type: ASN1ObjectIdentifier, valueDER: [UInt8]) throws {
        do { _ = try DER.parse(valueDER) } catch {
            throw CMSError(.invalidArgument, "the value of attribute \(type) is not one DER element: \(error)")
        }
        self.type = type
        self.valueDER = valueDER
    }

    /// An attribute whose value was read from a parsed structure (already one DER element).
    init(parsedType type: ASN1ObjectIdentifier, valueDER: [UInt8]) {
        self.type = type
        self.valueDER = valueDER
    }
}

extension CMSRawAttribute: Codable {
    private enum CodingKeys: String, CodingKey { case type, value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .type)
        let arcs = text.split(separator: ".").compactMap { UInt($0) }
        guard let oid = try? ASN1ObjectIdentifier(elements: arcs), oid.description == text,
              let value = Data(base64Encoded: try container.decode(String.self, forKey: .value))
        else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "bad attribute type or value")
        }
        try self.init(type: oid, valueDER: Array(value))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type.description, forKey: .type)
        try container.encode(Data(valueDER).base64EncodedString(), forKey: .value)
    }
}
