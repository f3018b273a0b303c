import Foundation
import SwiftASN1
import X509

/// `TBSCertList` (RFC 5280 §5.1), the signed part of a CRL.
///
/// ```
/// TBSCertList  ::=  SEQUENCE  {
///      version                 Version OPTIONAL,
///                                   -- if present, MUST be v2
///      signature               AlgorithmIdentifier,
///      issuer                  Name,
///      thisUpdate              Time,
///      nextUpdate              Time OPTIONAL,
///      revokedCertificates     SEQUENCE OF SEQUENCE  {
///           userCertificate         CertificateSerialNumber,
///           revocationDate          Time,
///           crlEntryExtensions      Extensions OPTIONAL
///                                    -- if present, version MUST be v2
///                                }  OPTIONAL,
///      crlExtensions           [0]  EXPLICIT Extensions OPTIONAL
///                                    -- if present, version MUST be v2
///                                }
/// ```
/// Parsing is linear in the number of revoked entries; the whole input is bounded by
/// ``RevocationLimits/maxCRLSize``.
package struct CRLTBSCertList: Hashable, Sendable {
    static let extensionsTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    /// 0 for v1 (version absent), 1 for v2.
    package var version: Int
    package var signature: CMSAlgorithmIdentifier
    package var issuer: DistinguishedName
    package var thisUpdate: Date
    package var nextUpdate: Date?
    package var revokedCertificates: [CRLRevokedCertificate]
    package var crlExtensions: [RevocationExtension]

    package init(version: Int, signature: CMSAlgorithmIdentifier, issuer: DistinguishedName, thisUpdate: Date,
                 nextUpdate: Date?, revokedCertificates: [CRLRevokedCertificate], crlExtensions: [RevocationExtension]) {
        self.version = version
        self.signature = signature
        self.issuer = issuer
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.revokedCertificates = revokedCertificates
        self.crlExtensions = crlExtensions
    }

    /// Serializes the TBSCertList (for CRLs made by ``LocalRevocationAuthority``): the
    /// version only for v2, `revokedCertificates` only when not empty (RFC 5280 §5.1.2.6).
    package func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            if version != 0 { try coder.serialize(version) }
            try coder.serialize(signature)
            try coder.serialize(issuer)
            try ASN1Time.serializeTime(thisUpdate, into: &coder)
            if let nextUpdate { try ASN1Time.serializeTime(nextUpdate, into: &coder) }
            if !revokedCertificates.isEmpty {
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    for entry in revokedCertificates { try entry.serialize(into: &coder) }
                }
            }
            if !crlExtensions.isEmpty {
                try coder.appendConstructedNode(identifier: Self.extensionsTag) { coder in
                    try RevocationExtension.serializeList(crlExtensions, into: &coder)
                }
            }
        }
    }

    /// The DER encoding, as signed.
    package var derEncoded: [UInt8] {
        get throws {
            var coder = DER.Serializer()
            try serialize(into: &coder)
            return coder.serializedBytes
        }
    }

    package init(berEncoded node: ASN1Node) throws {
        self = try BER.sequence(node, identifier: .sequence) { nodes in
            var next = nodes.next()
            var version = 0
            if let n = next, n.identifier == .integer {
                version = try Int(berEncoded: n)
                guard version == 1 else { throw ASN1Error.invalidASN1Object(reason: "CRL version field must be v2 (1), not \(version)") }
                next = nodes.next()
            }
            guard let algNode = next else { throw ASN1Error.invalidASN1Object(reason: "TBSCertList without signature") }
            let signature = try CMSAlgorithmIdentifier(berEncoded: algNode)
            guard let issuerNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "TBSCertList without issuer") }
            let issuer = try DistinguishedName(derEncoded: issuerNode)
            guard let thisNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "TBSCertList without thisUpdate") }
            let thisUpdate = try ASN1Time.date(from: thisNode)
            next = nodes.next()
            var nextUpdate: Date?
            if let n = next, n.identifier == .utcTime || n.identifier == .generalizedTime {
                nextUpdate = try ASN1Time.date(from: n)
                next = nodes.next()
            }
            var revoked: [CRLRevokedCertificate] = []
            if let n = next, n.identifier == .sequence {
                guard case .constructed(let entries) = n.content else {
                    throw ASN1Error.invalidASN1Object(reason: "revokedCertificates must be constructed")
                }
                for entry in entries { revoked.append(try CRLRevokedCertificate(berEncoded: entry)) }
                next = nodes.next()
            }
            var extensions: [RevocationExtension] = []
            if let n = next {
                extensions = try BER.explicitlyTagged(n, tagNumber: 0, tagClass: .contextSpecific) { try RevocationExtension.parseList($0) }
                guard version == 1 else { throw ASN1Error.invalidASN1Object(reason: "v1 CRL with crlExtensions") }
            }
            return CRLTBSCertList(version: version, signature: signature, issuer: issuer, thisUpdate: thisUpdate,
                                  nextUpdate: nextUpdate, revokedCertificates: revoked, crlExtensions: extensions)
        }
    }
}
