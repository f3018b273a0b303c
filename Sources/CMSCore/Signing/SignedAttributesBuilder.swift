import Foundation
import SwiftASN1
import X509

/// Assembles the signed attributes of a CAdES-B-B SignerInfo.
struct SignedAttributesBuilder {
    var contentType: ASN1ObjectIdentifier
    var messageDigest: [UInt8]
    var signer: Certificate
    var digest: DigestAlgorithm
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
        let essCertID = try ESSCertID(certificate: signer, digest: digest)
        let signingCertificate = try ESSSigningCertificate(certs: [essCertID]).derEncoded
        attributes.append(CMSAttribute(attrType: OID.signingCertificateV2, attrValues: [try Self.any(signingCertificate)]))
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
        let components = Calendar.utcGregorian.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = components.year!
        if (1950..<2050).contains(year) {
            return try ASN1Any(erasing: UTCTime(year: year, month: components.month!, day: components.day!,
                                                hours: components.hour!, minutes: components.minute!, seconds: components.second!))
        }
        return try ASN1Any(erasing: GeneralizedTime(year: year, month: components.month!, day: components.day!,
                                                    hours: components.hour!, minutes: components.minute!, seconds: components.second!,
                                                    fractionalSeconds: 0))
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
