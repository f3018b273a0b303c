import CMSCore
import SwiftASN1

/// Plain ECDSA (BSI TR-03111 `r ‖ s`) signatures for tests, made from openssl's DER ones, and
/// checked through CMSCore's signature verifier (package API) as a SignerInfo's would be.
enum PlainSignatureFixture {
    /// `r ‖ s`, each left-padded to `coordinateBytes`, from a DER `ECDSA-Sig-Value`.
    static func plain(fromDER der: [UInt8], coordinateBytes: Int) throws -> [UInt8] {
        let (r, s) = try DER.sequence(try DER.parse(der), identifier: .sequence) { nodes in
            (try ArraySlice<UInt8>(derEncoded: &nodes), try ArraySlice<UInt8>(derEncoded: &nodes))
        }
        func padded(_ value: ArraySlice<UInt8>) -> [UInt8] {
            let magnitude = value.drop { $0 == 0 }
            return [UInt8](repeating: 0, count: coordinateBytes - magnitude.count) + magnitude
        }
        return padded(r) + padded(s)
    }

    /// Whether `signature` over `content` verifies under the signature algorithm `algorithm`
    /// with the certificate's key.
    static func verify(signature: [UInt8], content: [UInt8], algorithm: ASN1ObjectIdentifier, certificate: RawCertificate) throws -> Bool {
        let signatureAlgorithm = try SignatureAlgorithm(identifier: CMSAlgorithmIdentifier(algorithm: algorithm), digest: nil)
        let key = try VerificationKey(subjectPublicKeyInfo: certificate.subjectPublicKeyInfo)
        return try PublicKeySignatureVerifier.isValid(signature: signature, message: content, algorithm: signatureAlgorithm, key: key)
    }
}
