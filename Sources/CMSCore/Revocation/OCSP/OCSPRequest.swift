import SwiftASN1
import X509

/// `OCSPRequest` (RFC 6960 §4.1.1), unsigned, for one or more certificates.
///
/// ```
/// OCSPRequest     ::=     SEQUENCE {
///     tbsRequest                  TBSRequest,
///     optionalSignature   [0]     EXPLICIT Signature OPTIONAL }
///
/// TBSRequest      ::=     SEQUENCE {
///     version             [0]     EXPLICIT Version DEFAULT v1,
///     requestorName       [1]     EXPLICIT GeneralName OPTIONAL,
///     requestList                 SEQUENCE OF Request,
///     requestExtensions   [2]     EXPLICIT Extensions OPTIONAL }
///
/// Request         ::=     SEQUENCE {
///     reqCert                     CertID,
///     singleRequestExtensions     [0] EXPLICIT Extensions OPTIONAL }
/// ```
/// Only what a client sends is modelled: no requestor name, no signature, no per-request
/// extensions. Parsing accepts (and ignores) the version and requestor name.
package struct OCSPRequest: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }
    static let versionTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let requestorTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
    static let extensionsTag = ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)

    package var certIDs: [OCSPCertID]
    package var requestExtensions: [RevocationExtension]

    package init(certIDs: [OCSPCertID], requestExtensions: [RevocationExtension] = []) {
        self.certIDs = certIDs
        self.requestExtensions = requestExtensions
    }

    /// A request for `certificate` issued by `issuer` (SHA-1 CertID), with a nonce extension
    /// (RFC 8954: an OCTET STRING of 1 to 32 bytes) when `nonce` is given.
    package init(certificate: Certificate, issuer: Certificate, nonce: [UInt8]? = nil) throws {
        var extensions: [RevocationExtension] = []
        if let nonce {
            guard (1...32).contains(nonce.count) else {
                throw CMSError(.invalidArgument, "an OCSP nonce must be 1 to 32 bytes, not \(nonce.count)")
            }
            var coder = DER.Serializer()
            try coder.serialize(ASN1OctetString(contentBytes: nonce[...]))
            extensions.append(RevocationExtension(oid: RevocationOID.ocspNonce, value: coder.serializedBytes[...]))
        }
        self.init(certIDs: [try OCSPCertID(certificate: certificate, issuer: issuer)], requestExtensions: extensions)
    }

    /// The nonce of the request's nonce extension, if any.
    package var nonce: ArraySlice<UInt8>? {
        requestExtensions.first { $0.oid == RevocationOID.ocspNonce }.flatMap { OCSPNonce.value(of: $0) }
    }

    /// Parses a DER `OCSPRequest`.
    package init(derBytes: [UInt8]) throws {
        do {
            self = try OCSPRequest(derEncoded: try DER.parse(derBytes))
        } catch let error as CMSError {
            throw error
        } catch {
            throw CMSError(.malformedEncoding, "not a DER OCSPRequest: \(error)")
        }
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            guard let tbsNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "OCSPRequest without tbsRequest") }
            let request = try BER.sequence(tbsNode, identifier: .sequence) { tbs in
                var next = tbs.next()
                if let n = next, n.identifier == Self.versionTag { next = tbs.next() }
                if let n = next, n.identifier == Self.requestorTag { next = tbs.next() }
                guard let listNode = next else { throw ASN1Error.invalidASN1Object(reason: "TBSRequest without requestList") }
                let certIDs = try BER.sequence(of: OCSPRequestEntry.self, identifier: .sequence, rootNode: listNode).map(\.certID)
                var extensions: [RevocationExtension] = []
                if let extNode = tbs.next() {
                    guard extNode.identifier == Self.extensionsTag else { throw ASN1Error.unexpectedFieldType(extNode.identifier) }
                    extensions = try BER.explicitlyTagged(extNode, tagNumber: 2, tagClass: .contextSpecific) {
                        try RevocationExtension.parseList($0)
                    }
                }
                return OCSPRequest(certIDs: certIDs, requestExtensions: extensions)
            }
            // An optionalSignature may follow; it is not needed by this library.
            _ = nodes.next()
            return request
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    for certID in certIDs {
                        try coder.appendConstructedNode(identifier: .sequence) { coder in try coder.serialize(certID) }
                    }
                }
                if !requestExtensions.isEmpty {
                    try coder.appendConstructedNode(identifier: Self.extensionsTag) { coder in
                        try RevocationExtension.serializeList(requestExtensions, into: &coder)
                    }
                }
            }
        }
    }

    /// The DER encoding.
    package var derEncoded: [UInt8] {
        get throws {
            var coder = DER.Serializer()
            try coder.serialize(self)
            return coder.serializedBytes
        }
    }
}

/// One `Request` of a `requestList`; its `singleRequestExtensions` are ignored.
struct OCSPRequestEntry: BERImplicitlyTaggable {
    static var defaultIdentifier: ASN1Identifier { .sequence }
    var certID: OCSPCertID

    init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        certID = try BER.sequence(node, identifier: identifier) { nodes in
            let id = try OCSPCertID(berEncoded: &nodes)
            _ = nodes.next()
            return id
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in try coder.serialize(certID) }
    }
}

/// The OCSP nonce extension (RFC 8954): `Nonce ::= OCTET STRING`, inside the extnValue.
package enum OCSPNonce {
    /// The nonce bytes of a nonce extension; `nil` when malformed. Some responders put the
    /// raw nonce in extnValue without the inner OCTET STRING; that form is accepted too.
    package static func value(of ext: RevocationExtension) -> ArraySlice<UInt8>? {
        if let node = try? DER.parse(ext.value), let octets = try? ASN1OctetString(derEncoded: node) {
            return octets.bytes
        }
        return ext.value
    }
}
