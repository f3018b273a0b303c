import Foundation
import SwiftASN1

/// The signed attributes a verifier relies on, parsed and checked for RFC 5652 §5.3 rules:
/// content-type and message-digest present exactly once with one value each.
struct SignedAttributeValues {
    var contentType: ASN1ObjectIdentifier
    var messageDigest: ArraySlice<UInt8>
    var signingTime: Date?
    var signingCertificate: ESSSigningCertificate?
    var signingCertificateIsV2 = false
    var algorithmProtection: CMSAlgorithmProtection?
    var commitmentType: CMSCommitmentType?
    var signerAttributes: CMSSignerAttributes?
    /// Signed attributes of types not interpreted here, one entry per value.
    var otherAttributes: [CMSRawAttribute] = []

    /// The types read above (plus ones a verifier knows of but does not report).
    static let interpreted: Set<ASN1ObjectIdentifier> = [
        CMSObjectIdentifier.Attribute.contentType, CMSObjectIdentifier.Attribute.messageDigest, CMSObjectIdentifier.Attribute.signingTime,
        CMSObjectIdentifier.Attribute.signingCertificate, CMSObjectIdentifier.Attribute.signingCertificateV2,
        CMSObjectIdentifier.Attribute.cmsAlgorithmProtection, CMSCommitmentType.attributeType, CMSSignerAttributes.attributeType,
    ]

    init(signer: CMSSignerInfo) throws {
        typealias OID = CMSObjectIdentifier.Attribute
        guard let attributes = signer.signedAttrs, !attributes.isEmpty else {
            throw CMSError(.malformedEncoding, "the SignerInfo has no signed attributes (CAdES requires them)")
        }
        guard let contentTypeAttribute = try attributes.unique(OID.contentType) else {
            throw CMSError(.malformedEncoding, "the content-type attribute is missing")
        }
        contentType = try ASN1ObjectIdentifier(berEncoded: contentTypeAttribute.singleValue().serializedNode())
        guard let digestAttribute = try attributes.unique(OID.messageDigest) else {
            throw CMSError(.malformedEncoding, "the message-digest attribute is missing")
        }
        messageDigest = try ASN1OctetString(berEncoded: digestAttribute.singleValue().serializedNode()).bytes
        if let time = try attributes.unique(OID.signingTime) {
            signingTime = try ASN1Time.date(from: time.singleValue().serializedNode())
        }
        if let v2 = try attributes.unique(OID.signingCertificateV2) {
            signingCertificate = try ESSSigningCertificate(berEncoded: v2.singleValue().serializedNode(), version2: true)
            signingCertificateIsV2 = true
        } else if let v1 = try attributes.unique(OID.signingCertificate) {
            signingCertificate = try ESSSigningCertificate(berEncoded: v1.singleValue().serializedNode(), version2: false)
        }
        if let protection = try attributes.unique(OID.cmsAlgorithmProtection) {
            algorithmProtection = try CMSAlgorithmProtection(derEncoded: protection.singleValue().serializedBytes)
        }
        if let commitment = try attributes.unique(CMSCommitmentType.attributeType) {
            commitmentType = try CMSCommitmentType(berEncoded: commitment.singleValue().serializedNode())
        }
        if let signer = try attributes.unique(CMSSignerAttributes.attributeType) {
            signerAttributes = try CMSSignerAttributes(berEncoded: signer.singleValue().serializedNode())
        }
        for attribute in attributes where !Self.interpreted.contains(attribute.attrType) {
            for value in attribute.attrValues {
                otherAttributes.append(CMSRawAttribute(parsedType: attribute.attrType, valueDER: try CMSSignerAttributes.der(value)))
            }
        }
    }
}
