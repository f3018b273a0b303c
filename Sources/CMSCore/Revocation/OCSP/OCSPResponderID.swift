import SwiftASN1
import X509

/// `ResponderID` (RFC 6960 §4.2.1): the responder's name or the SHA-1 hash of its key.
///
/// ```
/// ResponderID ::= CHOICE {
///    byName               [1] Name,
///    byKey                [2] KeyHash }
///
/// KeyHash ::= OCTET STRING -- SHA-1 hash of responder's public key
///                          -- (excluding the tag and length fields)
/// ```
/// The OCSP module uses explicit tags, so both alternatives are wrapped.
package enum OCSPResponderID: Hashable, Sendable {
    case byName(DistinguishedName)
    case byKey(ArraySlice<UInt8>)

    static let byNameTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
    static let byKeyTag = ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)

    package init(berEncoded node: ASN1Node) throws {
        switch node.identifier {
        case Self.byNameTag:
            self = .byName(try BER.explicitlyTagged(node, tagNumber: 1, tagClass: .contextSpecific) {
                try DistinguishedName(derEncoded: $0)
            })
        case Self.byKeyTag:
            self = .byKey(try BER.explicitlyTagged(node, tagNumber: 2, tagClass: .contextSpecific) {
                try ASN1OctetString(berEncoded: $0).bytes
            })
        default:
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
    }

    /// The responder ID naming `certificate`: its subject, or the SHA-1 hash of its key.
    package init(certificate: Certificate, byKey: Bool) {
        self = byKey ? .byKey(DigestAlgorithm.sha1.hash(certificate.subjectPublicKeyBytes)[...]) : .byName(certificate.subject)
    }

    package func serialize(into coder: inout DER.Serializer) throws {
        switch self {
        case .byName(let name):
            try coder.appendConstructedNode(identifier: Self.byNameTag) { coder in try coder.serialize(name) }
        case .byKey(let hash):
            try coder.appendConstructedNode(identifier: Self.byKeyTag) { coder in
                try coder.serialize(ASN1OctetString(contentBytes: hash))
            }
        }
    }

    /// Whether `certificate` is the responder this ID names.
    package func identifies(_ certificate: Certificate) -> Bool {
        switch self {
        case .byName(let name):
            return certificate.subject == name
        case .byKey(let hash):
            return hash.elementsEqual(DigestAlgorithm.sha1.hash(certificate.subjectPublicKeyBytes))
        }
    }

    /// A readable form for messages.
    package var summary: String {
        switch self {
        case .byName(let name): "name \(name)"
        case .byKey(let hash): "key hash \(RevocationSerial.hex(hash))"
        }
    }
}
