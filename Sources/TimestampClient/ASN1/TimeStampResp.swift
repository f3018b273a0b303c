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
/// The token is kept as its exact received encoding.
public struct TimeStampResp: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The status.
    public var status: PKIStatusInfo
    /// The token's `ContentInfo`, as encoded.
    public var timeStampToken: ASN1Any?

    /// Creates a reply from a status and the token's encoded `ContentInfo`.
    public init(status: PKIStatusInfo, timeStampToken: ASN1Any? = nil) {
        self.status = status
        self.timeStampToken = timeStampToken
    }

    /// Parses a DER reply (the body of an `application/timestamp-reply`).
    public init(derEncoded bytes: [UInt8]) throws {
        try self.init(derEncoded: DER.parse(bytes))
    }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let status = try PKIStatusInfo(derEncoded: &nodes)
            let token = nodes.next().map { ASN1Any(derEncoded: $0) }
            return TimeStampResp(status: status, timeStampToken: token)
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(status)
            if let timeStampToken { try coder.serialize(timeStampToken) }
        }
    }

    /// The DER encoding.
    public func derEncoded() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serialize(self)
        return coder.serializedBytes
    }
}
