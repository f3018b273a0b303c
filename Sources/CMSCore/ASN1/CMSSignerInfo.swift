import SwiftASN1

/// `SignerInfo` (RFC 5652 §5.3).
///
/// ```
/// SignerInfo ::= SEQUENCE {
///   version CMSVersion,
///   sid SignerIdentifier,
///   digestAlgorithm DigestAlgorithmIdentifier,
///   signedAttrs [0] IMPLICIT SignedAttributes OPTIONAL,
///   signatureAlgorithm SignatureAlgorithmIdentifier,
///   signature SignatureValue,
///   unsignedAttrs [1] IMPLICIT UnsignedAttributes OPTIONAL }
/// ```
/// The signed attributes are kept exactly as received (``signedAttrsEncoding``): the
/// signature is checked over those bytes, never over a re-encoding.
package struct CMSSignerInfo: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }
    static let signedAttrsTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let unsignedAttrsTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

    package var version: Int
    package var sid: CMSSignerIdentifier
    package var digestAlgorithm: CMSAlgorithmIdentifier
    package var signedAttrs: [CMSAttribute]?
    /// The received encoding of `signedAttrs` with its `[0]` tag, or the encoding we produced.
    package var signedAttrsEncoding: ArraySlice<UInt8>?
    package var signatureAlgorithm: CMSAlgorithmIdentifier
    package var signature: ArraySlice<UInt8>
    package var unsignedAttrs: [CMSAttribute]?

    package init(
        sid: CMSSignerIdentifier, digestAlgorithm: CMSAlgorithmIdentifier,
        signedAttrs: [CMSAttribute]?, signatureAlgorithm: CMSAlgorithmIdentifier,
        signature: ArraySlice<UInt8>, unsignedAttrs: [CMSAttribute]? = nil
    ) throws {
        self.version = sid.requiredVersion
        self.sid = sid
        self.digestAlgorithm = digestAlgorithm
        self.signedAttrs = signedAttrs
        self.signedAttrsEncoding = try signedAttrs.map { try Self.encodeSignedAttributes($0)[...] }
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
        self.unsignedAttrs = unsignedAttrs
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let version = try Int(berEncoded: &nodes)
            guard let sidNode = nodes.next() else {
                throw ASN1Error.invalidASN1Object(reason: "SignerInfo without sid")
            }
            let sid = try CMSSignerIdentifier(berEncoded: sidNode)
            guard version == sid.requiredVersion else {
                throw ASN1Error.invalidASN1Object(
                    reason: "SignerInfo version \(version) does not match its SignerIdentifier (needs \(sid.requiredVersion))")
            }
            let digestAlgorithm = try CMSAlgorithmIdentifier(berEncoded: &nodes)
            var next = nodes.next()
            var signedAttrs: [CMSAttribute]?
            var signedAttrsEncoding: ArraySlice<UInt8>?
            if let attrsNode = next, attrsNode.identifier == Self.signedAttrsTag {
                signedAttrs = try Self.parseAttributes(attrsNode)
                signedAttrsEncoding = attrsNode.encodedBytes
                next = nodes.next()
            }
            guard let algNode = next else {
                throw ASN1Error.invalidASN1Object(reason: "SignerInfo without signatureAlgorithm")
            }
            let signatureAlgorithm = try CMSAlgorithmIdentifier(berEncoded: algNode)
            let signature = try ASN1OctetString(berEncoded: &nodes).bytes
            var unsignedAttrs: [CMSAttribute]?
            if let attrsNode = nodes.next() {
                guard attrsNode.identifier == Self.unsignedAttrsTag else {
                    throw ASN1Error.invalidASN1Object(reason: "unexpected element \(attrsNode.identifier) after signature")
                }
                unsignedAttrs = try Self.parseAttributes(attrsNode)
            }
            guard nodes.next() == nil else {
                throw ASN1Error.invalidASN1Object(reason: "trailing elements in SignerInfo")
            }
            var info = try CMSSignerInfo(
                sid: sid, digestAlgorithm: digestAlgorithm, signedAttrs: nil,
                signatureAlgorithm: signatureAlgorithm, signature: signature, unsignedAttrs: unsignedAttrs)
            info.version = version
            info.signedAttrs = signedAttrs
            info.signedAttrsEncoding = signedAttrsEncoding
            return info
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(version)
            try sid.serialize(into: &coder)
            try coder.serialize(digestAlgorithm)
            if let signedAttrsEncoding {
                coder.serializeRawBytes(signedAttrsEncoding)
            }
            try coder.serialize(signatureAlgorithm)
            try coder.serialize(ASN1OctetString(contentBytes: signature))
            if let unsignedAttrs, !unsignedAttrs.isEmpty {
                try coder.appendConstructedNode(identifier: Self.unsignedAttrsTag) { coder in
                    for attribute in unsignedAttrs { try coder.serialize(attribute) }
                }
            }
        }
    }

    /// The bytes the signature covers: the signed attributes with the `[0]` tag replaced by
    /// the universal SET tag, as RFC 5652 §5.4 requires.
    package func dataToBeSigned() throws -> [UInt8]? {
        guard let encoding = signedAttrsEncoding, !encoding.isEmpty else { return nil }
        var bytes = Array(encoding)
        if bytes.count > 1, bytes[1] == 0x80 {
            // Indefinite length (BER): the signer signed the DER form, so re-encode.
            bytes = try Self.encodeSignedAttributes(signedAttrs ?? [])
        }
        bytes[0] = 0x31
        return bytes
    }

    static func encodeSignedAttributes(_ attributes: [CMSAttribute]) throws -> [UInt8] {
        // DER requires SET OF elements sorted by their encodings (X.690 §11.6).
        var encodings = try attributes.map { attribute -> [UInt8] in
            var coder = DER.Serializer()
            try coder.serialize(attribute)
            return coder.serializedBytes
        }
        encodings.sort { $0.lexicographicallyPrecedes($1) }
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: signedAttrsTag) { coder in
            for encoding in encodings { coder.serializeRawBytes(encoding[...]) }
        }
        return coder.serializedBytes
    }

    private static func parseAttributes(_ node: ASN1Node) throws -> [CMSAttribute] {
        guard case .constructed(let children) = node.content else {
            throw ASN1Error.invalidASN1Object(reason: "attributes must be a constructed SET")
        }
        var attributes: [CMSAttribute] = []
        for child in children {
            guard attributes.count < CMSParsingLimits.maxAttributes else {
                throw CMSError(.limitExceeded, "more than \(CMSParsingLimits.maxAttributes) attributes")
            }
            attributes.append(try CMSAttribute(berEncoded: child))
        }
        return attributes
    }
}

/// `SignerIdentifier` (RFC 5652 §5.3).
///
/// ```
/// SignerIdentifier ::= CHOICE {
///   issuerAndSerialNumber IssuerAndSerialNumber,
///   subjectKeyIdentifier [0] SubjectKeyIdentifier }
/// ```
package enum CMSSignerIdentifier: Hashable, Sendable {
    case issuerAndSerialNumber(CMSIssuerAndSerialNumber)
    case subjectKeyIdentifier(ArraySlice<UInt8>)

    static let skiTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    package var requiredVersion: Int {
        switch self {
        case .issuerAndSerialNumber: 1
        case .subjectKeyIdentifier: 3
        }
    }

    package init(berEncoded node: ASN1Node) throws {
        switch node.identifier {
        case .sequence:
            self = .issuerAndSerialNumber(try CMSIssuerAndSerialNumber(berEncoded: node))
        case Self.skiTag:
            self = .subjectKeyIdentifier(try ASN1OctetString(berEncoded: node, withIdentifier: Self.skiTag).bytes)
        default:
            throw ASN1Error.unexpectedFieldType(node.identifier)
        }
    }

    package func serialize(into coder: inout DER.Serializer) throws {
        switch self {
        case .issuerAndSerialNumber(let ias): try coder.serialize(ias)
        case .subjectKeyIdentifier(let ski):
            try ASN1OctetString(contentBytes: ski).serialize(into: &coder, withIdentifier: Self.skiTag)
        }
    }
}
