import CMSCore

/// A time-stamping authority: give it a digest, get back an RFC 3161 token over it.
///
/// ``HTTPTimestampAuthority`` talks to a remote TSA; ``LocalTimestampAuthority`` issues
/// tokens in process (tests, closed systems). Implementations check what they receive:
/// a token returned by ``timestamp(digest:algorithm:)`` stamps exactly that digest.
public protocol TimestampAuthority: Sendable {
    /// The hash algorithm this authority prefers for imprints (used by CAdES-T).
    var preferredDigestAlgorithm: DigestAlgorithm { get }

    /// Obtains a token over `digest`, computed with `algorithm`.
    ///
    /// - Throws: ``TimestampError`` (rejections, transport failures, malformed or
    ///   mismatching replies).
    func timestamp(digest: [UInt8], algorithm: DigestAlgorithm) async throws -> TimestampToken
}

extension TimestampAuthority {
    /// SHA-256 unless an authority says otherwise.
    public var preferredDigestAlgorithm: DigestAlgorithm { .sha256 }

    /// Obtains a token over `data`, hashed with ``preferredDigestAlgorithm``.
    public func timestamp(data: [UInt8]) async throws -> TimestampToken {
        let algorithm = preferredDigestAlgorithm
        return try await timestamp(digest: algorithm.hash(data), algorithm: algorithm)
    }
}
