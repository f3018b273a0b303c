import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// Makes detached CMS signatures (CAdES-B-B, ETSI EN 319 122-1) through a ``SigningKeyProvider``.
///
/// The signer never needs the whole content: give it a digest, a byte buffer or a file
/// (read in chunks). Signed attributes are content-type, message-digest and ESS
/// signing-certificate-v2 with issuerSerial, plus signing-time and CMS algorithm
/// protection when ``CAdESSigningOptions`` asks for them.
///
/// ```swift
/// let key = try SoftwareSigningKey.load(keyFile: "key.pem", certificateFile: "cert.pem")
/// let signature = try await CAdESSigner(key: key).sign(content: Array(data))
/// let der = try signature.derEncoded()
/// ```
public struct CAdESSigner: Sendable {
    public let key: any SigningKeyProvider
    public var options: CAdESSigningOptions
    private let identities: SignerIdentityCache

    public init(key: any SigningKeyProvider, options: CAdESSigningOptions = .init()) {
        self.init(key: key, options: options, identities: SignerIdentityCache())
    }

    /// A signer sharing `identities` with others, so that callers that make a signer per
    /// signature (a TSA issuing tokens) still encode their certificates once.
    package init(key: any SigningKeyProvider, options: CAdESSigningOptions, identities: SignerIdentityCache) {
        self.key = key
        self.options = options
        self.identities = identities
    }

    /// The digest algorithm this signer uses with its key: ``CAdESSigningOptions/digestAlgorithm``
    /// when set, else SHA-512 for an Ed25519 key and SHA-256 for the others.
    ///
    /// - Throws: ``CMSError/Code/invalidCertificate`` when the key provider has no
    ///   certificate, ``CMSError/Code/invalidArgument`` when the chosen digest contradicts
    ///   the key (Ed25519 with anything but SHA-512).
    public func digestAlgorithm() async throws -> DigestAlgorithm {
        guard let leaf = try await key.certificateChain.first else {
            throw CMSError(.invalidCertificate, "the key provider returned no certificate")
        }
        return try resolvedDigestAlgorithm(for: leaf.publicKey)
    }

    /// The digest for `publicKey`, refusing a chosen one that contradicts it.
    private func resolvedDigestAlgorithm(for publicKey: Certificate.PublicKey) throws -> DigestAlgorithm {
        let algorithm = options.digestAlgorithm(for: publicKey)
        if Curve25519.Signing.PublicKey(publicKey) != nil, algorithm != .sha512 {
            throw CMSError(.invalidArgument,
                "an Ed25519 key signs with SHA-512 in CMS (RFC 8419 §3), but \(algorithm) was asked for: choose sha512 or leave the digest unset")
        }
        return algorithm
    }

    /// Signs content given in memory.
    public func sign(content: some DataProtocol) async throws -> CMSSignature {
        try await sign(digest: digestAlgorithm().hash(content))
    }

    /// Signs a file, hashing it in 1 MiB chunks.
    public func sign(fileAt path: String) async throws -> CMSSignature {
        try await sign(digest: FileDigest.digest(ofFileAt: path, algorithm: digestAlgorithm()))
    }

    /// Signs content known only by its digest, computed with ``digestAlgorithm()`` (the
    /// chosen digest, or the key's: SHA-512 for Ed25519, SHA-256 otherwise).
    ///
    /// - Throws: ``CMSError/Code/invalidArgument`` for a digest of the wrong length or a
    ///   chosen digest that contradicts the key,
    ///   ``CMSError/Code/weakAlgorithmRefused`` for SHA-1 or RSA below 2048 bits,
    ///   ``CMSError/Code/signingFailed`` when the key provider fails or returns a signature
    ///   that does not verify.
    public func sign(digest: [UInt8]) async throws -> CMSSignature {
        try await makeSignature(digest: digest, encapsulatedContent: nil)
    }

    /// Signs `content` and carries it inside the SignedData (an enveloping signature, as
    /// RFC 3161 tokens are: set ``CAdESSigningOptions/contentType`` to the content's type).
    public func sign(encapsulating content: [UInt8]) async throws -> CMSSignature {
        try await makeSignature(digest: digestAlgorithm().hash(content), encapsulatedContent: content)
    }

    private func makeSignature(digest: [UInt8], encapsulatedContent: [UInt8]?) async throws -> CMSSignature {
        let prepared = try await prepare(digest: digest, encapsulatedContent: encapsulatedContent)
        let signature: [UInt8]
        do {
            signature = try await key.sign(prepared.signatureRequest)
        } catch let error as CMSError {
            throw error
        } catch {
            throw CMSError(.signingFailed, "the key provider failed: \(error)", underlying: error)
        }
        return try prepared.completed(
            signatureValue: signature, checkingSignature: options.verifiesAfterSigning ?? !key.signaturesMatchCertificate)
    }

    /// The first phase of two-phase (deferred) signing: builds the signed attributes over
    /// `digest` with the key provider's certificates, without calling its `sign`.
    ///
    /// Hand ``PreparedCMSSignature/signatureRequest`` to wherever the key lives (a remote
    /// signing service, a phone), keep the prepared value (it is `Codable`), and finish with
    /// ``PreparedCMSSignature/completed(signatureValue:checkingSignature:)``.
    public func prepare(digest: [UInt8]) async throws -> PreparedCMSSignature {
        try await prepare(digest: digest, encapsulatedContent: nil)
    }

    private func prepare(digest: [UInt8], encapsulatedContent: [UInt8]?) async throws -> PreparedCMSSignature {
        let chain = try await key.certificateChain
        guard let leaf = chain.first else {
            throw CMSError(.invalidCertificate, "the key provider returned no certificate")
        }
        let digestAlgorithm = try resolvedDigestAlgorithm(for: leaf.publicKey)
        guard !digestAlgorithm.isWeak else {
            throw CMSError(.weakAlgorithmRefused, "\(digestAlgorithm) is refused for new signatures")
        }
        guard digest.count == digestAlgorithm.outputByteCount else {
            throw CMSError(.invalidArgument, "a \(digestAlgorithm) digest has \(digestAlgorithm.outputByteCount) bytes, got \(digest.count)")
        }
        let algorithm = try Self.signatureAlgorithm(for: leaf.publicKey, digest: digestAlgorithm, pss: options.usesRSAPSS)
        let signatureAlgorithmIdentifier = try algorithm.signerInfoIdentifier
        let digestAlgorithmIdentifier = CMSAlgorithmIdentifier(algorithm: algorithm.digest.oid)

        let identity = try identities.identity(chain: chain, digest: algorithm.digest, includesRoot: options.includesRootCertificate)
        let attributes = try SignedAttributesBuilder(
            contentType: options.contentType, messageDigest: digest,
            signingCertificate: identity.signingCertificateAttribute, signingTime: options.signingTime,
            algorithmProtection: options.includesAlgorithmProtection
                ? CMSAlgorithmProtection(digestAlgorithm: digestAlgorithmIdentifier, signatureAlgorithm: signatureAlgorithmIdentifier)
                : nil,
            additional: try etsiAttributes() + options.additionalSignedAttributes
        ).build()

        let signerInfo = try CMSSignerInfo(
            sid: .issuerAndSerialNumber(try CMSIssuerAndSerialNumber(leaf)),
            digestAlgorithm: digestAlgorithmIdentifier, signedAttrs: attributes,
            signatureAlgorithm: signatureAlgorithmIdentifier, signature: [])
        // RFC 5652 §5.1: version 3 when the encapsulated content is not id-data.
        let version = options.contentType == CMSObjectIdentifier.ContentType.data ? 1 : 3
        let signedData = CMSSignedData(
            version: version, digestAlgorithms: [digestAlgorithmIdentifier],
            encapContentInfo: CMSEncapsulatedContentInfo(eContentType: options.contentType, eContent: encapsulatedContent?[...]),
            certificates: identity.embeddedCertificatesDER, crls: nil, signerInfos: [signerInfo])
        return try PreparedCMSSignature(
            unsigned: CMSSignature(signedData: signedData, certificates: identity.embeddedCertificates),
            signerCertificate: leaf, algorithm: algorithm)
    }

    /// commitment-type-indication and signer-attributes-v2, when chosen.
    private func etsiAttributes() throws -> [(type: ASN1ObjectIdentifier, valueDER: [UInt8])] {
        var attributes: [(type: ASN1ObjectIdentifier, valueDER: [UInt8])] = []
        if let commitment = options.commitmentType { attributes.append((CMSCommitmentType.attributeType, try commitment.valueDER())) }
        if let signer = options.signerAttributes { attributes.append((CMSSignerAttributes.attributeType, try signer.valueDER())) }
        return attributes
    }

    /// The signature algorithm used for a key: PKCS#1 v1.5 or PSS for RSA (≥ 2048 bits),
    /// ECDSA for P-256/P-384/P-521, Ed25519 (always with SHA-512).
    public static func signatureAlgorithm(for publicKey: Certificate.PublicKey, digest: DigestAlgorithm, pss: Bool) throws -> SignatureAlgorithm {
        if let rsa = _RSA.Signing.PublicKey(publicKey) {
            guard rsa.keySizeInBits >= 2048 else {
                throw CMSError(.weakAlgorithmRefused, "RSA-\(rsa.keySizeInBits) is refused for new signatures (minimum 2048 bits)")
            }
            return pss ? .rsaPSS(digest) : .rsaPKCS1v15(digest)
        }
        if P256.Signing.PublicKey(publicKey) != nil || P384.Signing.PublicKey(publicKey) != nil || P521.Signing.PublicKey(publicKey) != nil {
            return .ecdsa(digest)
        }
        if Curve25519.Signing.PublicKey(publicKey) != nil {
            guard digest == .sha512 else {
                throw CMSError(.unsupportedAlgorithm, "Ed25519 in CMS requires SHA-512 (RFC 8419); got \(digest)")
            }
            return .ed25519
        }
        throw CMSError(.unsupportedAlgorithm, "the certificate's public key type is not supported for signing")
    }
}

extension Certificate {
    /// Whether subject and issuer are the same name (a root or a self-issued certificate).
    package var isSelfIssued: Bool { subject == issuer }
}
