import CMSCore
import Foundation

/// Fetches missing issuers over AIA caIssuers (HTTP) and remembers what it fetched, so that
/// `pdf sign` and `pdf ltv` can say that the chain was completed from the network.
///
/// `@unchecked Sendable`: `fetched` is only read and written under `lock`.
final class NotingIssuerSource: IssuerCertificateSource, @unchecked Sendable {
    private let base: any IssuerCertificateSource
    private let lock = NSLock()
    private var fetched: [(certificate: Certificate, issuers: [Certificate])] = []

    init(base: any IssuerCertificateSource = HTTPIssuerCertificateSource()) {
        self.base = base
    }

    func issuerCandidates(for certificate: Certificate) async throws -> [Certificate] {
        let issuers = try await base.issuerCandidates(for: certificate)
        if !issuers.isEmpty { lock.withLock { fetched.append((certificate, issuers)) } }
        return issuers
    }

    /// One line per fetched issuer, for stdout after the command's result.
    var notes: [String] {
        lock.withLock { fetched }.map { entry in
            let url = entry.certificate.caIssuersURLs.first?.redactedForLogging ?? "its AIA caIssuers location"
            return "note: the chain lacked the issuer of \(entry.certificate.subject); fetched \(entry.issuers[0].subject) from \(url) (AIA caIssuers)"
        }
    }
}
