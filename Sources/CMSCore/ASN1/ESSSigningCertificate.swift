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
    /// `issuerSerial.issuer`: each GeneralName's encoding as received (DER form).
    package var issuerNames: [ArraySlice<UInt8>]?
    /// `issuerSerial.serialNumber`: the INTEGER's content octets as received.
    package var serialNumber: ArraySlice<UInt8>?

    static let sha256Default = CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Digest.sha256)
    static let directoryNameTag = ASN1Identifier(tagWithNumber: 4, tagClass: .contextSpecific)

    /// Builds a v2 identifier of `certificate` with `digest` and issuerSerial.
    package init(certificate: Certificate, digest: DigestAlgorithm) throws {
        let raw = try RawCertificate(certificate)
        hashAlgorithm = CMSAlgorithmIdentifier(algorithm: digest.oid)
        certHash = digest.hash(raw.encoded)[...]
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: Self.directoryNameTag) { $0.serializeRawBytes(raw.issuer) }
        issuerNames = [coder.serializedBytes[...]]
        serialNumber = raw.serialNumber
    }

    init(hashAlgorithm: CMSAlgorithmIdentifier, certHash: ArraySlice<UInt8>, issuerNames: [ArraySlice<UInt8>]?, serialNumber: ArraySlice<UInt8>?) {
        self.hashAlgorithm = hashAlgorithm
        self.certHash = certHash
        self.issuerNames = issuerNames
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
            var names: [ArraySlice<UInt8>]?
            var serial: ArraySlice<UInt8>?
            if let issuerSerial = nodes.next() {
                (names, serial) = try BER.sequence(issuerSerial, identifier: .sequence) { inner in
                    guard let namesNode = inner.next(), namesNode.identifier == .sequence,
                          case .constructed(let children) = namesNode.content
                    else { throw ASN1Error.invalidASN1Object(reason: "IssuerSerial without GeneralNames") }
                    let names = try children.map { try BERNormalizer.derForm(of: $0.encodedBytes) }
                    guard let serialNode = inner.next(), serialNode.identifier == .integer,
                          case .primitive(let serial) = serialNode.content, !serial.isEmpty
                    else { throw ASN1Error.invalidASN1Object(reason: "IssuerSerial without a serialNumber INTEGER") }
                    return (names, serial)
                }
            }
            return ESSCertID(hashAlgorithm: hashAlgorithm, certHash: certHash, issuerNames: names, serialNumber: serial)
        }
    }

    package func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            if hashAlgorithm.algorithm != CMSObjectIdentifier.Digest.sha256 || hashAlgorithm.parameters != nil {
                try coder.serialize(hashAlgorithm)
            }
            try coder.serialize(ASN1OctetString(contentBytes: certHash))
            if let issuerNames, let serialNumber {
                coder.appendConstructedNode(identifier: .sequence) { coder in
                    coder.appendConstructedNode(identifier: .sequence) { coder in
                        for name in issuerNames { coder.serializeRawBytes(name) }
                    }
                    coder.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: serialNumber) }
                }
            }
        }
    }

    /// Whether this identifier names `certificate`: the hash matches and, when present,
    /// the issuer (a directoryName equal to the certificate's issuer, exactly or under RFC 5280
    /// §7.1 comparison) and the serial number match too.
    package func matches(_ certificate: RawCertificate) throws -> Bool {
        guard let digest = DigestAlgorithm(oid: hashAlgorithm.algorithm) else {
            throw CMSError(.unsupportedAlgorithm, "the hash \(AlgorithmNames.name(of: hashAlgorithm.algorithm)) of the ESSCertID is not supported")
        }
        guard digest.hash(certificate.encoded)[...] == certHash else { return false }
        if let serialNumber, !RawInteger.same(serialNumber, certificate.serialNumber) { return false }
        if let issuerNames {
            let directoryNames = issuerNames.compactMap { name -> ArraySlice<UInt8>? in
                guard let node = try? BER.parse(name), node.identifier == Self.directoryNameTag,
                      case .constructed(let children) = node.content, let inner = children.first(where: { _ in true }) else { return nil }
                return inner.encodedBytes
            }
            guard directoryNames.contains(where: { CMSIssuerAndSerialNumber.sameName($0, certificate.issuer) }) else { return false }
        }
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
