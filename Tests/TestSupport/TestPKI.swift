import CMSCore
import Crypto
import Foundation
import SwiftASN1
import TimestampClient
import X509

/// An in-process PKI for the tests; nothing here touches the network or the shared interop kit.
///
/// An instance (``shared``) holds a trusted root, TSA certificates with and without the critical
/// timeStamping EKU, a signer, and an untrusted root with its own TSA (the timestamp tests).
/// The static members (`TestPKI+Chain.swift`) are a root → issuing CA chain with leaves of every
/// key type (the CMS tests).
public struct TestPKI: Sendable {
    public struct Identity: Sendable {
        public let key: P256.Signing.PrivateKey
        public let certificate: Certificate

        public func provider(chain: [Certificate] = []) throws -> SoftwareSigningKey {
            try SoftwareSigningKey(privateKeyDER: Array(key.derRepresentation), certificateChain: [certificate] + chain)
        }
    }

    public static let shared: TestPKI = try! TestPKI()
    public static let policy: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 99999, 1, 1]
    public static let otherPolicy: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 99999, 1, 2]

    public let root: Identity
    public let tsa: Identity
    public let tsaNonCriticalEKU: Identity
    public let signer: Identity
    public let untrustedRoot: Identity
    public let untrustedTSA: Identity
    public let notBefore: Date
    public let notAfter: Date

    public init() throws {
        notBefore = Date().addingTimeInterval(-86_400)
        notAfter = Date().addingTimeInterval(365 * 86_400)
        root = try Self.makeRoot(name: "EContractKit Test Root", notBefore: notBefore, notAfter: notAfter)
        untrustedRoot = try Self.makeRoot(name: "Untrusted Test Root", notBefore: notBefore, notAfter: notAfter)
        let critical = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            Critical(try ExtendedKeyUsage([.timeStamping]))
        }
        let nonCritical = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.timeStamping])
        }
        let signing = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
        }
        tsa = try Self.issue(name: "Test TSA", by: root, extensions: critical, notBefore: notBefore, notAfter: notAfter)
        tsaNonCriticalEKU = try Self.issue(name: "Test TSA without critical EKU", by: root, extensions: nonCritical,
                                           notBefore: notBefore, notAfter: notAfter)
        signer = try Self.issue(name: "Test Signer", by: root, extensions: signing, notBefore: notBefore, notAfter: notAfter)
        untrustedTSA = try Self.issue(name: "Untrusted TSA", by: untrustedRoot, extensions: critical, notBefore: notBefore, notAfter: notAfter)
    }

    public static func name(_ commonName: String) throws -> DistinguishedName {
        try DistinguishedName {
            CountryName("JP")
            OrganizationName("EContractKit Tests")
            CommonName(commonName)
        }
    }

    /// A random positive serial number of 16 octets, as the sandbox CA issues. swift-certificates'
    /// default draws 20 random octets, which encode as 21 when the top bit is set: beyond
    /// RFC 5280 §4.1.2.2's 20-octet limit, and NSS (hence pdfsig) then refuses the certificate,
    /// so a test that hands such a certificate to an outside tool would fail about half the time.
    public static func serialNumber() -> Certificate.SerialNumber {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        bytes[0] = bytes[0] & 0x7F | 0x40
        return Certificate.SerialNumber(bytes: bytes)
    }

    public static func makeRoot(name commonName: String, notBefore: Date, notAfter: Date) throws -> Identity {
        let key = P256.Signing.PrivateKey()
        let name = try name(commonName)
        let certificate = try Certificate(
            version: .v3, serialNumber: serialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter, issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(key))
        return Identity(key: key, certificate: certificate)
    }

    public static func issue(name commonName: String, by issuer: Identity, extensions: Certificate.Extensions,
                      notBefore: Date, notAfter: Date) throws -> Identity {
        let key = P256.Signing.PrivateKey()
        let certificate = try Certificate(
            version: .v3, serialNumber: serialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: notBefore, notValidAfter: notAfter, issuer: issuer.certificate.subject,
            subject: try name(commonName), signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
            issuerPrivateKey: .init(issuer.key))
        return Identity(key: key, certificate: certificate)
    }

    /// A local TSA on `identity` (the good TSA by default).
    public func localTSA(_ identity: Identity? = nil, policy: ASN1ObjectIdentifier = TestPKI.policy,
                  clock: @escaping @Sendable () -> Date = { Date() }) throws -> LocalTimestampAuthority {
        LocalTimestampAuthority(key: try (identity ?? tsa).provider(), policy: policy,
                                accuracy: TimestampAccuracy(seconds: 1, millis: 500), ordering: true, clock: clock)
    }

    /// A verifier trusting `root` only.
    public func verifier(acceptedPolicies: [ASN1ObjectIdentifier]? = nil) -> TimestampVerifier {
        TimestampVerifier(policy: TimestampVerificationPolicy(trustAnchors: [root.certificate], acceptedPolicies: acceptedPolicies))
    }
}
