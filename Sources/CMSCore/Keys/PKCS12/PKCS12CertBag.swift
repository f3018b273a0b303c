import SwiftASN1

/// `CertBag` (RFC 7292 §4.2.3).
///
/// ```
/// CertBag ::= SEQUENCE {
///   certId    BAG-TYPE.&id   ({CertTypes}),
///   certValue [0] EXPLICIT BAG-TYPE.&Type ({CertTypes}{@certId}) }
///
/// x509Certificate BAG-TYPE ::= {OCTET STRING IDENTIFIED BY {certTypes 1}}
///   -- DER-encoded X.509 certificate stored in OCTET STRING
/// ```
package struct PKCS12CertBag: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var certId: ASN1ObjectIdentifier
    package var certValue: ASN1Any

    package init(certId: ASN1ObjectIdentifier, certValue: ASN1Any) {
        self.certId = certId
        self.certValue = certValue
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let certId = try ASN1ObjectIdentifier(berEncoded: &nodes)
            let value = try BER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                ASN1Any(berEncoded: $0)
            }
            return PKCS12CertBag(certId: certId, certValue: value)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(certId)
            try coder.serialize(certValue, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
        }
    }

    /// The DER certificate of an x509Certificate bag.
    package func x509CertificateDER() throws -> ArraySlice<UInt8> {
        guard certId == PKCS12ObjectIdentifier.CertType.x509Certificate else {
            throw CMSError(.unsupportedAlgorithm, "PKCS#12: certificate type \(certId) is not x509Certificate")
        }
        return try ASN1OctetString(berASN1Any: certValue).bytes
    }
}
