import SwiftASN1

/// `PFX`, the outer structure of a PKCS#12 file (RFC 7292 §4).
///
/// ```
/// PFX ::= SEQUENCE {
///   version    INTEGER {v3(3)}(v3,...),
///   authSafe   ContentInfo,
///   macData    MacData OPTIONAL }
/// ```
/// `authSafe` is kept as a generic `ContentInfo`; in password integrity mode it is id-data
/// and its OCTET STRING (possibly BER constructed) holds the `AuthenticatedSafe`.
package struct PKCS12PFX: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var version: Int
    package var authSafe: CMSContentInfo
    package var macData: PKCS12MacData?

    package init(version: Int, authSafe: CMSContentInfo, macData: PKCS12MacData?) {
        self.version = version
        self.authSafe = authSafe
        self.macData = macData
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let version = try Int(berEncoded: &nodes)
            guard version == 3 else {
                throw CMSError(.malformedEncoding, "PKCS#12: PFX version \(version) is not 3")
            }
            let authSafe = try CMSContentInfo(berEncoded: &nodes)
            let macData: PKCS12MacData? = try nodes.next().map { try PKCS12MacData(berEncoded: $0) }
            return PKCS12PFX(version: version, authSafe: authSafe, macData: macData)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(version)
            try coder.serialize(authSafe)
            if let macData { try coder.serialize(macData) }
        }
    }
}
