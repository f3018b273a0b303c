import SwiftASN1

/// `PKIStatusInfo` (RFC 3161 §2.4.2): the outcome of a time-stamp request.
///
/// ```
/// PKIStatusInfo ::= SEQUENCE {
///     status        PKIStatus,
///     statusString  PKIFreeText     OPTIONAL,
///     failInfo      PKIFailureInfo  OPTIONAL  }
/// PKIFreeText ::= SEQUENCE SIZE (1..MAX) OF UTF8String
/// ```
public struct PKIStatusInfo: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The status.
    public var status: PKIStatus
    /// Free text from the TSA, each entry one UTF8String.
    public var statusStrings: [String]?
    /// The failure bits, when the TSA sent any.
    public var failInfo: PKIFailureInfo?

    /// Creates a status.
    public init(status: PKIStatus, statusStrings: [String]? = nil, failInfo: PKIFailureInfo? = nil) {
        self.status = status
        self.statusStrings = statusStrings
        self.failInfo = failInfo
    }

    /// Parses a DER `PKIStatusInfo`.
    public init(derEncoded bytes: [UInt8]) throws {
        try self.init(derEncoded: DER.parse(bytes))
    }

    public init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(node, identifier: identifier) { nodes in
            let status = try Int(derEncoded: &nodes)
            let strings: [String]? = try DER.optionalImplicitlyTagged(&nodes, tagNumber: 16, tagClass: .universal) { node in
                try DER.sequence(of: ASN1UTF8String.self, identifier: .sequence, rootNode: node).map { String($0) }
            }
            let failInfo: ASN1BitString? = try DER.optionalImplicitlyTagged(&nodes, tag: .bitString)
            return PKIStatusInfo(status: PKIStatus(rawValue: status), statusStrings: strings,
                                 failInfo: failInfo.map(PKIFailureInfo.init(bitString:)))
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(status.rawValue)
            if let statusStrings, !statusStrings.isEmpty {
                try coder.serializeSequenceOf(statusStrings.map { ASN1UTF8String($0) })
            }
            if let failInfo {
                try coder.serialize(failInfo.bitString)
            }
        }
    }
}
