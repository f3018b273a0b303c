import SwiftASN1
import X509

/// `IssuerAndSerialNumber` (RFC 5652 §10.2.4).
///
/// ```
/// IssuerAndSerialNumber ::= SEQUENCE {
///   issuer Name,
///   serialNumber CertificateSerialNumber }
/// ```
package struct CMSIssuerAndSerialNumber: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var issuer: DistinguishedName
    package var serialNumber: Certificate.SerialNumber

    package init(issuer: DistinguishedName, serialNumber: Certificate.SerialNumber) {
        self.issuer = issuer
        self.serialNumber = serialNumber
    }

    package init(_ certificate: Certificate) {
        self.init(issuer: certificate.issuer, serialNumber: certificate.serialNumber)
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            guard let issuerNode = nodes.next() else {
                throw ASN1Error.invalidASN1Object(reason: "IssuerAndSerialNumber without issuer")
            }
            let issuer = try DistinguishedName(derEncoded: issuerNode)
            let serial = try ArraySlice<UInt8>(berEncoded: &nodes)
            return CMSIssuerAndSerialNumber(issuer: issuer, serialNumber: .init(bytes: serial))
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(issuer)
            try coder.serialize(serialNumber.bytes)
        }
    }

    /// Whether `certificate` is the one this identifier names.
    /// Serial equal and issuer equal — exactly, or under RFC 5280 §7.1 name comparison (the same
    /// attribute types in the same order, values equal after case folding and collapsing white
    /// space), since signers re-encode names (PrintableString vs UTF8String).
    package func matches(_ certificate: Certificate) -> Bool {
        guard certificate.serialNumber == serialNumber else { return false }
        return certificate.issuer == issuer || Self.normalized(certificate.issuer) == Self.normalized(issuer)
    }

    private static func normalized(_ name: DistinguishedName) -> [[String]] {
        name.map { rdn in
            rdn.map { attribute in
                let text = String(describing: attribute.value).lowercased()
                    .split(whereSeparator: \.isWhitespace).joined(separator: " ")
                return "\(attribute.type)=\(text)"
            }.sorted()
        }
    }
}
