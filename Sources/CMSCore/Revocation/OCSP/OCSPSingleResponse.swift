import Foundation
import SwiftASN1

/// `SingleResponse` (RFC 6960 §4.2.1): the status of one certificate.
///
/// ```
/// SingleResponse ::= SEQUENCE {
///    certID                       CertID,
///    certStatus                   CertStatus,
///    thisUpdate                   GeneralizedTime,
///    nextUpdate         [0]       EXPLICIT GeneralizedTime OPTIONAL,
///    singleExtensions   [1]       EXPLICIT Extensions OPTIONAL }
///
/// CertStatus ::= CHOICE {
///     good        [0]     IMPLICIT NULL,
///     revoked     [1]     IMPLICIT RevokedInfo,
///     unknown     [2]     IMPLICIT UnknownInfo }
///
/// RevokedInfo ::= SEQUENCE {
///     revocationTime              GeneralizedTime,
///     revocationReason    [0]     EXPLICIT CRLReason OPTIONAL }
///
/// UnknownInfo ::= NULL
/// ```
package struct OCSPSingleResponse: Hashable, Sendable {
    /// `CertStatus`.
    package enum CertStatus: Hashable, Sendable {
        case good
        case revoked(time: Date, reason: Int?)
        case unknown
    }

    static let goodTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let revokedTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
    static let unknownTag = ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)
    static let nextUpdateTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let extensionsTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

    package var certID: OCSPCertID
    package var certStatus: CertStatus
    package var thisUpdate: Date
    package var nextUpdate: Date?
    package var singleExtensions: [RevocationExtension]

    package init(certID: OCSPCertID, certStatus: CertStatus, thisUpdate: Date, nextUpdate: Date?,
                 singleExtensions: [RevocationExtension] = []) {
        self.certID = certID
        self.certStatus = certStatus
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.singleExtensions = singleExtensions
    }

    package func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(certID)
            switch certStatus {
            case .good:
                ASN1Null().serialize(into: &coder, withIdentifier: Self.goodTag)
            case .revoked(let time, let reason):
                try coder.appendConstructedNode(identifier: Self.revokedTag) { coder in
                    try coder.serialize(try ASN1Time.generalizedTime(time))
                    if let reason {
                        try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { coder in
                            try reason.serialize(into: &coder, withIdentifier: .enumerated)
                        }
                    }
                }
            case .unknown:
                ASN1Null().serialize(into: &coder, withIdentifier: Self.unknownTag)
            }
            try coder.serialize(try ASN1Time.generalizedTime(thisUpdate))
            if let nextUpdate {
                try coder.appendConstructedNode(identifier: Self.nextUpdateTag) { coder in
                    try coder.serialize(try ASN1Time.generalizedTime(nextUpdate))
                }
            }
            if !singleExtensions.isEmpty {
                try coder.appendConstructedNode(identifier: Self.extensionsTag) { coder in
                    try RevocationExtension.serializeList(singleExtensions, into: &coder)
                }
            }
        }
    }

    package init(berEncoded node: ASN1Node) throws {
        self = try BER.sequence(node, identifier: .sequence) { nodes in
            let certID = try OCSPCertID(berEncoded: &nodes)
            guard let statusNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "SingleResponse without certStatus") }
            let status: CertStatus
            switch statusNode.identifier {
            case Self.goodTag:
                _ = try ASN1Null(berEncoded: statusNode, withIdentifier: Self.goodTag)
                status = .good
            case Self.revokedTag:
                status = try BER.sequence(statusNode, identifier: Self.revokedTag) { fields in
                    guard let timeNode = fields.next() else { throw ASN1Error.invalidASN1Object(reason: "RevokedInfo without revocationTime") }
                    let time = try ASN1Time.generalizedDate(from: timeNode)
                    var reason: Int?
                    if let reasonNode = fields.next() {
                        reason = try BER.explicitlyTagged(reasonNode, tagNumber: 0, tagClass: .contextSpecific) { try CRLReason.parse($0) }
                    }
                    guard fields.next() == nil else { throw ASN1Error.invalidASN1Object(reason: "trailing elements in RevokedInfo") }
                    return .revoked(time: time, reason: reason)
                }
            case Self.unknownTag:
                status = .unknown
            default:
                throw ASN1Error.unexpectedFieldType(statusNode.identifier)
            }
            guard let thisNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "SingleResponse without thisUpdate") }
            let thisUpdate = try ASN1Time.generalizedDate(from: thisNode)
            var next = nodes.next()
            var nextUpdate: Date?
            if let n = next, n.identifier == Self.nextUpdateTag {
                nextUpdate = try BER.explicitlyTagged(n, tagNumber: 0, tagClass: .contextSpecific) { try ASN1Time.generalizedDate(from: $0) }
                next = nodes.next()
            }
            var extensions: [RevocationExtension] = []
            if let n = next {
                extensions = try BER.explicitlyTagged(n, tagNumber: 1, tagClass: .contextSpecific) { try RevocationExtension.parseList($0) }
            }
            guard nodes.next() == nil else { throw ASN1Error.invalidASN1Object(reason: "trailing elements in SingleResponse") }
            return OCSPSingleResponse(certID: certID, certStatus: status, thisUpdate: thisUpdate, nextUpdate: nextUpdate,
                                      singleExtensions: extensions)
        }
    }
}
