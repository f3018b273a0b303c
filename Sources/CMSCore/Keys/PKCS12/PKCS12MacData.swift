import SwiftASN1

/// `MacData`, the password integrity check of a PKCS#12 file (RFC 7292 §4).
///
/// ```
/// MacData ::= SEQUENCE {
///   mac        DigestInfo,
///   macSalt    OCTET STRING,
///   iterations INTEGER DEFAULT 1 }
/// ```
/// With PBMAC1 (RFC 9579) `mac.digestAlgorithm` is id-PBMAC1 and `macSalt`/`iterations`
/// are ignored in favour of the PBKDF2 parameters.
package struct PKCS12MacData: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var mac: PKCS12DigestInfo
    package var macSalt: ArraySlice<UInt8>
    package var iterations: Int

    package init(mac: PKCS12DigestInfo, macSalt: ArraySlice<UInt8>, iterations: Int = 1) {
        self.mac = mac
        self.macSalt = macSalt
        self.iterations = iterations
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let mac = try PKCS12DigestInfo(berEncoded: &nodes)
            let salt = try ASN1OctetString(berEncoded: &nodes).bytes
            let iterations = try nodes.next().map { try Int(berEncoded: $0) } ?? 1
            return PKCS12MacData(mac: mac, macSalt: salt, iterations: iterations)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(mac)
            try coder.serialize(ASN1OctetString(contentBytes: macSalt))
            if iterations != 1 { try coder.serialize(iterations) }
        }
    }
}
