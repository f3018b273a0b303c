import SwiftASN1
import X509

/// `BasicOCSPResponse` (RFC 6960 §4.2.1).
///
/// ```
/// BasicOCSPResponse       ::= SEQUENCE {
///    tbsResponseData      ResponseData,
///    signatureAlgorithm   AlgorithmIdentifier,
///    signature            BIT STRING,
///    certs            [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
/// ```
/// ``tbsResponseDataBytes`` keeps the received encoding of `tbsResponseData`: the signature
/// is checked over those bytes, never over a re-encoding.
package struct OCSPBasicResponse: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }
    static let certsTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    package var responseData: OCSPResponseData
    package var tbsResponseDataBytes: ArraySlice<UInt8>
    package var signatureAlgorithm: CMSAlgorithmIdentifier
    package var signature: ArraySlice<UInt8>
    package var certs: [Certificate]

    package init(responseData: OCSPResponseData, tbsResponseDataBytes: ArraySlice<UInt8>,
                 signatureAlgorithm: CMSAlgorithmIdentifier, signature: ArraySlice<UInt8>, certs: [Certificate]) {
        self.responseData = responseData
        self.tbsResponseDataBytes = tbsResponseDataBytes
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
        self.certs = certs
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            guard let tbsNode = nodes.next() else {
                throw ASN1Error.invalidASN1Object(reason: "BasicOCSPResponse without tbsResponseData")
            }
            let responseData = try OCSPResponseData(berEncoded: tbsNode)
            let algorithm = try CMSAlgorithmIdentifier(berEncoded: &nodes)
            let signature = try ASN1BitString(berEncoded: &nodes)
            guard signature.paddingBits == 0 else {
                throw ASN1Error.invalidASN1Object(reason: "OCSP signature is not a whole number of bytes")
            }
            var certs: [Certificate] = []
            if let certsNode = nodes.next() {
                certs = try BER.explicitlyTagged(certsNode, tagNumber: 0, tagClass: .contextSpecific) { list in
                    guard list.identifier == .sequence, case .constructed(let children) = list.content else {
                        throw ASN1Error.invalidASN1Object(reason: "OCSP certs must be a SEQUENCE OF Certificate")
                    }
                    var result: [Certificate] = []
                    for child in children {
                        guard result.count < RevocationLimits.maxResponseCertificates else {
                            throw CMSError(.limitExceeded, "more than \(RevocationLimits.maxResponseCertificates) certificates in an OCSP response")
                        }
                        result.append(try Certificate(derEncoded: child))
                    }
                    return result
                }
            }
            guard nodes.next() == nil else {
                throw ASN1Error.invalidASN1Object(reason: "trailing elements in BasicOCSPResponse")
            }
            return OCSPBasicResponse(responseData: responseData, tbsResponseDataBytes: tbsNode.encodedBytes,
                                     signatureAlgorithm: algorithm, signature: signature.bytes, certs: certs)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            coder.serializeRawBytes(tbsResponseDataBytes)
            try coder.serialize(signatureAlgorithm)
            try coder.serialize(ASN1BitString(bytes: signature))
            if !certs.isEmpty {
                try coder.appendConstructedNode(identifier: Self.certsTag) { coder in
                    try coder.serializeSequenceOf(certs)
                }
            }
        }
    }
}
