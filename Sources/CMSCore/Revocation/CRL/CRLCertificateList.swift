import SwiftASN1

/// `CertificateList` (RFC 5280 §5.1): a signed CRL.
///
/// ```
/// CertificateList  ::=  SEQUENCE  {
///      tbsCertList          TBSCertList,
///      signatureAlgorithm   AlgorithmIdentifier,
///      signatureValue       BIT STRING  }
/// ```
/// ``tbsCertListBytes`` keeps the received encoding of `tbsCertList`: the signature is
/// checked over those bytes, never over a re-encoding.
package struct CRLCertificateList: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var tbsCertList: CRLTBSCertList
    package var tbsCertListBytes: ArraySlice<UInt8>
    package var signatureAlgorithm: CMSAlgorithmIdentifier
    package var signature: ArraySlice<UInt8>

    package init(tbsCertList: CRLTBSCertList, tbsCertListBytes: ArraySlice<UInt8>,
                 signatureAlgorithm: CMSAlgorithmIdentifier, signature: ArraySlice<UInt8>) {
        self.tbsCertList = tbsCertList
        self.tbsCertListBytes = tbsCertListBytes
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
    }

    /// Parses a DER CRL, rejecting inputs larger than ``RevocationLimits/maxCRLSize``.
    package init(derBytes: some Collection<UInt8>) throws {
        guard derBytes.count <= RevocationLimits.maxCRLSize else {
            throw CMSError(.limitExceeded, "CRL of \(derBytes.count) bytes exceeds \(RevocationLimits.maxCRLSize)")
        }
        do {
            self = try CRLCertificateList(derEncoded: try DER.parse(Array(derBytes)))
        } catch let error as CMSError {
            throw error
        } catch {
            throw CMSError(.malformedEncoding, "not a DER CertificateList: \(error)")
        }
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            guard let tbsNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "CertificateList without tbsCertList") }
            let tbs = try CRLTBSCertList(berEncoded: tbsNode)
            let algorithm = try CMSAlgorithmIdentifier(berEncoded: &nodes)
            let signature = try ASN1BitString(berEncoded: &nodes)
            guard signature.paddingBits == 0 else {
                throw ASN1Error.invalidASN1Object(reason: "CRL signature is not a whole number of bytes")
            }
            guard tbs.signature == algorithm else {
                throw ASN1Error.invalidASN1Object(reason: "CRL signatureAlgorithm differs from tbsCertList signature")
            }
            return CRLCertificateList(tbsCertList: tbs, tbsCertListBytes: tbsNode.encodedBytes,
                                      signatureAlgorithm: algorithm, signature: signature.bytes)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            coder.serializeRawBytes(tbsCertListBytes)
            try coder.serialize(signatureAlgorithm)
            try coder.serialize(ASN1BitString(bytes: signature))
        }
    }
}
