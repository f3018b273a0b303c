import X509

/// Where a certificate's issuer comes from when a chain lacks it.
///
/// Chains in signatures often stop below the root, and sometimes below an intermediate.
/// ``HTTPIssuerCertificateSource`` follows the certificate's Authority Information Access
/// `caIssuers` location (RFC 5280 §4.2.2.1); apps may plug in their own (a local
/// certificate store, a cache, a corporate proxy, a test fake).
///
/// A source only proposes: callers use a candidate only when its key verifies the
/// certificate's signature, and trust comes from the trust anchors, never from the fetch.
public protocol IssuerCertificateSource: Sendable {
    /// Certificates that may have issued `certificate`; empty when the source knows none.
    ///
    /// - Throws: when the source failed (for example the network); the caller treats a
    ///   failure like an empty answer and reports the issuer as missing.
    func issuerCandidates(for certificate: Certificate) async throws -> [Certificate]
}
