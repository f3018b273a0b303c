import CMSCore
import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A root, an issuing CA and leaves of every key type, made once per test process.
extension TestPKI {
    public enum KeyType: String, CaseIterable, Sendable {
        case rsa2048, p256, p384, p521, ed25519
    }

    public static let now = Date()
    public static let rootKey = P256.Signing.PrivateKey()
    public static let root: Certificate = makeCA(name: "EContractKit Test Root", key: .init(rootKey), issuer: nil)
    public static let intermediateKey = P256.Signing.PrivateKey()
    public static let intermediate: Certificate = makeCA(
        name: "EContractKit Test Issuing CA", key: .init(intermediateKey), issuer: (root, .init(rootKey)))
    /// Another root that signs nothing the tests trust.
    public static let otherRootKey = P256.Signing.PrivateKey()
    public static let otherRoot: Certificate = makeCA(name: "Unrelated Root", key: .init(otherRootKey), issuer: nil)

    public static let rsaKey = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    /// The DER PKCS#8/PKCS#1/SEC1 private key of each type, made once.
    public static let privateKeys: [KeyType: [UInt8]] = [
        .rsa2048: Array(rsaKey.derRepresentation),
        .p256: Array(P256.Signing.PrivateKey().derRepresentation),
        .p384: Array(P384.Signing.PrivateKey().derRepresentation),
        .p521: Array(P521.Signing.PrivateKey().derRepresentation),
        .ed25519: Array(Curve25519.Signing.PrivateKey().derRepresentation),
    ]

    public static func publicKey(_ type: KeyType) -> Certificate.PublicKey {
        let der = privateKeys[type]!
        switch type {
        case .rsa2048: return .init(try! _RSA.Signing.PrivateKey(derRepresentation: der).publicKey)
        case .p256: return .init(try! P256.Signing.PrivateKey(derRepresentation: der).publicKey)
        case .p384: return .init(try! P384.Signing.PrivateKey(derRepresentation: der).publicKey)
        case .p521: return .init(try! P521.Signing.PrivateKey(derRepresentation: der).publicKey)
        case .ed25519: return .init(try! Curve25519.Signing.PrivateKey(derRepresentation: der).publicKey)
        }
    }

    /// A leaf certificate for `type`, issued by the intermediate; `extra` extensions are appended
    /// and `basicConstraints` can make it a CA.
    public static func leaf(
        _ type: KeyType, name: String = "Signer", notBefore: Date = now.addingTimeInterval(-3600),
        notAfter: Date = now.addingTimeInterval(365 * 86400), keyUsage: KeyUsage = KeyUsage(digitalSignature: true, nonRepudiation: true),
        basicConstraints: BasicConstraints = .notCertificateAuthority, extra: [Certificate.Extension] = [],
        authorityInformationAccess: AuthorityInformationAccess? = nil
    ) -> Certificate {
        var extensions = try! Certificate.Extensions {
            Critical(basicConstraints)
            Critical(keyUsage)
            SubjectKeyIdentifier(hash: publicKey(type))
        }
        for item in extra { try! extensions.append(item) }
        if let authorityInformationAccess { try! extensions.append(Certificate.Extension(authorityInformationAccess, critical: false)) }
        return try! Certificate(
            version: .v3, serialNumber: TestPKI.serialNumber(), publicKey: publicKey(type),
            notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: intermediate.subject, subject: try! DistinguishedName { CommonName("\(name) \(type.rawValue)") },
            signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
            issuerPrivateKey: .init(intermediateKey))
    }

    /// A software signing key of `type` with chain leaf → intermediate → root.
    public static func signingKey(_ type: KeyType, leaf: Certificate? = nil) throws -> SoftwareSigningKey {
        try SoftwareSigningKey(privateKeyDER: privateKeys[type]!, certificateChain: [leaf ?? self.leaf(type), intermediate, root])
    }

    public static func policy(at time: Date? = nil, anchors: [Certificate] = [root]) -> CMSVerificationPolicy {
        CMSVerificationPolicy(trustAnchors: anchors, validationTime: time)
    }

    private static func makeCA(name: String, key: Certificate.PrivateKey, issuer: (Certificate, Certificate.PrivateKey)?) -> Certificate {
        let subject = try! DistinguishedName { CommonName(name) }
        return try! Certificate(
            version: .v3, serialNumber: TestPKI.serialNumber(), publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-86400 * 30), notValidAfter: now.addingTimeInterval(86400 * 3650),
            issuer: issuer?.0.subject ?? subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try! Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: key.publicKey)
            },
            issuerPrivateKey: issuer?.1 ?? key)
    }
}

extension SubjectKeyIdentifier {
    public init(hash key: Certificate.PublicKey) {
        self.init(keyIdentifier: ArraySlice(Insecure.SHA1.hash(data: key.subjectPublicKeyInfoBytes)))
    }
}
