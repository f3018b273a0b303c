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

    /// Whether `certificate` is the one the SignerInfo's `sid` names.
    public func identifies(_ certificate: Certificate) -> Bool {
        switch info.sid {
        case .issuerAndSerialNumber(let ias):
            return ias.matches(certificate)
        case .subjectKeyIdentifier(let ski):
            guard let ext = try? certificate.extensions.subjectKeyIdentifier else { return false }
            return ext.keyIdentifier == ski
        }
    }
}
