import Foundation
import SwiftASN1
import X509

/// Assembles the signed attributes of a CAdES-B-B SignerInfo.
struct SignedAttributesBuilder {
    var contentType: ASN1ObjectIdentifier
    var messageDigest: [UInt8]
    /// The ESS signing-certificate-v2 attribute (see ``SignerIdentity``).
    var signingCertificate: CMSAttribute
    var signingTime: Date?
    var algorithmProtection: CMSAlgorithmProtection?
    var additional: [(type: ASN1ObjectIdentifier, valueDER: [UInt8])]

    func build() throws -> [CMSAttribute] {
        typealias OID = CMSObjectIdentifier.Attribute
        var attributes = [
            CMSAttribute(attrType: OID.contentType, attrValues: [try ASN1Any(erasing: contentType)]),
            CMSAttribute(attrType: OID.messageDigest, attrValues: [try ASN1Any(erasing: ASN1OctetString(contentBytes: messageDigest[...]))]),
        ]
        if let signingTime {
            attributes.append(CMSAttribute(attrType: OID.signingTime, attrValues: [try ASN1Time.time(signingTime)]))
        }
        attributes.append(signingCertificate)
        if let algorithmProtection {
            attributes.append(CMSAttribute(attrType: OID.cmsAlgorithmProtection, attrValues: [try ASN1Any(erasing: algorithmProtection)]))
        }
        for extra in additional {
            attributes.append(CMSAttribute(attrType: extra.type, attrValues: [try Self.any(extra.valueDER)]))
        }
        return attributes
    }

    static func any(_ der: [UInt8]) throws -> ASN1Any {
        ASN1Any(derEncoded: try DER.parse(der))
    }
}
