import SwiftASN1

/// What the signer commits to with a signature: the commitment-type-indication attribute
/// (ETSI EN 319 122-1 §5.2.3, RFC 5126 §5.11.1).
///
/// ```
/// CommitmentTypeIndication ::= SEQUENCE {
///   commitmentTypeId CommitmentTypeIdentifier,
///   commitmentTypeQualifier SEQUENCE SIZE (1..MAX) OF CommitmentTypeQualifier OPTIONAL }
/// CommitmentTypeIdentifier ::= OBJECT IDENTIFIER
/// ```
///
/// Encoded in JSON as its name (`proofOfApproval`) or, for another type, its dotted OID.
public enum CMSCommitmentType: Hashable, Sendable {
    /// id-cti-ets-proofOfOrigin (1.2.840.113549.1.9.16.6.1): the signer created and sends the content.
    case proofOfOrigin
    /// id-cti-ets-proofOfReceipt (…6.2): the signer received the content.
    case proofOfReceipt
    /// id-cti-ets-proofOfDelivery (…6.3): a trusted service delivered the content.
    case proofOfDelivery
    /// id-cti-ets-proofOfSender (…6.4): the signer sent the content (not necessarily created it).
    case proofOfSender
    /// id-cti-ets-proofOfApproval (…6.5): the signer approves the content (a party agreeing to a contract).
    case proofOfApproval
    /// id-cti-ets-proofOfCreation (…6.6): the signer created the content.
    case proofOfCreation
    /// Another commitment type, by OID.
    case other(ASN1ObjectIdentifier)

    /// commitment-type-indication, id-aa-ets-commitmentType (1.2.840.113549.1.9.16.2.16).
    public static let attributeType: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 16]

    static let named: [(CMSCommitmentType, String, UInt)] = [
        (.proofOfOrigin, "proofOfOrigin", 1), (.proofOfReceipt, "proofOfReceipt", 2), (.proofOfDelivery, "proofOfDelivery", 3),
        (.proofOfSender, "proofOfSender", 4), (.proofOfApproval, "proofOfApproval", 5), (.proofOfCreation, "proofOfCreation", 6),
    ]

    /// The commitment type's OID.
    public var oid: ASN1ObjectIdentifier {
        if case .other(let oid) = self { return oid }
        let arc = Self.named.first { $0.0 == self }!.2
        return try! ASN1ObjectIdentifier(elements: [1, 2, 840, 113549, 1, 9, 16, 6, arc])
    }

    /// The type for `oid`: a named case for the six ETSI types, else ``other(_:)``.
    public init(oid: ASN1ObjectIdentifier) {
        self = Self.named.first { $0.0.oid == oid }?.0 ?? .other(oid)
    }

    /// The name (`proofOfApproval`) of an ETSI type, or the dotted OID of another.
    public var name: String {
        Self.named.first { $0.0 == self }?.1 ?? oid.description
    }

    /// The type named `name` (`proofOfApproval`, or `proof-of-approval`), or with dotted OID `name`.
    public init?(name: String) {
        let compact = name.replacingOccurrences(of: "-", with: "").lowercased()
        if let match = Self.named.first(where: { $0.1.lowercased() == compact }) {
            self = match.0
            return
        }
        let arcs = name.split(separator: ".", omittingEmptySubsequences: false).map { UInt($0) }
        guard arcs.count >= 2, !arcs.contains(nil), let oid = try? ASN1ObjectIdentifier(elements: arcs.compactMap { $0 }) else { return nil }
        self.init(oid: oid)
    }

    /// The attribute value's DER: the indication without qualifiers.
    func valueDER() throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { try $0.serialize(oid) }
        return serializer.serializedBytes
    }

    /// Reads a CommitmentTypeIndication value (qualifiers are read past, not kept).
    init(berEncoded node: ASN1Node) throws {
        let oid = try BER.sequence(node, identifier: .sequence) { nodes in
            let oid = try ASN1ObjectIdentifier(berEncoded: &nodes)
            while nodes.next() != nil {}
            return oid
        }
        self.init(oid: oid)
    }
}

extension CMSCommitmentType: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let type = CMSCommitmentType(name: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown commitment type \(text)"))
        }
        self = type
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
