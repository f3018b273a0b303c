import Crypto
import Foundation
import SwiftASN1
import X509

/// A throw-away PKI for demos, tests and offline development: a root CA, an issuing CA and
/// signer certificates, kept as PEM files in one folder so runs can be repeated and other
/// tools (OpenSSL, pyHanko) can be told to trust the root.
///
/// - Warning: Sandbox keys sit unencrypted on disk and the root is trusted by nobody. The
///   SDK never uses the sandbox unless asked to; never use it for real contracts.
public struct SandboxPKI: Sendable {
    /// The folder holding the PEM files.
    public let directory: URL
    public let root: Certificate
    public let issuingCA: Certificate
    let issuingKey: P256.Signing.PrivateKey
    /// The root's key: kept by sandboxes created since revocation of the issuing CA was added
    /// (older sandbox folders have none, and their issuing CA gets no revocation data).
    let rootKey: P256.Signing.PrivateKey?

    /// The file name of the root certificate, which other tools are told to trust.
    public static let rootFileName = "sandbox-root.pem"

    /// Opens the sandbox in `directory`, creating the CA certificates and keys on first use.
    public static func openOrCreate(at directory: URL) throws -> SandboxPKI {
        let files = Files(directory: directory)
        if FileManager.default.fileExists(atPath: files.root.path), FileManager.default.fileExists(atPath: files.issuingKey.path) {
            let issuingKey: P256.Signing.PrivateKey
            do {
                issuingKey = try P256.Signing.PrivateKey(pemRepresentation: PEMFiles.readText(files.issuingKey.path))
            } catch {
                throw CMSError(.invalidKey, "the sandbox's issuing CA key \(files.issuingKey.path) cannot be read: \(error)")
            }
            let rootKey = (try? PEMFiles.readText(files.rootKey.path)).flatMap { try? P256.Signing.PrivateKey(pemRepresentation: $0) }
            // PEMFiles.certificates throws unless it found at least one certificate.
            return SandboxPKI(
                directory: directory,
                root: try PEMFiles.certificates(inFile: files.root.path)[0],
                issuingCA: try PEMFiles.certificates(inFile: files.issuingCA.path)[0],
                issuingKey: issuingKey, rootKey: rootKey)
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CMSError(.invalidArgument, "cannot create sandbox folder \(directory.path): \(error.localizedDescription)")
        }
        let rootKey = P256.Signing.PrivateKey()
        let root = try Self.makeCA(commonName: "EContractKit Sandbox Root CA", key: rootKey, years: 20, issuer: nil)
        let issuingKey = P256.Signing.PrivateKey()
        let issuing = try Self.makeCA(commonName: "EContractKit Sandbox Issuing CA", key: issuingKey, years: 15, issuer: (root, rootKey))
        try Self.write(try root.serializeAsPEM().pemString, to: files.root)
        try Self.write(try issuing.serializeAsPEM().pemString, to: files.issuingCA)
        try Self.write(issuingKey.pemRepresentation, to: files.issuingKey)
        try Self.write(rootKey.pemRepresentation, to: files.rootKey)
        return SandboxPKI(directory: directory, root: root, issuingCA: issuing, issuingKey: issuingKey, rootKey: rootKey)
    }

    /// A signing key for `name` (created and stored on first use), with its chain.
    ///
    /// - Parameters:
    ///   - name: a file-name-safe identifier, such as `party-a`.
    ///   - subject: the certificate's subject on first creation.
    public func signer(named name: String, subject: @autoclosure () throws -> DistinguishedName) throws -> SoftwareSigningKey {
        try key(named: name, purpose: .signing, subject: try subject())
    }

    /// The sandbox TSA's key (created and stored on first use): a certificate with a critical
    /// extendedKeyUsage of id-kp-timeStamping only, as RFC 3161 §2.3 requires.
    public func timestampAuthorityKey() throws -> SoftwareSigningKey {
        try key(named: "sandbox-tsa", purpose: .timeStamping, subject: try DistinguishedName {
            CountryName("JP")
            OrganizationName("EContractKit Sandbox")
            CommonName("EContractKit Sandbox TSA")
        })
    }

    /// An OCSP responder and CRL issuer for the sandbox's issuing CA, signing with the CA's
    /// key, for offline demos: pass it as the source of ``RevocationPolicy/online(_:data:preference:)``
    /// or collect its responses and CRLs with ``LocalRevocationAuthority/revocationData(for:)``.
    ///
    /// The authority keeps its revocations in memory only; each call makes a new one.
    ///
    /// - Parameters:
    ///   - revocations: the sandbox certificates to report as revoked.
    ///   - configuration: validity windows, responder ID form and clock.
    public func revocationAuthority(revocations: [LocalRevocationAuthority.Revocation] = [],
                                    configuration: LocalRevocationAuthority.Configuration = .init()) throws -> LocalRevocationAuthority {
        let key = try SoftwareSigningKey(privateKeyDER: Array(issuingKey.derRepresentation), certificateChain: [issuingCA, root])
        return try LocalRevocationAuthority(issuer: issuingCA, issuerKey: key, revocations: revocations, configuration: configuration)
    }

    /// Revocation data for the whole sandbox: the issuing CA's authority for the certificates it
    /// issued and, when the root's key is at hand, the root's authority for the issuing CA.
    /// This is what long-term validation (PAdES B-LT) collects from.
    public func revocationDataSource(revocations: [LocalRevocationAuthority.Revocation] = [],
                                     configuration: LocalRevocationAuthority.Configuration = .init()) throws -> any RevocationDataSource {
        var authorities = [try revocationAuthority(revocations: revocations, configuration: configuration)]
        if let rootKey {
            let key = try SoftwareSigningKey(privateKeyDER: Array(rootKey.derRepresentation), certificateChain: [root])
            authorities.append(try LocalRevocationAuthority(issuer: root, issuerKey: key, configuration: configuration))
        }
        return SandboxRevocationSource(authorities: authorities)
    }

    /// What an end-entity certificate of the sandbox is for.
    enum Purpose { case signing, timeStamping }

    /// Serializes creation of key/certificate pairs within the process: two callers asking for
    /// the same new name must not interleave their files (a key from one, a certificate from the other).
    private static let creationLock = NSLock()

    func key(named name: String, purpose: Purpose, subject: @autoclosure () throws -> DistinguishedName) throws -> SoftwareSigningKey {
        Self.creationLock.lock()
        defer { Self.creationLock.unlock() }
        let keyFile = directory.appendingPathComponent("\(name).key.pem")
        let certFile = directory.appendingPathComponent("\(name).cert.pem")
        if FileManager.default.fileExists(atPath: keyFile.path), FileManager.default.fileExists(atPath: certFile.path) {
            return try SoftwareSigningKey.load(keyFile: keyFile.path, certificateFile: certFile.path, chainFiles: [Files(directory: directory).issuingCA.path])
        }
        let key = P256.Signing.PrivateKey()
        let certificate = try issueLeaf(publicKey: .init(key.publicKey), subject: try subject(), purpose: purpose)
        try Self.write(key.pemRepresentation, to: keyFile)
        try Self.write(try certificate.serializeAsPEM().pemString, to: certFile)
        return try SoftwareSigningKey(privateKeyDER: Array(key.derRepresentation), certificateChain: [certificate, issuingCA])
    }

    /// Issues an end-entity signing certificate (digitalSignature, nonRepudiation; five years)
    /// for `publicKey` from the sandbox's issuing CA.
    public func issueLeaf(publicKey: Certificate.PublicKey, commonName: String) throws -> Certificate {
        try issueLeaf(publicKey: publicKey, subject: try DistinguishedName {
            CountryName("JP")
            OrganizationName("EContractKit Sandbox")
            CommonName(commonName)
        })
    }

    func issueLeaf(publicKey: Certificate.PublicKey, subject: DistinguishedName, purpose: Purpose = .signing) throws -> Certificate {
        let now = Date()
        return try Certificate(
            version: .v3, serialNumber: Self.serialNumber(), publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(5 * 365 * 86400),
            issuer: issuingCA.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
                if purpose == .timeStamping {
                    Critical(try ExtendedKeyUsage([.timeStamping]))
                }
                SubjectKeyIdentifier(keyIdentifier: ArraySlice(Insecure.SHA1.hash(data: publicKey.subjectPublicKeyInfoBytes)))
                AuthorityKeyIdentifier(keyIdentifier: try issuingCA.extensions.subjectKeyIdentifier?.keyIdentifier)
            },
            issuerPrivateKey: .init(issuingKey))
    }

    /// The path of the root certificate file.
    public var rootCertificatePath: String { Files(directory: directory).root.path }

    struct Files {
        let directory: URL
        var root: URL { directory.appendingPathComponent(SandboxPKI.rootFileName) }
        var issuingCA: URL { directory.appendingPathComponent("sandbox-issuing-ca.pem") }
        var issuingKey: URL { directory.appendingPathComponent("sandbox-issuing-ca.key.pem") }
        var rootKey: URL { directory.appendingPathComponent("sandbox-root.key.pem") }
    }

    /// A CA certificate valid for `years`, self-signed when `issuer` is `nil`.
    private static func makeCA(commonName: String, key: P256.Signing.PrivateKey, years: Double,
                               issuer: (certificate: Certificate, key: P256.Signing.PrivateKey)?) throws -> Certificate {
        let now = Date()
        let name = try DistinguishedName {
            CountryName("JP")
            OrganizationName("EContractKit Sandbox")
            CommonName(commonName)
        }
        let publicKey = Certificate.PublicKey(key.publicKey)
        return try Certificate(
            version: .v3, serialNumber: Self.serialNumber(), publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(years * 365 * 86400),
            issuer: issuer?.certificate.subject ?? name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(keyIdentifier: ArraySlice(Insecure.SHA1.hash(data: publicKey.subjectPublicKeyInfoBytes)))
                if let issuer {
                    AuthorityKeyIdentifier(keyIdentifier: try issuer.certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
                }
            },
            issuerPrivateKey: .init(issuer?.key ?? key))
    }

    /// A random positive serial number of 16 octets. (swift-certificates' default draws 20
    /// random octets, which encode as 21 when the top bit is set — beyond RFC 5280 §4.1.2.2's
    /// 20-octet limit, and NSS, hence poppler's pdfsig, then refuses the certificate.)
    static func serialNumber() -> Certificate.SerialNumber {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        bytes[0] = bytes[0] & 0x7F | 0x40
        return Certificate.SerialNumber(bytes: bytes)
    }

    private static func write(_ text: String, to url: URL) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw CMSError(.invalidArgument, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
