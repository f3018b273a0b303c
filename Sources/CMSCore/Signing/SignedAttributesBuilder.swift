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
            attributes.append(CMSAttribute(attrType: OID.signingTime, attrValues: [try Self.encodeTime(signingTime)]))
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

    /// RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise.
    static func encodeTime(_ date: Date) throws -> ASN1Any {
        let time = try ASN1Time.generalizedTime(date)
        guard (1950..<2050).contains(time.year) else { return try ASN1Any(erasing: time) }
        return try ASN1Any(erasing: UTCTime(year: time.year, month: time.month, day: time.day,
                                            hours: time.hours, minutes: time.minutes, seconds: time.seconds))
    }

    static func any(_ der: [UInt8]) throws -> ASN1Any {
        ASN1Any(derEncoded: try DER.parse(der))
    }
}

extension Calendar {
    /// A Gregorian calendar in UTC, for ASN.1 times.
    package static let utcGregorian: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
