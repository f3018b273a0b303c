import X509

/// What a key provider is asked to sign.
///
/// Providers that sign whole messages (Ed25519, most software keys) use ``message``;
/// providers that sign only digests (HSMs, cloud KMS, smart cards) use ``digest``, which
/// is always ``algorithm``'s digest of ``message``.
public struct SignatureRequest: Hashable, Sendable {
    /// The data to be signed: for CMS, the DER encoding of the signed attributes.
    public let message: [UInt8]
    /// `algorithm.digest` of ``message``.
    public let digest: [UInt8]
    /// The scheme and digest to sign with.
    public let algorithm: SignatureAlgorithm

    public init(message: [UInt8], algorithm: SignatureAlgorithm) {
        self.message = message
        self.digest = algorithm.digest.hash(message)
        self.algorithm = algorithm
    }
}

/// A signing key held by the app, an HSM, a cloud KMS, a smart card or a phone.
///
/// The SDK never sees private key material: it hands the provider a ``SignatureRequest``
/// and receives signature bytes. Implement this protocol to plug in any key store;
/// ``SoftwareSigningKey``, ``ExternalSigningKey`` and ``CSCSigningKey`` (a Cloud Signature
/// Consortium API remote signing service) are the shipped implementations.
public protocol SigningKeyProvider: Sendable {
    /// The signer's certificate first, followed by the intermediates that lead to a trust
    /// anchor. A root may be included; signers leave it out of CMS unless asked.
    var certificateChain: [Certificate] { get async throws }

    /// Signs `request`.
    ///
    /// - Returns: the signature value as it goes into CMS: for RSA the raw modulus-sized
    ///   value, for ECDSA the DER `ECDSA-Sig-Value`, for Ed25519 the 64 raw bytes.
    /// - Throws: any error; the SDK wraps it as ``CMSError/Code/signingFailed`` and keeps it as
    ///   ``CMSError/underlyingError``.
    func sign(_ request: SignatureRequest) async throws -> [UInt8]

    /// Whether every signature this provider returns is known to verify with the first
    /// certificate of ``certificateChain`` (for example because the key was checked against
    /// it when loaded). Signers then skip their own check. Defaults to `false`.
    var signaturesMatchCertificate: Bool { get }
}

extension SigningKeyProvider {
    public var signaturesMatchCertificate: Bool { false }

    /// The signer's own certificate.
    public var signerCertificate: Certificate {
        get async throws {
            guard let first = try await certificateChain.first else {
                throw CMSError(.invalidCertificate, "the key provider returned no certificate")
            }
            return first
        }
    }
}
