import X509

/// The sandbox's revocation authorities behind one ``RevocationDataSource``: each request goes
/// to the authority of the certificate's issuer.
struct SandboxRevocationSource: RevocationDataSource {
    let authorities: [LocalRevocationAuthority]

    func ocspResponse(for certificate: Certificate, issuer: Certificate) async throws -> [UInt8]? {
        try await authorities.first { $0.issuer == issuer }?.ocspResponse(for: certificate, issuer: issuer)
    }

    func crls(for certificate: Certificate, issuer: Certificate) async throws -> [[UInt8]] {
        try await authorities.first { $0.issuer == issuer }?.crls(for: certificate, issuer: issuer) ?? []
    }
}
