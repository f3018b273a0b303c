import CMSCore
import Foundation
@testable import PDFSign
import SwiftASN1
import X509

/// A PDF prepared with an empty signature whose CMS object the test builds by hand.
struct HandmadePDFSignature {
    private(set) var bytes: [UInt8]
    let prepared: PreparedPDFSignature
    static let key = try! SigningFixtures.signer()

    /// A prepared /adbe.pkcs7.detached signature; another `subFilter` name is written over it
    /// (same length, padded with spaces) before anything is signed.
    init(subFilter: String = "adbe.pkcs7.detached") throws {
        var options = PDFSignatureOptions()
        options.subFilter = .pkcs7Detached
        (bytes, prepared) = try PDFSignaturePreparer(options: options).prepare(PDFDocument(bytes: SigningFixtures.classicPDF()), contentsCapacity: 16_384)
        let written = Array("/adbe.pkcs7.detached".utf8)
        let wanted = Array("/\(subFilter)".utf8)
        precondition(wanted.count <= written.count)
        let at = bytes.firstRange(of: written)!
        bytes.replaceSubrange(at, with: wanted + Array(repeating: UInt8(ascii: " "), count: written.count - wanted.count))
    }

    /// The bytes the signature covers: both byte ranges.
    var signedBytes: [UInt8] { Array(bytes[0..<prepared.byteRange[1]] + bytes[prepared.byteRange[2]...]) }

    /// A CAdES CMS over the byte ranges, as our signer makes it.
    func cades() async throws -> CMSSignature {
        let cms = try await CAdESSigner(key: Self.key).prepare(digest: DigestAlgorithm.sha256.hash(signedBytes))
        return try cms.completed(signatureValue: try await Self.key.sign(cms.signatureRequest))
    }

    /// The file with `cms` in /Contents.
    func embedding(_ cms: CMSSignature) throws -> [UInt8] {
        var file = bytes
        try prepared.embed(cms, into: &file)
        return file
    }

    /// `cms` after `change` to its SignedData, re-encoded.
    static func rewriting(_ cms: CMSSignature, _ change: (inout CMSSignedData) -> Void) throws -> CMSSignature {
        var copy = cms
        change(&copy.signedData)
        return try CMSSignature(berEncoded: copy.derEncoded())
    }

    /// A certificate for ``key``'s public key whose serial number is negative, so that
    /// swift-certificates refuses it, assembled with swift-asn1. It is signed with the same key:
    /// no chain is built from such a certificate, only its key is used.
    static func negativeSerialCertificate() async throws -> [UInt8] {
        let leaf = try await key.signerCertificate
        var spki = DER.Serializer()
        try spki.serialize(leaf.publicKey)
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(2, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
            coder.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: [0xF0, 0x0D, 0xBE, 0xEF]) }
            try coder.serialize(CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Signature.ecdsaWithSHA256))
            try coder.serialize(leaf.issuer)
            try coder.appendConstructedNode(identifier: .sequence) { validity in
                try ASN1Time.serializeTime(leaf.notValidBefore, into: &validity)
                try ASN1Time.serializeTime(leaf.notValidAfter, into: &validity)
            }
            try coder.serialize(DistinguishedName { CommonName("Negative Serial") })
            coder.serializeRawBytes(spki.serializedBytes[...])
        }
        let value = try await key.sign(SignatureRequest(message: tbs.serializedBytes, algorithm: .ecdsa(.sha256)))
        var certificate = DER.Serializer()
        try certificate.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(tbs.serializedBytes[...])
            try coder.serialize(CMSAlgorithmIdentifier(algorithm: CMSObjectIdentifier.Signature.ecdsaWithSHA256))
            try coder.serialize(ASN1BitString(bytes: value[...]))
        }
        return certificate.serializedBytes
    }
}
