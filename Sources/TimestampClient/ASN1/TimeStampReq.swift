import SwiftASN1

/// `TimeStampReq` (RFC 3161 §2.4.1): what a client sends to a TSA.
///
/// ```
/// TimeStampReq ::= SEQUENCE  {
///    version                      INTEGER  { v1(1) },
///    messageImprint               MessageImprint,
///    reqPolicy                    TSAPolicyId              OPTIONAL,
///    nonce                        INTEGER                  OPTIONAL,
///    certReq                      BOOLEAN                  DEFAULT FALSE,
///    extensions                   [0] IMPLICIT Extensions  OPTIONAL  }
/// ```
/// `nonce` holds big-endian magnitude bytes (non-negative; DER's sign byte is implicit); `extensions` is kept with its [0] tag.
package struct TimeStampReq: DERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    /// Always 1.
    package var version: Int
    /// The imprint to be time-stamped.
    package var messageImprint: MessageImprint
    /// The TSA policy asked for.
    package var reqPolicy: ASN1ObjectIdentifier?
    /// A random number that the TSA must echo (big-endian magnitude bytes).
    package var nonce: [UInt8]?
    /// Whether the TSA must put its certificate in the token.
    package var certReq: Bool
    /// The extensions element, `[0]` tag included.
    package var extensions: ASN1Any?

    /// Creates a request; certReq defaults to true so that tokens carry the TSA certificate.
    package init(version: Int = 1, messageImprint: MessageImprint, reqPolicy: ASN1ObjectIdentifier? = nil,
                nonce: [UInt8]? = nil, certReq: Bool = true, extensions: ASN1Any? = nil) {
        self.version = version
        self.messageImprint = messageImprint
        self.reqPolicy = reqPolicy
        self.nonce = nonce
        self.certReq = certReq
        self.extensions = extensions
    }

    /// Parses a DER request (the body of an `application/timestamp-query`).
    package init(derEncoded bytes: [UInt8]) throws {
        try self.init(derEncoded: DER.parse(bytes))
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 1 else { throw ASN1Error.invalidASN1Object(reason: "TimeStampReq version \(version) is not v1") }
            let imprint = try MessageImprint(derEncoded: &nodes)
            let policy: ASN1ObjectIdentifier? = try DER.optionalImplicitlyTagged(&nodes, tag: .objectIdentifier)
            let nonce: ArraySlice<UInt8>? = try DER.optionalImplicitlyTagged(&nodes, tag: .integer)
            let certReq: Bool? = try DER.optionalImplicitlyTagged(&nodes, tag: .boolean)
            let extensions = DER.optionalImplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { ASN1Any(derEncoded: $0) }
            return TimeStampReq(version: version, messageImprint: imprint, reqPolicy: policy,
                                nonce: nonce.map(Array.init), certReq: certReq ?? false, extensions: extensions)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(version)
            try coder.serialize(messageImprint)
            try coder.serializeOptionalImplicitlyTagged(reqPolicy)
            if let nonce { try coder.serialize(nonce[...]) }
            if certReq { try coder.serialize(true) }
            if let extensions { try coder.serialize(extensions) }
        }
    }

    /// The DER encoding.
    package func derEncoded() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serialize(self)
        return coder.serializedBytes
    }
}
