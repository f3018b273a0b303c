import X509

/// A key held elsewhere — an HSM, a cloud KMS, a smart card, a phone — reached through a closure.
///
/// ```swift
/// let key = ExternalSigningKey(certificateChain: chain) { request in
///     try await kms.sign(digest: request.digest, algorithm: request.algorithm)
/// }
/// ```
/// The closure receives the full ``SignatureRequest`` (message and digest) and returns the
/// signature bytes in the form ``SigningKeyProvider/sign(_:)`` describes.
public struct ExternalSigningKey: SigningKeyProvider {
    public let certificateChain: [Certificate]
    private let signer: @Sendable (SignatureRequest) async throws -> [UInt8]

    public init(
        certificateChain: [Certificate],
        sign signer: @escaping @Sendable (SignatureRequest) async throws -> [UInt8]
    ) {
        self.certificateChain = certificateChain
        self.signer = signer
    }

    public func sign(_ request: SignatureRequest) async throws -> [UInt8] {
        try await signer(request)
    }
}
