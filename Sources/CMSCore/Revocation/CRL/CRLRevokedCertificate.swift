import Foundation
import SwiftASN1

/// One entry of a CRL's `revokedCertificates` (RFC 5280 §5.1.2.6, §5.3).
///
/// ```
/// SEQUENCE  {
///      userCertificate         CertificateSerialNumber,
///      revocationDate          Time,
///      crlEntryExtensions      Extensions OPTIONAL }
/// ```
/// ``reasonCode`` is the value of the `reasonCode` entry extension (`CRLReason`).
package struct CRLRevokedCertificate: Hashable, Sendable {
    package var serialNumber: ArraySlice<UInt8>
    package var revocationDate: Date
    package var extensions: [RevocationExtension]

    package init(serialNumber: ArraySlice<UInt8>, revocationDate: Date, extensions: [RevocationExtension] = []) {
        self.serialNumber = serialNumber
        self.revocationDate = revocationDate
        self.extensions = extensions
    }

    package init(berEncoded node: ASN1Node) throws {
        self = try BER.sequence(node, identifier: .sequence) { nodes in
            let serial = try ArraySlice<UInt8>(berEncoded: &nodes)
            guard let dateNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "CRL entry without revocationDate") }
            let date = try ASN1Time.date(from: dateNode)
            var extensions: [RevocationExtension] = []
            if let extNode = nodes.next() { extensions = try RevocationExtension.parseList(extNode) }
            return CRLRevokedCertificate(serialNumber: serial, revocationDate: date, extensions: extensions)
        }
    }

    package func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(RevocationSerial.normalized(serialNumber))
            try ASN1Time.serializeTime(revocationDate, into: &coder)
            if !extensions.isEmpty { try RevocationExtension.serializeList(extensions, into: &coder) }
        }
    }

    /// The `reasonCode` entry extension, if present and readable.
    package var reasonCode: Int? {
        guard let ext = extensions.first(where: { $0.oid == RevocationOID.reasonCode }) else { return nil }
        return try? CRLReason.parse(extensionValue: ext.value)
    }
}
