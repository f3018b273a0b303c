import CMSCore
import Crypto
import Foundation
import SwiftASN1
import TestSupport
import X509

/// The CA that certifies the token's keys: the interop PKI's issuing CA when the interop kit
/// is there (its CRL location is put into the certificates, so validators find the CA's
/// current CRL), else the in-process test PKI's.
struct Issuer {
    var name: DistinguishedName
    var key: Certificate.PrivateKey
    var intermediates: [Certificate]
    var crlURL: String?
    var isInterop: Bool

    static let interopDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/interop/pki")

    static func make() throws -> Issuer {
        let keyFile = interopDirectory.appendingPathComponent("keys/interm.key.pem").path
        let certificateFile = interopDirectory.appendingPathComponent("certs/interm.cert.pem").path
        if FileManager.default.fileExists(atPath: keyFile), FileManager.default.fileExists(atPath: certificateFile) {
            let intermediate = try Certificate(pemEncoded: try String(contentsOfFile: certificateFile, encoding: .utf8))
            return Issuer(name: intermediate.subject,
                          key: try Certificate.PrivateKey(pemEncoded: try String(contentsOfFile: keyFile, encoding: .utf8)),
                          intermediates: [intermediate], crlURL: "http://127.0.0.1:9419/interop/crls/interm/latest.crl", isInterop: true)
        }
        return Issuer(name: TestPKI.intermediate.subject, key: .init(TestPKI.intermediateKey),
                      intermediates: [TestPKI.intermediate], crlURL: nil, isInterop: false)
    }

    func issue(commonName: String, publicKey: Certificate.PublicKey) throws -> Certificate {
        let now = Date()
        let crlURL = crlURL
        return try Certificate(
            version: .v3, serialNumber: Self.serialNumber(), publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(365 * 86400),
            issuer: name, subject: try DistinguishedName { CommonName(commonName); OrganizationName("EContractKit PKCS#11 tests") },
            signatureAlgorithm: isInterop ? .sha256WithRSAEncryption : .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
                if let crlURL {
                    Self.crlDistributionPoint(crlURL)
                }
            },
            issuerPrivateKey: key)
    }

    /// A positive 16-byte serial number (swift-certificates' default is 20 random bytes, which
    /// needs a 21st when the top bit is set: over RFC 5280's 20-octet limit, and NSS then fails
    /// to find the signer's certificate).
    static func serialNumber() -> Certificate.SerialNumber {
        var generator = SystemRandomNumberGenerator()
        return Certificate.SerialNumber(bytes: [0x01] + (0..<15).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A cRLDistributionPoints extension with one URI (RFC 5280 §4.2.1.13), DER by hand:
    /// SEQUENCE { SEQUENCE { [0] { [0] { [6] uri } } } }.
    static func crlDistributionPoint(_ uri: String) -> Certificate.Extension {
        let bytes = Array(uri.utf8)
        let length = UInt8(bytes.count)
        let value: [UInt8] = [0x30, length + 8, 0x30, length + 6, 0xA0, length + 4, 0xA0, length + 2, 0x86, length] + bytes
        return Certificate.Extension(oid: [2, 5, 29, 31], critical: false, value: value[...])
    }
}
