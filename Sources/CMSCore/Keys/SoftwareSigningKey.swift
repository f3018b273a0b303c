import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A private key held in process memory, with its certificate chain.
///
/// Load it from PEM (PKCS#8, PKCS#1 RSA, SEC1 EC), from DER PKCS#8, or from a PKCS#12
/// file (see ``init(pkcs12:password:)``). The key must match the first certificate.
public struct SoftwareSigningKey: SigningKeyProvider {
    enum Storage: Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
        case p384(P384.Signing.PrivateKey)
        case p521(P521.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
    }

    let storage: Storage
    public let certificateChain: [Certificate]

    /// Creates a key from a PEM private key and the signer's certificate chain (leaf first).
    ///
    /// - Throws: ``CMSError/Code/invalidKey`` when the PEM holds no supported, unencrypted
    ///   private key; ``CMSError/Code/invalidCertificate`` when the key does not match the
    ///   leaf certificate.
    public init(privateKeyPEM: String, certificateChain: [Certificate]) throws {
        let document: PEMDocument
        do {
            document = try PEMDocument(pemString: privateKeyPEM)
        } catch {
            throw CMSError(.invalidKey, "the private key is not PEM: \(error)")
        }
        switch document.discriminator {
        case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
            try self.init(privateKeyDER: document.derBytes, certificateChain: certificateChain)
        case "ENCRYPTED PRIVATE KEY":
            throw CMSError(.invalidKey, "the PEM key is encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN.pem) or use a PKCS#12 file")
        default:
            throw CMSError(.invalidKey, "PEM block '\(document.discriminator)' is not a private key")
        }
    }

    /// Creates a key from DER: PKCS#8 `PrivateKeyInfo`, PKCS#1 `RSAPrivateKey` or SEC1 `ECPrivateKey`.
    public init(privateKeyDER der: [UInt8], certificateChain: [Certificate]) throws {
        try self.init(storage: Self.parsePrivateKey(der), certificateChain: certificateChain)
    }

    init(storage: Storage, certificateChain: [Certificate]) throws {
        guard let leaf = certificateChain.first else {
            throw CMSError(.invalidCertificate, "a signing key needs at least the signer's certificate")
        }
        guard leaf.publicKey == storage.publicKey else {
            throw CMSError(.invalidCertificate, "the private key does not match the certificate of \(leaf.subject)")
        }
        self.storage = storage
        self.certificateChain = certificateChain
    }

    /// Loads a PEM key file and PEM certificate files (each may hold several certificates).
    public static func load(keyFile: String, certificateFile: String, chainFiles: [String] = []) throws -> SoftwareSigningKey {
        let keyPEM = try PEMFiles.readText(keyFile)
        var chain = try PEMFiles.certificates(inFile: certificateFile)
        for file in chainFiles { chain += try PEMFiles.certificates(inFile: file) }
        return try SoftwareSigningKey(privateKeyPEM: keyPEM, certificateChain: chain)
    }

    public func sign(_ request: SignatureRequest) async throws -> [UInt8] {
        try signSynchronously(request)
    }

    /// `true`: the key was checked against the leaf certificate when this value was made.
    public var signaturesMatchCertificate: Bool { true }

    /// Signs without suspending; software keys need no I/O.
    public func signSynchronously(_ request: SignatureRequest) throws -> [UInt8] {
        let message = request.message
        let algorithm = request.algorithm
        switch (storage, algorithm.scheme) {
        case (.rsa(let key), .rsaPKCS1v15), (.rsa(let key), .rsaPSS):
            let padding: _RSA.Signing.Padding = algorithm.scheme == .rsaPSS ? .PSS : .insecurePKCS1v1_5
            return Array(try key.signature(for: algorithm.digest.typedDigest(of: message), padding: padding).rawRepresentation)
        case (.p256(let key), .ecdsa):
            return Array(try key.signature(for: algorithm.digest.typedDigest(of: message)).derRepresentation)
        case (.p384(let key), .ecdsa):
            return Array(try key.signature(for: algorithm.digest.typedDigest(of: message)).derRepresentation)
        case (.p521(let key), .ecdsa):
            return Array(try key.signature(for: algorithm.digest.typedDigest(of: message)).derRepresentation)
        case (.ed25519(let key), .ed25519):
            return Array(try key.signature(for: message))
        default:
            throw CMSError(.unsupportedAlgorithm, "a \(storage.keyDescription) key cannot sign with \(algorithm)")
        }
    }

    static func parsePrivateKey(_ der: [UInt8]) throws -> Storage {
        if let key = try? _RSA.Signing.PrivateKey(derRepresentation: der) { return .rsa(key) }
        if let key = try? P256.Signing.PrivateKey(derRepresentation: der) { return .p256(key) }
        if let key = try? P384.Signing.PrivateKey(derRepresentation: der) { return .p384(key) }
        if let key = try? P521.Signing.PrivateKey(derRepresentation: der) { return .p521(key) }
        if let key = try? Curve25519.Signing.PrivateKey(derRepresentation: der) { return .ed25519(key) }
        throw CMSError(.invalidKey, "not an RSA, P-256, P-384, P-521 or Ed25519 private key in PKCS#8, PKCS#1 or SEC1 form")
    }
}

extension SoftwareSigningKey.Storage {
    var publicKey: Certificate.PublicKey {
        switch self {
        case .rsa(let key): Certificate.PublicKey(key.publicKey)
        case .p256(let key): Certificate.PublicKey(key.publicKey)
        case .p384(let key): Certificate.PublicKey(key.publicKey)
        case .p521(let key): Certificate.PublicKey(key.publicKey)
        case .ed25519(let key): Certificate.PublicKey(key.publicKey)
        }
    }

    var keyDescription: String {
        switch self {
        case .rsa(let key): "RSA-\(key.keySizeInBits)"
        case .p256: "P-256"
        case .p384: "P-384"
        case .p521: "P-521"
        case .ed25519: "Ed25519"
        }
    }
}

extension SoftwareSigningKey {
    /// The same key with another certificate chain (leaf first); the leaf must match the key.
    public func replacingCertificateChain(_ chain: [Certificate]) throws -> SoftwareSigningKey {
        try SoftwareSigningKey(storage: storage, certificateChain: chain)
    }
}
