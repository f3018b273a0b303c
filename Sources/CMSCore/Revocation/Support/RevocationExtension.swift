import SwiftASN1

/// `Extension` (RFC 5280 §4.1), as OCSP responses and CRLs carry them.
///
/// ```
/// Extension  ::=  SEQUENCE  {
///      extnID      OBJECT IDENTIFIER,
///      critical    BOOLEAN DEFAULT FALSE,
///      extnValue   OCTET STRING }
/// ```
package struct RevocationExtension: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var oid: ASN1ObjectIdentifier
    package var critical: Bool
    /// The contents of `extnValue` (the DER of the extension's own type).
    package var value: ArraySlice<UInt8>

    package init(oid: ASN1ObjectIdentifier, critical: Bool = false, value: ArraySlice<UInt8>) {
        self.oid = oid
        self.critical = critical
        self.value = value
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let oid = try ASN1ObjectIdentifier(berEncoded: &nodes)
            var next = nodes.next()
            var critical = false
            if let node = next, node.identifier == .boolean {
                critical = try Bool(berEncoded: node)
                next = nodes.next()
            }
            guard let valueNode = next else {
                throw ASN1Error.invalidASN1Object(reason: "Extension without extnValue")
            }
            let value = try ASN1OctetString(berEncoded: valueNode).bytes
            guard nodes.next() == nil else {
                throw ASN1Error.invalidASN1Object(reason: "trailing elements in Extension")
            }
            return RevocationExtension(oid: oid, critical: critical, value: value)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(oid)
            if critical { try coder.serialize(true) }
            try coder.serialize(ASN1OctetString(contentBytes: value))
        }
    }

    /// Parses `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`, at most
    /// ``RevocationLimits/maxExtensions`` of them.
    package static func parseList(_ node: ASN1Node) throws -> [RevocationExtension] {
        guard node.identifier == .sequence, case .constructed(let children) = node.content else {
            throw ASN1Error.invalidASN1Object(reason: "Extensions must be a SEQUENCE")
        }
        var result: [RevocationExtension] = []
        for child in children {
            guard result.count < RevocationLimits.maxExtensions else {
                throw CMSError(.limitExceeded, "more than \(RevocationLimits.maxExtensions) extensions")
            }
            result.append(try RevocationExtension(berEncoded: child))
        }
        return result
    }

    /// Serializes `extensions` as an `Extensions` SEQUENCE.
    package static func serializeList(_ extensions: [RevocationExtension], into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            for ext in extensions { try coder.serialize(ext) }
        }
    }
}
