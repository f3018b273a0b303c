import SwiftASN1

extension CMSSignature {
    /// Returns a copy with one more unsigned attribute on a signer, without re-signing.
    ///
    /// Unsigned attributes are outside the signature, so the signed attributes and the
    /// signature value are carried over byte for byte. This is how a signature timestamp
    /// (id-aa-signatureTimeStampToken) turns CAdES-B-B into CAdES-T.
    ///
    /// - Parameters:
    ///   - type: the attribute type.
    ///   - valueDER: the DER encoding of the single attribute value.
    ///   - signerIndex: which SignerInfo (default: the first).
    /// - Throws: ``CMSError/Code/signerNotFound``, or ``CMSError/Code/malformedEncoding``
    ///   when `valueDER` is not one DER element.
    public func addingUnsignedAttribute(type: ASN1ObjectIdentifier, valueDER: [UInt8], signerIndex: Int = 0) throws -> CMSSignature {
        guard signedData.signerInfos.indices.contains(signerIndex) else {
            throw CMSError(.signerNotFound, "no signer at index \(signerIndex); there are \(signedData.signerInfos.count)")
        }
        let value: ASN1Any
        do {
            let node = try DER.parse(valueDER)
            value = ASN1Any(derEncoded: node)
        } catch {
            throw CMSError(.malformedEncoding, "attribute value is not a DER element: \(error)")
        }
        var copy = self
        var attributes = copy.signedData.signerInfos[signerIndex].unsignedAttrs ?? []
        guard attributes.count < CMSParsingLimits.maxAttributes else {
            throw CMSError(.limitExceeded, "signer already has \(attributes.count) unsigned attributes")
        }
        attributes.append(CMSAttribute(attrType: type, attrValues: [value]))
        copy.signedData.signerInfos[signerIndex].unsignedAttrs = attributes
        return copy
    }
}
