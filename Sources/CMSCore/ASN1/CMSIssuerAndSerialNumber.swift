import SwiftASN1
import X509

/// `IssuerAndSerialNumber` (RFC 5652 §10.2.4).
///
/// ```
/// IssuerAndSerialNumber ::= SEQUENCE {
///   issuer Name,
///   serialNumber CertificateSerialNumber }
/// ```
/// Both fields are kept as received — the Name's encoding (in DER form) and the INTEGER's
/// content octets — so that a certificate swift-certificates refuses (a negative serial number,
/// an unusual string type in a name) can still be found by its sid.
package struct CMSIssuerAndSerialNumber: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    /// `issuer`: the Name's DER encoding.
    package var issuer: ArraySlice<UInt8>
    /// `serialNumber`: the INTEGER's content octets (two's complement, as received).
    package var serialNumber: ArraySlice<UInt8>

    package init(issuer: ArraySlice<UInt8>, serialNumber: ArraySlice<UInt8>) {
        self.issuer = issuer
        self.serialNumber = serialNumber
    }

    /// The identifier of `certificate`, from its fields as encoded.
    package init(_ certificate: RawCertificate) {
        self.init(issuer: certificate.issuer, serialNumber: certificate.serialNumber)
    }

    /// The identifier of a certificate swift-certificates parsed.
    package init(_ certificate: Certificate) throws {
        self.init(try RawCertificate(certificate))
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            guard let issuerNode = nodes.next(), issuerNode.identifier == .sequence else {
                throw ASN1Error.invalidASN1Object(reason: "IssuerAndSerialNumber without an issuer Name")
            }
            guard let serialNode = nodes.next(), serialNode.identifier == .integer,
                  case .primitive(let serial) = serialNode.content, !serial.isEmpty
            else { throw ASN1Error.invalidASN1Object(reason: "IssuerAndSerialNumber without a serialNumber INTEGER") }
            return CMSIssuerAndSerialNumber(issuer: try BERNormalizer.derForm(of: issuerNode.encodedBytes), serialNumber: serial)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        coder.appendConstructedNode(identifier: identifier) { coder in
            coder.serializeRawBytes(issuer)
            coder.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: serialNumber) }
        }
    }

    /// Whether `certificate` is the one this identifier names: the same serial number value,
    /// and the same issuer (see ``sameName(_:_:)``).
    package func matches(_ certificate: RawCertificate) -> Bool {
        RawInteger.same(serialNumber, certificate.serialNumber) && Self.sameName(issuer, certificate.issuer)
    }

    /// Whether two Name encodings name the same entity: equal bytes, or — when swift-certificates
    /// reads both — RFC 5280 §7.1 comparison (the same attribute types in the same order, values
    /// equal after case folding and collapsing white space), since signers re-encode names
    /// (PrintableString vs UTF8String).
    package static func sameName(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        if a == b { return true }
        guard let first = try? DistinguishedName(derEncoded: Array(a)), let second = try? DistinguishedName(derEncoded: Array(b)) else {
            return false
        }
        return first == second || normalized(first) == normalized(second)
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
