import SwiftASN1

/// `OCSPResponse` (RFC 6960 §4.2.1): a status and, when successful, a `BasicOCSPResponse`.
///
/// ```
/// OCSPResponse ::= SEQUENCE {
///    responseStatus         OCSPResponseStatus,
///    responseBytes          [0] EXPLICIT ResponseBytes OPTIONAL }
///
/// OCSPResponseStatus ::= ENUMERATED {
///     successful            (0),  -- Response has valid confirmations
///     malformedRequest      (1),  -- Illegal confirmation request
///     internalError         (2),  -- Internal error in issuer
///     tryLater              (3),  -- Try again later
///                                 -- (4) is not used
///     sigRequired           (5),  -- Must sign the request
///     unauthorized          (6)   -- Request unauthorized }
///
/// ResponseBytes ::=       SEQUENCE {
///     responseType   OBJECT IDENTIFIER,
///     response       OCTET STRING }
/// ```
/// Only `id-pkix-ocsp-basic` response bytes are understood; ``basicResponse`` is `nil`
/// for unsuccessful responses.
package struct OCSPResponse: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }
    static let responseBytesTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    package var responseStatus: Int
    package var basicResponse: OCSPBasicResponse?

    package init(responseStatus: Int, basicResponse: OCSPBasicResponse?) {
        self.responseStatus = responseStatus
        self.basicResponse = basicResponse
    }

    /// Parses a DER `OCSPResponse`, rejecting inputs larger than ``RevocationLimits/maxOCSPResponseSize``.
    package init(derBytes: some Collection<UInt8>) throws {
        guard derBytes.count <= RevocationLimits.maxOCSPResponseSize else {
            throw CMSError(.limitExceeded, "OCSP response of \(derBytes.count) bytes exceeds \(RevocationLimits.maxOCSPResponseSize)")
        }
        do {
            self = try OCSPResponse(derEncoded: try DER.parse(Array(derBytes)))
        } catch let error as CMSError {
            throw error
        } catch {
            throw CMSError(.malformedEncoding, "not a DER OCSPResponse: \(error)")
        }
    }

    /// The RFC 6960 name of ``responseStatus``.
    package var statusName: String {
        switch responseStatus {
        case 0: "successful"
        case 1: "malformedRequest"
        case 2: "internalError"
        case 3: "tryLater"
        case 5: "sigRequired"
        case 6: "unauthorized"
        default: "status(\(responseStatus))"
        }
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            guard let statusNode = nodes.next() else {
                throw ASN1Error.invalidASN1Object(reason: "OCSPResponse without responseStatus")
            }
            let status = try Int(berEncoded: statusNode, withIdentifier: .enumerated)
            var basic: OCSPBasicResponse?
            if let bytesNode = nodes.next() {
                basic = try BER.explicitlyTagged(bytesNode, tagNumber: 0, tagClass: .contextSpecific) { responseBytes in
                    try BER.sequence(responseBytes, identifier: .sequence) { fields in
                        let type = try ASN1ObjectIdentifier(berEncoded: &fields)
                        let octets = try ASN1OctetString(berEncoded: &fields).bytes
                        guard type == RevocationOID.ocspBasic else {
                            throw CMSError(.unsupportedAlgorithm, "OCSP response type \(type) is not id-pkix-ocsp-basic")
                        }
                        return try OCSPBasicResponse(derEncoded: try DER.parse(octets))
                    }
                }
            }
            guard nodes.next() == nil else {
                throw ASN1Error.invalidASN1Object(reason: "trailing elements in OCSPResponse")
            }
            if status == 0, basic == nil {
                throw ASN1Error.invalidASN1Object(reason: "successful OCSPResponse without responseBytes")
            }
            return OCSPResponse(responseStatus: status, basicResponse: basic)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try responseStatus.serialize(into: &coder, withIdentifier: .enumerated)
            if let basicResponse {
                try coder.appendConstructedNode(identifier: Self.responseBytesTag) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(RevocationOID.ocspBasic)
                        var inner = DER.Serializer()
                        try inner.serialize(basicResponse)
                        try coder.serialize(ASN1OctetString(contentBytes: inner.serializedBytes[...]))
                    }
                }
            }
        }
    }
}
