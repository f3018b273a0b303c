import SwiftASN1

/// `TimeStampResp` (RFC 3161 §2.4.2): a TSA's reply.
///
/// ```
/// TimeStampResp ::= SEQUENCE  {
///      status                  PKIStatusInfo,
///      timeStampToken          TimeStampToken     OPTIONAL  }
/// TimeStampToken ::= ContentInfo
///      -- contentType is id-signedData ([CMS])
///      -- content is SignedData ([CMS])
/// ```
/// The token is kept as its exact received encoding. The wire type behind the public
/// ``TimestampResponse``; named apart from it so that the two never differ only by case.
package struct TimeStampRespMessage: DERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The status.
    package var status: PKIStatusInfo
    /// The token's `ContentInfo`, as encoded.
    package var timeStampToken: ASN1Any?

    /// Creates a reply from a status and the token's encoded `ContentInfo`.
    package init(status: PKIStatusInfo, timeStampToken: ASN1Any? = nil) {
        self.status = status
        self.timeStampToken = timeStampToken
    }

    /// Parses a DER reply (the body of an `application/timestamp-reply`).
    package init(derEncoded bytes: [UInt8]) throws {
        try self.init(derEncoded: DER.parse(bytes))
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let status = try PKIStatusInfo(derEncoded: &nodes)
            let token = nodes.next().map { ASN1Any(derEncoded: $0) }
            return TimeStampRespMessage(status: status, timeStampToken: token)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(status)
            if let timeStampToken { try coder.serialize(timeStampToken) }
        }
    }

    /// The DER encoding.
    package func derEncoded() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serialize(self)
        return coder.serializedBytes
    }
}
