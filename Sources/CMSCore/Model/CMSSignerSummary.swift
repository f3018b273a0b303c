import SwiftASN1
import X509

/// A read-only view of one `SignerInfo`.
public struct CMSSignerSummary: Hashable, Sendable {
    package let info: CMSSignerInfo

    package init(_ info: CMSSignerInfo) { self.info = info }

    /// The digest algorithm, or `nil` when this library does not know it.
    public var digestAlgorithm: DigestAlgorithm? { DigestAlgorithm(oid: info.digestAlgorithm.algorithm) }
    /// The digest algorithm's object identifier as written (also when it is not supported).
    public var digestAlgorithmIdentifier: ASN1ObjectIdentifier { info.digestAlgorithm.algorithm }

    /// The signature algorithm, or `nil` when unknown or inconsistent with the digest algorithm.
    public var signatureAlgorithm: SignatureAlgorithm? {
        try? SignatureAlgorithm(identifier: info.signatureAlgorithm, digest: digestAlgorithm)
    }

    /// The signature value.
    public var signatureValue: [UInt8] { Array(info.signature) }

    /// The object identifiers of the signed attributes present, in order.
    public var signedAttributeTypes: [ASN1ObjectIdentifier] { info.signedAttrs?.map(\.attrType) ?? [] }

    /// The object identifiers of the unsigned attributes present, in order.
    public var unsignedAttributeTypes: [ASN1ObjectIdentifier] { info.unsignedAttrs?.map(\.attrType) ?? [] }

    /// The DER encodings of every value of the unsigned attributes of `type`.
    public func unsignedAttributeValues(type: ASN1ObjectIdentifier) -> [[UInt8]] {
        (info.unsignedAttrs ?? []).filter { $0.attrType == type }.flatMap { $0.attrValues.map(\.serializedBytes) }
    }

    /// The DER encodings of every value of the signed attributes of `type`.
    public func signedAttributeValues(type: ASN1ObjectIdentifier) -> [[UInt8]] {
        (info.signedAttrs ?? []).filter { $0.attrType == type }.flatMap { $0.attrValues.map(\.serializedBytes) }
    }

    /// The digest algorithm's readable name with its object identifier (also when it is not
    /// supported, for example "SHA3-256 (2.16.840.1.101.3.4.2.8)").
    public var digestAlgorithmName: String { AlgorithmNames.name(of: info.digestAlgorithm.algorithm) }

    /// Whether the SignerInfo has signed attributes (CAdES and most PKCS#7 signatures); without
    /// them the signature is over the content itself (RFC 5652 §5.4).
    public var hasSignedAttributes: Bool { info.signedAttrs != nil }

    /// Whether `certificate` is the one the SignerInfo's `sid` names.
    public func identifies(_ certificate: Certificate) -> Bool {
        guard let raw = try? RawCertificate(certificate) else { return false }
        return identifies(raw)
    }

    /// Whether `certificate` is the one the SignerInfo's `sid` names: issuer and serial number
    /// compared as encoded, or the subjectKeyIdentifier.
    package func identifies(_ certificate: RawCertificate) -> Bool {
        switch info.sid {
        case .issuerAndSerialNumber(let ias):
            return ias.matches(certificate)
        case .subjectKeyIdentifier(let ski):
            return certificate.subjectKeyIdentifier == ski
        }
    }
}
