import CMSCore
import Foundation
import SwiftASN1

/// `TSTInfo` (RFC 3161 §2.4.2): what a TSA attests — this imprint existed at `genTime`.
///
/// ```
/// TSTInfo ::= SEQUENCE  {
///    version                      INTEGER  { v1(1) },
///    policy                       TSAPolicyId,
///    messageImprint               MessageImprint,
///    serialNumber                 INTEGER,
///    genTime                      GeneralizedTime,
///    accuracy                     Accuracy                 OPTIONAL,
///    ordering                     BOOLEAN             DEFAULT FALSE,
///    nonce                        INTEGER                  OPTIONAL,
///    tsa                          [0] GeneralName          OPTIONAL,
///    extensions                   [1] IMPLICIT Extensions  OPTIONAL  }
/// TSAPolicyId ::= OBJECT IDENTIFIER
/// ```
/// Integers that may exceed 64 bits (serialNumber, nonce) are kept as big-endian
/// magnitude bytes (they are non-negative; DER's 0x00 sign byte is added and removed). `tsa` and `extensions` are kept as
/// received (`tsa` without its [0] tag, `extensions` with its [1] tag).
package struct TSTInfo: DERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }
    static let tsaTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let extensionsTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

    /// Always 1.
    package var version: Int
    /// The TSA policy under which the token was issued.
    package var policy: ASN1ObjectIdentifier
    /// The imprint of the time-stamped datum.
    package var messageImprint: MessageImprint
    /// The token's serial number (big-endian magnitude bytes).
    package var serialNumber: [UInt8]
    /// The time of the stamp, as encoded.
    package var genTime: GeneralizedTime
    /// The deviation around `genTime`.
    package var accuracy: TimestampAccuracy?
    /// Whether tokens of this TSA can be ordered by `genTime` alone.
    package var ordering: Bool
    /// The request's nonce, echoed (big-endian magnitude bytes).
    package var nonce: [UInt8]?
    /// The TSA's name (a DER `GeneralName`).
    package var tsa: ASN1Any?
    /// The extensions element, `[1]` tag included.
    package var extensions: ASN1Any?

    /// Creates a `TSTInfo`; `serialNumber` and `nonce` are big-endian magnitude bytes.
    package init(version: Int = 1, policy: ASN1ObjectIdentifier, messageImprint: MessageImprint, serialNumber: [UInt8],
                genTime: GeneralizedTime, accuracy: TimestampAccuracy? = nil, ordering: Bool = false,
                nonce: [UInt8]? = nil, tsa: ASN1Any? = nil, extensions: ASN1Any? = nil) {
        self.version = version
        self.policy = policy
        self.messageImprint = messageImprint
        self.serialNumber = serialNumber
        self.genTime = genTime
        self.accuracy = accuracy
        self.ordering = ordering
        self.nonce = nonce
        self.tsa = tsa
        self.extensions = extensions
    }

    /// Parses the DER encoding found in a token's eContent.
    package init(derEncoded bytes: [UInt8]) throws {
        try self.init(derEncoded: DER.parse(bytes))
    }

    /// `genTime` as a `Date`.
    package var genDate: Date { ASN1Time.date(genTime) }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard version == 1 else { throw ASN1Error.invalidASN1Object(reason: "TSTInfo version \(version) is not v1") }
            let policy = try ASN1ObjectIdentifier(derEncoded: &nodes)
            let imprint = try MessageImprint(derEncoded: &nodes)
            let serial = try ArraySlice<UInt8>(derEncoded: &nodes)
            let genTime = try GeneralizedTime(derEncoded: &nodes)
            let accuracy: TimestampAccuracy? = try DER.optionalImplicitlyTagged(&nodes, tag: .sequence)
            let ordering: Bool? = try DER.optionalImplicitlyTagged(&nodes, tag: .boolean)
            let nonce: ArraySlice<UInt8>? = try DER.optionalImplicitlyTagged(&nodes, tag: .integer)
            let tsa = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { ASN1Any(derEncoded: $0) }
            let extensions = DER.optionalImplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) { ASN1Any(derEncoded: $0) }
            return TSTInfo(version: version, policy: policy, messageImprint: imprint, serialNumber: Array(serial),
                           genTime: genTime, accuracy: accuracy, ordering: ordering ?? false,
                           nonce: nonce.map(Array.init), tsa: tsa, extensions: extensions)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(version)
            try coder.serialize(policy)
            try coder.serialize(messageImprint)
            try coder.serialize(serialNumber[...])
            try coder.serialize(genTime)
            try coder.serializeOptionalImplicitlyTagged(accuracy)
            if ordering { try coder.serialize(true) }
            if let nonce { try coder.serialize(nonce[...]) }
            if let tsa { try coder.serialize(tsa, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) }
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
