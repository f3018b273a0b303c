import Foundation
import SwiftASN1
import X509

/// An X.509 certificate read field by field with swift-asn1 alone (RFC 5280 §4.1), so that a
/// signature can be checked with a certificate swift-certificates refuses: a negative or
/// over-long serial number, BER instead of DER, unusual string types in names, an RSASSA-PSS
/// or brainpool public key, a key below 2048 bits.
///
/// ```
/// Certificate  ::=  SEQUENCE  {
///      tbsCertificate       TBSCertificate,
///      signatureAlgorithm   AlgorithmIdentifier,
///      signatureValue       BIT STRING  }
/// TBSCertificate  ::=  SEQUENCE  {
///      version         [0]  EXPLICIT Version DEFAULT v1,
///      serialNumber         CertificateSerialNumber,
///      signature            AlgorithmIdentifier,
///      issuer               Name,
///      validity             Validity,
///      subject              Name,
///      subjectPublicKeyInfo SubjectPublicKeyInfo,
///      issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
///      subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
///      extensions      [3]  EXPLICIT Extensions OPTIONAL }
/// ```
/// Every field is kept as received: ``serialNumber`` holds the INTEGER's content octets,
/// ``issuer``, ``subject`` and ``subjectPublicKeyInfo`` their whole encodings. ``parsed`` is
/// swift-certificates' reading of the same bytes, `nil` when it refuses them (the reason is
/// ``parseFailure``); chains are built only from parsed certificates.
package struct RawCertificate: Hashable, Sendable {
    /// The certificate's encoding (DER, or the DER form of a BER certificate).
    package let encoded: ArraySlice<UInt8>
    /// `serialNumber`: the INTEGER's content octets as encoded (two's complement, possibly negative).
    package let serialNumber: ArraySlice<UInt8>
    /// `issuer`: the Name's encoding.
    package let issuer: ArraySlice<UInt8>
    /// `subject`: the Name's encoding.
    package let subject: ArraySlice<UInt8>
    /// `subjectPublicKeyInfo`'s encoding.
    package let subjectPublicKeyInfo: ArraySlice<UInt8>
    /// `validity`, when its times can be read.
    package let notBefore: Date?
    package let notAfter: Date?
    /// `extensions` in order (an empty list when absent).
    package let extensions: [Certificate.Extension]
    /// `tbsCertificate`'s encoding as received: the bytes the issuer signed.
    package let tbsCertificate: ArraySlice<UInt8>
    /// The outer `signatureAlgorithm`, when it can be read and equals the TBSCertificate's
    /// `signature` field as RFC 5280 §4.1.1.2 requires (`nil` otherwise).
    package let signatureAlgorithm: CMSAlgorithmIdentifier?
    /// `signatureValue`'s bits (`nil` when absent or not a BIT STRING).
    package let signatureValue: ArraySlice<UInt8>?
    /// swift-certificates' parse of ``encoded``, or `nil`.
    package let parsed: Certificate?
    /// Why swift-certificates refused the certificate, when it did.
    package let parseFailure: String?

    private static let extensionsTag = ASN1Identifier(tagWithNumber: 3, tagClass: .contextSpecific)
    private static let versionTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    /// Reads a certificate's encoding.
    ///
    /// - Throws: an ASN.1 error when the bytes are not a `Certificate` structure at all.
    package init(encoded bytes: ArraySlice<UInt8>) throws {
        let root = try BER.parse(bytes)
        guard root.identifier == .sequence, case .constructed(let outer) = root.content,
              let tbs = outer.first(where: { _ in true }), tbs.identifier == .sequence, case .constructed(let children) = tbs.content
        else { throw ASN1Error.invalidASN1Object(reason: "a Certificate is a SEQUENCE beginning with the TBSCertificate SEQUENCE") }
        var fields = children.makeIterator()
        var node = fields.next()
        if let version = node, version.identifier == Self.versionTag { node = fields.next() }
        guard let serial = node, serial.identifier == .integer, case .primitive(let serialBytes) = serial.content, !serialBytes.isEmpty else {
            throw ASN1Error.invalidASN1Object(reason: "TBSCertificate without a primitive INTEGER serialNumber")
        }
        guard let innerAlgorithm = fields.next(), innerAlgorithm.identifier == .sequence,  // signature AlgorithmIdentifier
              let issuer = fields.next(), issuer.identifier == .sequence,
              let validity = fields.next(), validity.identifier == .sequence,
              let subject = fields.next(), subject.identifier == .sequence,
              let spki = fields.next(), spki.identifier == .sequence
        else { throw ASN1Error.invalidASN1Object(reason: "TBSCertificate fields are missing or out of order") }
        var extensions: [Certificate.Extension] = []
        while let next = fields.next() {
            if next.identifier == Self.extensionsTag { extensions = try Self.extensions(in: next) }
        }
        var times: [Date?] = []
        if case .constructed(let children) = validity.content {
            times = children.map { try? ASN1Time.date(from: $0) }
        }
        encoded = bytes
        tbsCertificate = tbs.encodedBytes
        let outerFields = Array(outer)
        if outerFields.count == 3, outerFields[1].encodedBytes == innerAlgorithm.encodedBytes,
           let algorithm = try? CMSAlgorithmIdentifier(berEncoded: outerFields[1], withIdentifier: .sequence),
           let value = try? ASN1BitString(berEncoded: outerFields[2]), value.paddingBits == 0 {
            signatureAlgorithm = algorithm
            signatureValue = value.bytes
        } else {
            signatureAlgorithm = nil
            signatureValue = nil
        }
        serialNumber = serialBytes
        self.issuer = issuer.encodedBytes
        self.subject = subject.encodedBytes
        subjectPublicKeyInfo = spki.encodedBytes
        notBefore = times.first ?? nil
        notAfter = times.dropFirst().first ?? nil
        self.extensions = extensions
        do {
            parsed = try Certificate(derEncoded: Array(bytes))
            parseFailure = nil
        } catch {
            parsed = nil
            parseFailure = "\(error)"
        }
    }

    /// The fields of a certificate swift-certificates already parsed (its DER as received).
    package init(_ certificate: Certificate) throws {
        try self.init(encoded: try certificate.derBytes[...])
    }

    private static func extensions(in node: ASN1Node) throws -> [Certificate.Extension] {
        // [3] EXPLICIT Extensions: Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
        guard case .constructed(let wrapper) = node.content, let list = wrapper.first(where: { _ in true }),
              case .constructed(let items) = list.content
        else { throw ASN1Error.invalidASN1Object(reason: "extensions are not a SEQUENCE OF Extension") }
        return try items.map { item in
            // Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
            try BER.sequence(item, identifier: .sequence) { nodes in
                let oid = try ASN1ObjectIdentifier(berEncoded: &nodes)
                var next = nodes.next()
                var critical = false
                if let flag = next, flag.identifier == .boolean {
                    critical = try Bool(berEncoded: flag)
                    next = nodes.next()
                }
                guard let value = next else { throw ASN1Error.invalidASN1Object(reason: "Extension without extnValue") }
                return Certificate.Extension(oid: oid, critical: critical, value: try ASN1OctetString(berEncoded: value).bytes)
            }
        }
    }
}

extension RawCertificate {
    /// The extension with `oid`, if present.
    package func `extension`(_ oid: ASN1ObjectIdentifier) -> Certificate.Extension? {
        extensions.first { $0.oid == oid }
    }

    /// The subjectKeyIdentifier's key identifier, if present and readable.
    package var subjectKeyIdentifier: ArraySlice<UInt8>? {
        self.extension(.X509ExtensionID.subjectKeyIdentifier).flatMap { try? SubjectKeyIdentifier($0).keyIdentifier }
    }

    /// The subject, readable: swift-certificates' rendering when it can read the Name, otherwise
    /// the printable attribute values found in it.
    package var subjectDescription: String {
        if let parsed { return String(describing: parsed.subject) }
        if let name = try? DistinguishedName(derEncoded: Array(subject)) { return String(describing: name) }
        return RawName.printableValues(subject).joined(separator: ", ")
    }
}

/// Reading of a `Name` whose attribute values swift-certificates does not accept.
enum RawName {
    /// The string values of every attribute of `name`, whatever their string type (BMPString
    /// as UTF-16, the others as UTF-8/Latin-1).
    static func printableValues(_ name: ArraySlice<UInt8>) -> [String] {
        guard let root = try? BER.parse(name), case .constructed(let rdns) = root.content else { return [] }
        var values: [String] = []
        for rdn in rdns {
            guard case .constructed(let attributes) = rdn.content else { continue }
            for attribute in attributes {
                guard case .constructed(let pair) = attribute.content, let value = Array(pair).dropFirst().first,
                      case .primitive(let bytes) = value.content
                else { continue }
                if value.identifier == ASN1Identifier.bmpString {
                    var units: [UInt16] = []
                    var index = bytes.startIndex
                    while index + 1 < bytes.endIndex {
                        units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
                        index += 2
                    }
                    values.append(String(decoding: units, as: UTF16.self))
                } else {
                    values.append(String(bytes: bytes, encoding: .utf8) ?? String(bytes: bytes, encoding: .isoLatin1) ?? "")
                }
            }
        }
        return values
    }
}

/// Comparison of INTEGER content octets as received (serial numbers).
enum RawInteger {
    /// `bytes` in minimal two's-complement form: redundant leading 0x00 or 0xFF octets removed
    /// (BER allows them; DER does not).
    static func minimal(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while bytes.count > 1, let first = bytes.first {
            let second = bytes[bytes.startIndex + 1]
            guard (first == 0x00 && second & 0x80 == 0) || (first == 0xFF && second & 0x80 != 0) else { break }
            bytes = bytes.dropFirst()
        }
        return bytes
    }

    /// Whether two INTEGER encodings hold the same value.
    static func same(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        minimal(a) == minimal(b)
    }
}
