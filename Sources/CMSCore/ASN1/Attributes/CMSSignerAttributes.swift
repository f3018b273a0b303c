import Foundation
import SwiftASN1

/// Attributes the signer claims about themself: the claimedAttributes of the
/// signer-attributes-v2 attribute (ETSI EN 319 122-1 §5.2.6.1), for example the role
/// 代表取締役 (representative director).
///
/// ```
/// SignerAttributeV2 ::= SEQUENCE {
///   claimedAttributes [0] ClaimedAttributes OPTIONAL,
///   certifiedAttributesV2 [1] CertifiedAttributesV2 OPTIONAL,
///   signedAssertions [2] SignedAssertions OPTIONAL }
/// ClaimedAttributes ::= SEQUENCE OF Attribute
/// ```
/// Roles are written as X.509 role attributes (id-at-role 2.5.4.72), whose value is
/// `RoleSyntax` (ITU-T X.509 §17.1, RFC 5755 §4.4.5), as pyHanko and asn1crypto read them:
/// ```
/// RoleSyntax ::= SEQUENCE {
///   roleAuthority [0] GeneralNames OPTIONAL,
///   roleName      [1] GeneralName }
/// ```
/// with the role text as a directoryName holding one `title` (2.5.4.12) UTF8String, the X.520
/// attribute for a position within an organization. Reading also accepts a bare
/// DirectoryString and the text GeneralNames. Claimed, not certified: nothing but the
/// signer vouches for them.
public struct CMSSignerAttributes: Hashable, Sendable, Codable {
    /// Claimed roles (id-at-role), in order.
    public var claimedRoles: [String]
    /// Other claimed attributes, kept as received.
    public var otherClaimedAttributes: [CMSRawAttribute]

    /// signer-attributes-v2, id-aa-ets-signerAttrV2 (0.4.0.19122.1.1).
    public static let attributeType: ASN1ObjectIdentifier = [0, 4, 0, 19122, 1, 1]
    /// id-at-role (X.520, 2.5.4.72).
    public static let roleAttributeType: ASN1ObjectIdentifier = [2, 5, 4, 72]

    /// Claimed roles and other claimed attributes.
    public init(claimedRoles: [String], otherClaimedAttributes: [CMSRawAttribute] = []) {
        self.claimedRoles = claimedRoles
        self.otherClaimedAttributes = otherClaimedAttributes
    }

    /// The attribute value's DER.
    func valueDER() throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    for role in claimedRoles {
                        let value = ASN1Any(derEncoded: try DER.parse(Self.roleSyntax(role)))
                        try coder.serialize(CMSAttribute(attrType: Self.roleAttributeType, attrValues: [value]))
                    }
                    for other in otherClaimedAttributes {
                        try coder.serialize(CMSAttribute(attrType: other.type, attrValues: [ASN1Any(derEncoded: DER.parse(other.valueDER))]))
                    }
                }
            }
        }
        return serializer.serializedBytes
    }

    /// Reads the claimedAttributes of a SignerAttributeV2 value; certified attributes and
    /// signed assertions are skipped.
    init(berEncoded node: ASN1Node) throws {
        var roles: [String] = []
        var others: [CMSRawAttribute] = []
        try BER.sequence(node, identifier: .sequence) { nodes in
            while let child = nodes.next() {
                guard child.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific),
                      case .constructed(let inner) = child.content, let list = inner.first(where: { _ in true })
                else { continue }
                let attributes = try BER.sequence(of: CMSAttribute.self, identifier: .sequence, rootNode: list)
                for attribute in attributes {
                    for value in attribute.attrValues {
                        if attribute.attrType == Self.roleAttributeType, let text = Self.roleText(value) {
                            roles.append(text)
                        } else {
                            others.append(CMSRawAttribute(parsedType: attribute.attrType, valueDER: try Self.der(value)))
                        }
                    }
                }
            }
        }
        self.init(claimedRoles: roles, otherClaimedAttributes: others)
    }

    /// id-at-title (X.520).
    static let titleAttributeType: ASN1ObjectIdentifier = [2, 5, 4, 12]

    /// `RoleSyntax { roleName [1] directoryName [4] { { title UTF8String } } }`.
    static func roleSyntax(_ role: String) throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific) { coder in
                try coder.serialize(explicitlyTaggedWithTagNumber: 4, tagClass: .contextSpecific) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.appendConstructedNode(identifier: .set) { coder in
                            try coder.appendConstructedNode(identifier: .sequence) { coder in
                                try coder.serialize(titleAttributeType)
                                try coder.serialize(ASN1UTF8String(role))
                            }
                        }
                    }
                }
            }
        }
        return coder.serializedBytes
    }

    /// A role's text: from RoleSyntax's roleName (a directoryName's string values, or a text
    /// GeneralName), or a bare DirectoryString.
    static func roleText(_ value: ASN1Any) -> String? {
        if let text = directoryString(value) { return text }
        guard let node = try? DER.parse(der(value)), node.identifier == .sequence, case .constructed(let children) = node.content,
              let roleName = children.first(where: { $0.identifier == ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific) }),
              case .constructed(let inner) = roleName.content, let generalName = inner.first(where: { _ in true })
        else { return nil }
        switch generalName.content {
        case .primitive(let bytes):  // rfc822Name, dNSName, uniformResourceIdentifier: IA5String
            return String(bytes: bytes, encoding: .utf8)
        case .constructed:
            var texts: [String] = []
            collectStrings(generalName, into: &texts)
            return texts.isEmpty ? nil : texts.joined(separator: " ")
        }
    }

    /// Every string value under `node` (a directoryName's attribute values).
    private static func collectStrings(_ node: ASN1Node, into texts: inout [String]) {
        switch node.content {
        case .primitive:
            if let text = directoryString(ASN1Any(derEncoded: node)) { texts.append(text) }
        case .constructed(let children):
            for child in children { collectStrings(child, into: &texts) }
        }
    }

    /// A DirectoryString's text (UTF8String, PrintableString, BMPString…), or `nil`.
    static func directoryString(_ value: ASN1Any) -> String? {
        if let text = try? ASN1UTF8String(asn1Any: value) { return String(text) }
        if let text = try? ASN1PrintableString(asn1Any: value) { return String(text) }
        if let text = try? ASN1IA5String(asn1Any: value) { return String(text) }
        if let text = try? ASN1BMPString(asn1Any: value) {
            let bytes = Array(text.bytes)
            guard bytes.count % 2 == 0 else { return nil }
            let units = stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        }
        return nil
    }

    static func der(_ value: ASN1Any) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(value)
        return serializer.serializedBytes
    }
}
