import Foundation
import X509

/// A CAdES signature whose signed attributes are built but whose signature value is not yet
/// made: the state between the two phases of deferred signing.
///
/// ``signatureRequest`` says exactly what to sign (the DER signed attributes, its digest and
/// the algorithm). The value is `Codable` — it encodes as the CMS structure with an empty
/// signature value — so a server can store it while a phone or a remote signing service
/// produces the signature.
///
/// ```swift
/// let prepared = try await CAdESSigner(key: certificateOnlyProvider).prepare(digest: digest)
/// let value = try await remoteService.sign(prepared.signatureRequest.digest)
/// let signature = try prepared.completed(signatureValue: value)
/// ```
public struct PreparedCMSSignature: Sendable, Hashable, Codable {
    /// The signature with every field in place except the signature value.
    public let unsignedSignature: CMSSignature
    /// What the key must sign.
    public let signatureRequest: SignatureRequest
    private let signerCertificate: Certificate

    init(unsigned: CMSSignature, signerCertificate: Certificate, algorithm: SignatureAlgorithm) throws {
        guard let signer = unsigned.signedData.signerInfos.first, let toBeSigned = try signer.dataToBeSigned() else {
            throw CMSError(.signingFailed, "no signed attributes were built")
        }
        self.unsignedSignature = unsigned
        self.signerCertificate = signerCertificate
        self.signatureRequest = SignatureRequest(message: toBeSigned, algorithm: algorithm)
    }

    /// The signature with `signatureValue` filled in.
    ///
    /// - Parameters:
    ///   - signatureValue: what the key returned for ``signatureRequest``.
    ///   - checkingSignature: verify the value with the signer's certificate first
    ///     (default `true`; a wrong key or a corrupted value is caught here, not by a validator).
    /// - Throws: ``CMSError/Code/signingFailed`` when the value does not verify.
    public func completed(signatureValue: [UInt8], checkingSignature: Bool = true) throws -> CMSSignature {
        if checkingSignature {
            let valid = try PublicKeySignatureVerifier.isValid(
                signature: signatureValue, message: signatureRequest.message,
                algorithm: signatureRequest.algorithm, publicKey: signerCertificate.publicKey)
            guard valid else {
                throw CMSError(.signingFailed, "the signature value does not verify with the certificate of \(signerCertificate.subject)")
            }
        }
        var signature = unsignedSignature
        signature.signedData.signerInfos[0].signature = signatureValue[...]
        return signature
    }

    private enum CodingKeys: String, CodingKey { case cms }

    /// Decodes the CMS structure written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let der = try container.decode(Data.self, forKey: .cms)
        let signature = try CMSSignature(berEncoded: Array(der))
        guard let signer = signature.signedData.signerInfos.first, signature.signedData.signerInfos.count == 1,
              case .issuerAndSerialNumber(let issuerAndSerial) = signer.sid,
              let certificate = signature.certificates.first(where: { (try? CMSIssuerAndSerialNumber($0)) == issuerAndSerial })
        else {
            throw CMSError(.malformedEncoding, "a prepared signature has one signer identified by issuer and serial, with its certificate")
        }
        guard let digest = DigestAlgorithm(oid: signer.digestAlgorithm.algorithm) else {
            throw CMSError(.unsupportedAlgorithm, "digest algorithm \(signer.digestAlgorithm.algorithm) is not supported")
        }
        let algorithm = try SignatureAlgorithm(identifier: signer.signatureAlgorithm, digest: digest)
        try self.init(unsigned: signature, signerCertificate: certificate, algorithm: algorithm)
    }

    /// Encodes the CMS structure (with an empty signature value) as DER.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Data(try unsignedSignature.derEncoded()), forKey: .cms)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.unsignedSignature == rhs.unsignedSignature }
    public func hash(into hasher: inout Hasher) { hasher.combine(unsignedSignature) }
}
