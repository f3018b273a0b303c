import SwiftASN1
import X509

/// `CertID` (RFC 6960 §4.1.1): names a certificate by its issuer's name and key hashes and
/// its serial number.
///
/// ```
/// CertID          ::=     SEQUENCE {
///     hashAlgorithm       AlgorithmIdentifier,
///     issuerNameHash      OCTET STRING, -- Hash of issuer's DN
///     issuerKeyHash       OCTET STRING, -- Hash of issuer's public key
///     serialNumber        CertificateSerialNumber }
/// ```
/// The hash here identifies; it is not a signature. Requests use SHA-1 because RFC 5019
/// responders expect it; responses are matched with SHA-1, SHA-256, SHA-384 or SHA-512.
package struct OCSPCertID: BERImplicitlyTaggable, Hashable, Sendable {
    package static var defaultIdentifier: ASN1Identifier { .sequence }

    package var hashAlgorithm: CMSAlgorithmIdentifier
    package var issuerNameHash: ArraySlice<UInt8>
    package var issuerKeyHash: ArraySlice<UInt8>
    package var serialNumber: ArraySlice<UInt8>

    package init(hashAlgorithm: CMSAlgorithmIdentifier, issuerNameHash: ArraySlice<UInt8>,
                 issuerKeyHash: ArraySlice<UInt8>, serialNumber: ArraySlice<UInt8>) {
        self.hashAlgorithm = hashAlgorithm
        self.issuerNameHash = issuerNameHash
        self.issuerKeyHash = issuerKeyHash
        self.serialNumber = serialNumber
    }

    /// The CertID of `certificate` issued by `issuer`, hashed with `digest`.
    package init(certificate: Certificate, issuer: Certificate, digest: DigestAlgorithm = .sha1) throws {
        self.init(
            hashAlgorithm: CMSAlgorithmIdentifier(algorithm: digest.oid, parameters: CMSAlgorithmIdentifier.nullParameters),
            issuerNameHash: digest.hash(try issuer.subjectNameDER)[...],
            issuerKeyHash: digest.hash(issuer.subjectPublicKeyBytes)[...],
            serialNumber: certificate.serialNumber.bytes)
    }

    /// Whether this CertID names `certificate` issued by `issuer`, whatever supported hash it uses.
    package func matches(certificate: Certificate, issuer: Certificate) -> Bool {
        guard hashAlgorithm.hasAbsentOrNullParameters, let digest = DigestAlgorithm(oid: hashAlgorithm.algorithm),
              RevocationSerial.normalized(serialNumber) == certificate.normalizedSerial,
              let nameDER = try? issuer.subjectNameDER
        else { return false }
        return issuerNameHash.elementsEqual(digest.hash(nameDER))
            && issuerKeyHash.elementsEqual(digest.hash(issuer.subjectPublicKeyBytes))
    }

    package init(derEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        try self.init(berEncoded: node, withIdentifier: identifier)
    }

    package init(berEncoded node: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try BER.sequence(node, identifier: identifier) { nodes in
            let hashAlgorithm = try CMSAlgorithmIdentifier(berEncoded: &nodes)
            let nameHash = try ASN1OctetString(berEncoded: &nodes).bytes
            let keyHash = try ASN1OctetString(berEncoded: &nodes).bytes
            let serial = try ArraySlice<UInt8>(berEncoded: &nodes)
            return OCSPCertID(hashAlgorithm: hashAlgorithm, issuerNameHash: nameHash, issuerKeyHash: keyHash,
                              serialNumber: serial)
        }
    }

    package func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(hashAlgorithm)
            try coder.serialize(ASN1OctetString(contentBytes: issuerNameHash))
            try coder.serialize(ASN1OctetString(contentBytes: issuerKeyHash))
            try coder.serialize(serialNumber)
        }
    }
}
