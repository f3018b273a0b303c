@testable import CMSCore
import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras
import TestSupport

/// DER assembled by hand for inputs our signer never produces: certificates swift-certificates
/// refuses, SignerInfos without signed attributes, signatures whose fields are rewritten.
enum HandmadeCMS {
    static let ecdsaWithSHA256 = CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Signature.ecdsaWithSHA256)

    /// A signer's usual extensions: not a CA, digitalSignature + nonRepudiation.
    static let signerExtensions: [Certificate.Extension] = Array(try! Certificate.Extensions {
        Critical(BasicConstraints.notCertificateAuthority)
        Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
    })

    /// A certificate with the given raw serial number (INTEGER content octets) and
    /// SubjectPublicKeyInfo, issued and signed (ECDSA P-256, SHA-256) by the test intermediate.
    static func certificate(serial: [UInt8], subject: String, spki: [UInt8],
                            extensions: [Certificate.Extension] = signerExtensions) throws -> [UInt8] {
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(2, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
            coder.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: serial) }
            try coder.serialize(ecdsaWithSHA256)
            try coder.serialize(TestPKI.intermediate.subject)
            try coder.appendConstructedNode(identifier: .sequence) { validity in
                try ASN1Time.serializeTime(TestPKI.now.addingTimeInterval(-3600), into: &validity)
                try ASN1Time.serializeTime(TestPKI.now.addingTimeInterval(86400 * 365), into: &validity)
            }
            try coder.serialize(DistinguishedName { CommonName(subject) })
            coder.serializeRawBytes(spki[...])
            try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 3, tagClass: .contextSpecific)) { wrapper in
                try wrapper.appendConstructedNode(identifier: .sequence) { list in
                    for item in extensions { try list.serialize(item) }
                }
            }
        }
        let signature = try TestPKI.intermediateKey.signature(for: tbs.serializedBytes).derRepresentation
        var certificate = DER.Serializer()
        try certificate.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(tbs.serializedBytes[...])
            try coder.serialize(ecdsaWithSHA256)
            try coder.serialize(ASN1BitString(bytes: Array(signature)[...]))
        }
        return certificate.serializedBytes
    }

    /// A SubjectPublicKeyInfo with `algorithm` and `key` as the BIT STRING.
    static func spki(_ algorithm: CMSAlgorithmIdentifier, key: [UInt8]) throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(algorithm)
            try coder.serialize(ASN1BitString(bytes: key[...]))
        }
        return coder.serializedBytes
    }

    /// A detached SignedData over `content` by one SignerInfo that names `certificate` by issuer
    /// and serial, as encoded. With `signedAttributes`, it carries content-type, message-digest
    /// and (with `essBinding`) a signing-certificate-v2 naming the certificate's raw issuer and
    /// serial; `sign` signs the signed attributes' DER. Without, `sign` signs the content itself.
    static func signedData(
        content: [UInt8], certificate: [UInt8], extraCertificates: [[UInt8]] = [], digest: DigestAlgorithm = .sha256,
        signatureAlgorithm: CMSAlgorithmIdentifier, signedAttributes: Bool = true, essBinding: Bool = true,
        sign: ([UInt8]) throws -> [UInt8]
    ) throws -> CMSSignature {
        let raw = try RawCertificate(encoded: certificate[...])
        typealias OID = CMSObjectIdentifier.Attribute
        var attributes: [CMSAttribute]?
        if signedAttributes {
            var list = [
                CMSAttribute(attrType: OID.contentType, attrValues: [try ASN1Any(erasing: CMSObjectIdentifier.ContentType.data)]),
                CMSAttribute(attrType: OID.messageDigest, attrValues: [try ASN1Any(erasing: ASN1OctetString(contentBytes: digest.hash(content)[...]))]),
            ]
            if essBinding {
                var name = DER.Serializer()
                name.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 4, tagClass: .contextSpecific)) { $0.serializeRawBytes(raw.issuer) }
                let id = ESSCertID(hashAlgorithm: ESSCertID.sha256Default, certHash: DigestAlgorithm.sha256.hash(certificate)[...],
                                   issuerNames: [name.serializedBytes[...]], serialNumber: raw.serialNumber)
                let value = try ESSSigningCertificate(certs: [id]).derEncoded
                list.append(CMSAttribute(attrType: OID.signingCertificateV2, attrValues: [ASN1Any(derEncoded: try DER.parse(value))]))
            }
            attributes = list
        }
        var info = try CMSSignerInfo(
            sid: .issuerAndSerialNumber(CMSIssuerAndSerialNumber(raw)), digestAlgorithm: CMSAlgorithmIdentifier(algorithm: digest.oid),
            signedAttrs: attributes, signatureAlgorithm: signatureAlgorithm, signature: [])
        info.signature = try sign(info.dataToBeSigned() ?? content)[...]
        let signedData = CMSSignedData(
            version: 1, digestAlgorithms: [CMSAlgorithmIdentifier(algorithm: digest.oid)],
            encapContentInfo: CMSEncapsulatedContentInfo(eContentType: CMSObjectIdentifier.ContentType.data, eContent: nil),
            certificates: ([certificate] + extraCertificates).map { $0[...] }, crls: nil, signerInfos: [info])
        return try CMSSignature(berEncoded: CMSSignature(signedData: signedData).derEncoded())
    }

    /// `signature` re-encoded after `change` to its first SignerInfo (fields that are not signed).
    static func rewritingSigner(_ signature: CMSSignature, _ change: (inout CMSSignerInfo) -> Void) throws -> CMSSignature {
        var copy = signature
        change(&copy.signedData.signerInfos[0])
        return try CMSSignature(berEncoded: copy.derEncoded())
    }
}
