import Crypto
import Foundation
import SwiftASN1
import X509

extension Certificate {
    /// The DER encoding of the subject name, as hashed into an OCSP `issuerNameHash`.
    package var subjectNameDER: [UInt8] {
        get throws {
            var coder = DER.Serializer()
            try coder.serialize(subject)
            return coder.serializedBytes
        }
    }

    /// The contents of the subjectPublicKey BIT STRING, as hashed into an OCSP `issuerKeyHash`
    /// and a `ResponderID` `byKey`.
    package var subjectPublicKeyBytes: ArraySlice<UInt8> { publicKey.subjectPublicKeyInfoBytes }

    /// The serial number without leading zero bytes, for comparisons.
    package var normalizedSerial: ArraySlice<UInt8> { RevocationSerial.normalized(serialNumber.bytes) }

    /// Whether the certificate is a CA (basicConstraints cA = TRUE).
    package var isCertificateAuthority: Bool {
        guard let constraints = try? extensions.basicConstraints else { return false }
        if case .isCertificateAuthority = constraints { return true }
        return false
    }

    /// The `http:` OCSP responder URLs of the Authority Information Access extension.
    package var ocspResponderURLs: [URL] {
        guard let aia = try? extensions.authorityInformationAccess else { return [] }
        var urls: [URL] = []
        for description in aia where description.method == .ocspServer {
            if case .uniformResourceIdentifier(let string) = description.location,
               let url = URL(string: string), url.scheme?.lowercased() == "http" {
                urls.append(url)
            }
        }
        return Array(urls.prefix(RevocationLimits.maxDistributionPoints))
    }

    /// The `uniformResourceIdentifier`s of the `fullName`s of the CRLDistributionPoints extension.
    package var crlDistributionPointURIs: [String] {
        guard let ext = extensions[oid: RevocationOID.crlDistributionPoints] else { return [] }
        return (try? CRLDistributionPoints.uris(extensionValue: ext.value)) ?? []
    }

    /// Whether the extended key usage extension lists id-kp-OCSPSigning.
    package var hasOCSPSigningUsage: Bool {
        guard let eku = try? extensions.extendedKeyUsage else { return false }
        return eku.contains(.ocspSigning)
    }

    /// Whether the certificate carries id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): an OCSP
    /// responder that needs no revocation checking.
    package var hasOCSPNoCheck: Bool {
        extensions.contains { $0.oid == RevocationOID.ocspNoCheck }
    }

    /// Whether `candidate`'s signature was made by this certificate's key and names it as issuer.
    package func issued(_ candidate: Certificate) -> Bool {
        candidate.issuer == subject && publicKey.isValidSignature(candidate.signature, for: candidate)
    }
}

/// Serial number comparison helpers.
package enum RevocationSerial {
    /// `bytes` without leading zero bytes (keeping one byte for zero).
    package static func normalized(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while slice.count > 1, slice.first == 0 { slice = slice.dropFirst() }
        return slice
    }

    /// Hex form for messages.
    package static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        normalized(bytes).map { String(format: "%02X", $0) }.joined()
    }
}

/// `CRLDistributionPoints` (RFC 5280 §4.2.1.13) and the `DistributionPointName` it shares
/// with `IssuingDistributionPoint`; only `fullName` URIs are read.
///
/// ```
/// CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint
/// DistributionPoint ::= SEQUENCE {
///      distributionPoint       [0]     DistributionPointName OPTIONAL,
///      reasons                 [1]     ReasonFlags OPTIONAL,
///      cRLIssuer               [2]     GeneralNames OPTIONAL }
/// DistributionPointName ::= CHOICE {
///      fullName                [0]     GeneralNames,
///      nameRelativeToCRLIssuer [1]     RelativeDistinguishedName }
/// ```
package enum CRLDistributionPoints {
    static let tag0 = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let uriTag = ASN1Identifier(tagWithNumber: 6, tagClass: .contextSpecific)

    /// The URIs in all `fullName`s of a CRLDistributionPoints extension value.
    package static func uris(extensionValue: ArraySlice<UInt8>) throws -> [String] {
        let root = try DER.parse(extensionValue)
        guard root.identifier == .sequence, case .constructed(let points) = root.content else {
            throw ASN1Error.invalidASN1Object(reason: "CRLDistributionPoints must be a SEQUENCE")
        }
        var result: [String] = []
        for point in points.prefix(RevocationLimits.maxDistributionPoints) {
            guard point.identifier == .sequence, case .constructed(let fields) = point.content else { continue }
            for field in fields where field.identifier == tag0 {
                // [0] is EXPLICIT around the DistributionPointName CHOICE (a CHOICE cannot be implicitly tagged).
                guard case .constructed(let inner) = field.content else { continue }
                for name in inner { result += fullNameURIs(name) }
            }
        }
        return result
    }

    /// The URIs of a `DistributionPointName` node when it is a `fullName`.
    package static func fullNameURIs(_ name: ASN1Node) -> [String] {
        guard name.identifier == tag0, case .constructed(let generalNames) = name.content else { return [] }
        var result: [String] = []
        for generalName in generalNames where generalName.identifier == uriTag {
            if case .primitive(let bytes) = generalName.content, let string = String(bytes: bytes, encoding: .ascii) {
                result.append(string)
            }
        }
        return result
    }
}
