import Foundation
import SwiftASN1

/// `ResponseData` (RFC 6960 §4.2.1), the signed part of a `BasicOCSPResponse`.
///
/// ```
/// ResponseData ::= SEQUENCE {
///    version              [0] EXPLICIT Version DEFAULT v1,
///    responderID              ResponderID,
///    producedAt               GeneralizedTime,
///    responses                SEQUENCE OF SingleResponse,
///    responseExtensions   [1] EXPLICIT Extensions OPTIONAL }
/// ```
/// A received ResponseData is always re-serialized from its received bytes
/// (``OCSPBasicResponse/tbsResponseDataBytes``); ``serialize(into:)`` is for responses made
/// here (``LocalRevocationAuthority``). The version is always v1 and left out (DEFAULT).
package struct OCSPResponseData: Hashable, Sendable {
    static let versionTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let extensionsTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

    package var version: Int
    package var responderID: OCSPResponderID
    package var producedAt: Date
    package var responses: [OCSPSingleResponse]
    package var responseExtensions: [RevocationExtension]

    /// The nonce of the response's nonce extension, if any.
    package var nonce: ArraySlice<UInt8>? {
        responseExtensions.first { $0.oid == RevocationOID.ocspNonce }.flatMap { OCSPNonce.value(of: $0) }
    }

    package init(berEncoded node: ASN1Node) throws {
        self = try BER.sequence(node, identifier: .sequence) { nodes in
            var next = nodes.next()
            var version = 0
            if let n = next, n.identifier == Self.versionTag {
                version = try BER.explicitlyTagged(n, tagNumber: 0, tagClass: .contextSpecific) { try Int(berEncoded: $0) }
                next = nodes.next()
            }
            guard version == 0 else { throw ASN1Error.invalidASN1Object(reason: "unsupported ResponseData version \(version + 1)") }
            guard let responderNode = next else { throw ASN1Error.invalidASN1Object(reason: "ResponseData without responderID") }
            let responderID = try OCSPResponderID(berEncoded: responderNode)
            guard let producedNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "ResponseData without producedAt") }
            let producedAt = try ASN1Time.generalizedDate(from: producedNode)
            guard let listNode = nodes.next(), listNode.identifier == .sequence, case .constructed(let children) = listNode.content else {
                throw ASN1Error.invalidASN1Object(reason: "ResponseData without a responses SEQUENCE")
            }
            var responses: [OCSPSingleResponse] = []
            for child in children {
                guard responses.count < RevocationLimits.maxSingleResponses else {
                    throw CMSError(.limitExceeded, "more than \(RevocationLimits.maxSingleResponses) SingleResponses")
                }
                responses.append(try OCSPSingleResponse(berEncoded: child))
            }
            var extensions: [RevocationExtension] = []
            if let extNode = nodes.next() {
                extensions = try BER.explicitlyTagged(extNode, tagNumber: 1, tagClass: .contextSpecific) {
                    try RevocationExtension.parseList($0)
                }
            }
            guard nodes.next() == nil else { throw ASN1Error.invalidASN1Object(reason: "trailing elements in ResponseData") }
            return OCSPResponseData(version: version, responderID: responderID, producedAt: producedAt,
                                    responses: responses, responseExtensions: extensions)
        }
    }

    package func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try responderID.serialize(into: &coder)
            try coder.serialize(try ASN1Time.generalizedTime(producedAt))
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                for response in responses { try response.serialize(into: &coder) }
            }
            if !responseExtensions.isEmpty {
                try coder.appendConstructedNode(identifier: Self.extensionsTag) { coder in
                    try RevocationExtension.serializeList(responseExtensions, into: &coder)
                }
            }
        }
    }

    /// The DER encoding, as signed.
    package var derEncoded: [UInt8] {
        get throws {
            var coder = DER.Serializer()
            try serialize(into: &coder)
            return coder.serializedBytes
        }
    }

    package init(version: Int, responderID: OCSPResponderID, producedAt: Date, responses: [OCSPSingleResponse],
                 responseExtensions: [RevocationExtension]) {
        self.version = version
        self.responderID = responderID
        self.producedAt = producedAt
        self.responses = responses
        self.responseExtensions = responseExtensions
    }
}
