import SwiftASN1
import X509

/// `ESSCertIDv2` (RFC 5035 §4) and its predecessor `ESSCertID` (RFC 2634 §5.4.1).
///
/// ```
/// ESSCertIDv2 ::= SEQUENCE {
///     hashAlgorithm  AlgorithmIdentifier DEFAULT {algorithm id-sha256},
///     certHash       Hash,
///     issuerSerial   IssuerSerial OPTIONAL }
/// ESSCertID ::= SEQUENCE {
///     certHash       Hash,            -- SHA-1
///     issuerSerial   IssuerSerial OPTIONAL }
/// IssuerSerial ::= SEQUENCE {
///     issuer         GeneralNames,
///     serialNumber   CertificateSerialNumber }
/// ```
package struct ESSCertID: Hashable, Sendable {
    package var hashAlgorithm: CMSAlgorithmIdentifier
    package var certHash: ArraySlice<UInt8>
    package var issuer: [GeneralName]?
    package var serialNumber: Certificate.SerialNumber?

    static let sha256Default = CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Digest.sha256)

    /// Builds a v2 identifier of `certificate` with `digest` and issuerSerial.
    package init(certificate: Certificate, digest: DigestAlgorithm) throws {
        var coder = DER.Serializer()
        try coder.serialize(certificate)
        hashAlgorithm = CMSAlgorithmIdentifier(algorithm: digest.oid)
        certHash = digest.hash(coder.serializedBytes)[...]
        issuer = [.directoryName(certificate.issuer)]
        serialNumber = certificate.serialNumber
    }

    init(hashAlgorithm: CMSAlgorithmIdentifier, certHash: ArraySlice<UInt8>, issuer: [GeneralName]?, serialNumber: Certificate.SerialNumber?) {
        self.hashAlgorithm = hashAlgorithm
        self.certHash = certHash
        self.issuer = issuer
        self.serialNumber = serialNumber
    }

    /// Parses an `ESSCertIDv2` (`version2 == true`) or an `ESSCertID`.
    package init(berEncoded node: ASN1Node, version2: Bool) throws {
        self = try BER.sequence(node, identifier: .sequence) { nodes in
            var hashAlgorithm = version2 ? Self.sha256Default : CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Digest.sha1)
            var next = nodes.next()
            if version2, let first = next, first.identifier == .sequence {
                hashAlgorithm = try CMSAlgorithmIdentifier(berEncoded: first)
                next = nodes.next()
            }
            guard let hashNode = next else { throw ASN1Error.invalidASN1Object(reason: "ESSCertID without certHash") }
            let certHash = try ASN1OctetString(berEncoded: hashNode).bytes
            var issuer: [GeneralName]?
            var serial: Certificate.SerialNumber?
            if let issuerSerial = nodes.next() {
                (issuer, serial) = try BER.sequence(issuerSerial, identifier: .sequence) { inner in
                    guard let namesNode = inner.next(), namesNode.identifier == .sequence,
                          case .constructed(let children) = namesNode.content
                    else { throw ASN1Error.invalidASN1Object(reason: "IssuerSerial without GeneralNames") }
                    let names = try children.map { try GeneralName(derEncoded: $0) }
                    let serial = try ArraySlice<UInt8>(berEncoded: &inner)
                    return (names, Certificate.SerialNumber(bytes: serial))
                }
            }
            return ESSCertID(hashAlgorithm: hashAlgorithm, certHash: certHash, issuer: issuer, serialNumber: serial)
        }
    }

    package func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            if hashAlgorithm.algorithm != CMSObjectIdentifier.Digest.sha256 || hashAlgorithm.parameters != nil {
                try coder.serialize(hashAlgorithm)
            }
            try coder.serialize(ASN1OctetString(contentBytes: certHash))
            if let issuer, let serialNumber {
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        for name in issuer { try coder.serialize(name) }
                    }
                    try coder.serialize(serialNumber.bytes)
                }
            }
        }
    }

    /// Whether this identifier names `certificate`: the hash matches and, when present,
    /// the issuer and serial number match too.
    package func matches(_ certificate: Certificate) throws -> Bool {
        guard let digest = DigestAlgorithm(oid: hashAlgorithm.algorithm) else {
            throw CMSError(.unsupportedAlgorithm, "unknown hash \(hashAlgorithm.algorithm) in ESSCertID")
        }
        var coder = DER.Serializer()
        try coder.serialize(certificate)
        guard digest.hash(coder.serializedBytes)[...] == certHash else { return false }
        if let serialNumber, serialNumber != certificate.serialNumber { return false }
        if let issuer, !issuer.contains(.directoryName(certificate.issuer)) { return false }
        return true
    }
}

/// `SigningCertificateV2` (RFC 5035 §3) and `SigningCertificate` (RFC 2634 §5.4).
///
/// ```
/// SigningCertificateV2 ::= SEQUENCE {
///     certs        SEQUENCE OF ESSCertIDv2,
///     policies     SEQUENCE OF PolicyInformation OPTIONAL }
/// ```
package struct ESSSigningCertificate: Hashable, Sendable {
    package var certs: [ESSCertID]

    package init(certs: [ESSCertID]) { self.certs = certs }

    package init(berEncoded node: ASN1Node, version2: Bool) throws {
        self = try BER.sequence(node, identifier: .sequence) { nodes in
            guard let certsNode = nodes.next(), case .constructed(let children) = certsNode.content else {
                throw ASN1Error.invalidASN1Object(reason: "SigningCertificate without certs")
            }
            var certs: [ESSCertID] = []
            for child in children {
                guard certs.count < CMSParsingLimits.maxCertificates else {
                    throw CMSError(.limitExceeded, "too many ESSCertIDs")
                }
                certs.append(try ESSCertID(berEncoded: child, version2: version2))
            }
            _ = nodes.next()  // policies: not evaluated
            return ESSSigningCertificate(certs: certs)
        }
    }

    package func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                for cert in certs { try cert.serialize(into: &coder) }
            }
        }
    }

    package var derEncoded: [UInt8] {
        get throws {
            var coder = DER.Serializer()
            try serialize(into: &coder)
            return coder.serializedBytes
        }
    }
}
