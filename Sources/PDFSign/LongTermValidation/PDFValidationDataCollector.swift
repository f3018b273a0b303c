import CMSCore
import Foundation
import Logging
import TimestampClient
import X509

/// Gathers what long-term validation needs for a set of CMS signatures (ETSI EN 319 142-1
/// §5.4; EN 319 102-1 §5.2.6): every certificate of every chain — signers, timestamp
/// authorities, OCSP responders — and an OCSP response (or, failing that, CRLs) for each
/// certificate that is not a trust anchor, fetched through a `RevocationDataSource`. An
/// issuer missing from the chain is fetched through an `IssuerCertificateSource` (AIA
/// caIssuers) when one is given.
struct PDFValidationDataCollector {
    let source: any RevocationDataSource
    /// Certificates that may complete chains (intermediates, roots) besides those embedded.
    let extraCertificates: [Certificate]
    /// Where missing issuers come from; `nil` fetches none.
    let issuerSource: (any IssuerCertificateSource)?
    /// Fetch failures at debug (the HTTP sources log their own at info); an issuer completed
    /// from the issuer source at info.
    let logger: Logger
    /// What was fetched for each certificate, so that signatures sharing a chain (or a TSA)
    /// share its revocation data instead of fetching a fresh, slightly different copy.
    private let fetched = FetchCache()

    init(source: any RevocationDataSource, extraCertificates: [Certificate],
         issuerSource: (any IssuerCertificateSource)? = nil, logger: Logger = Logger(label: "econtract.ltv")) {
        self.source = source
        self.extraCertificates = extraCertificates
        self.issuerSource = issuerSource
        self.logger = logger
    }

    private final class FetchCache {
        var crls: [Certificate: [[UInt8]]] = [:]  // by issuer
        var ocsp: [Certificate: [UInt8]?] = [:]
        var issuers: [Certificate: [Certificate]] = [:]
    }

    private func crls(for certificate: Certificate, issuer: Certificate) async -> [[UInt8]] {
        // CRLs are per issuer: one fetch serves every certificate it issued.
        if let cached = fetched.crls[issuer] { return cached }
        let lists: [[UInt8]]
        do {
            lists = try await source.crls(for: certificate, issuer: issuer)
        } catch {
            logger.debug("CRL fetch failed", metadata: ["certificate": "\(certificate.subject)", "reason": "\(Self.reason(error))"])
            lists = []
        }
        fetched.crls[issuer] = lists
        return lists
    }

    private func ocspResponse(for certificate: Certificate, issuer: Certificate) async -> [UInt8]? {
        if let cached = fetched.ocsp[certificate] { return cached }
        var response: [UInt8]?
        do {
            response = try await source.ocspResponse(for: certificate, issuer: issuer)
        } catch {
            logger.debug("OCSP fetch failed", metadata: ["certificate": "\(certificate.subject)", "reason": "\(Self.reason(error))"])
        }
        fetched.ocsp[certificate] = .some(response)
        return response
    }

    /// The issuer of `certificate` from ``issuerSource`` (verified: its key signed the
    /// certificate), or `nil`.
    private func fetchedIssuer(of certificate: Certificate) async -> Certificate? {
        guard let issuerSource else { return nil }
        let candidates: [Certificate]
        if let cached = fetched.issuers[certificate] {
            candidates = cached
        } else {
            do {
                candidates = try await issuerSource.issuerCandidates(for: certificate)
            } catch {
                logger.debug("issuer fetch failed", metadata: ["certificate": "\(certificate.subject)", "reason": "\(Self.reason(error))"])
                candidates = []
            }
            fetched.issuers[certificate] = candidates
        }
        guard let issuer = candidates.first(where: { $0.issued(certificate) }) else { return nil }
        logger.info("completed the chain with a fetched issuer certificate", metadata: [
            "certificate": "\(certificate.subject)", "issuer": "\(issuer.subject)",
        ])
        return issuer
    }

    private static func reason(_ error: any Error) -> String {
        (error as? CMSError)?.reason ?? "\(error)"
    }

    /// Adds to `data` the chains and revocation data of `signature` (a signature, or a document
    /// timestamp token whose signer is the TSA) and of the timestamp tokens inside it, recorded
    /// under `key` for /VRI.
    ///
    /// - Throws: ``PDFError/Code/validationDataUnavailable`` when a certificate's issuer is not
    ///   known (give it in `extraCertificates`) or a certificate that needs revocation data gets
    ///   neither an OCSP response nor a CRL: an incomplete B-LT is refused, not written.
    func collect(for signature: CMSSignature, key: String, into data: inout PDFValidationData) async throws {
        var pool = signature.certificates + extraCertificates
        var targets: [Certificate] = []
        if let signer = signature.signers.first, let leaf = signature.certificates.first(where: { signer.identifies($0) }) {
            targets.append(leaf)
        }
        for token in (try? signature.signatureTimestamps()) ?? [] {
            pool += token.signature.certificates
            if let tsaSigner = token.signature.signers.first,
               let tsa = token.signature.certificates.first(where: { tsaSigner.identifies($0) }) {
                targets.append(tsa)
            }
        }
        guard !targets.isEmpty else {
            throw PDFError(.validationDataUnavailable, "the signature names no signer certificate it carries")
        }
        var done: Set<Certificate> = []
        while let certificate = targets.popLast() {
            guard done.insert(certificate).inserted, done.count < 64 else { continue }
            try data.add(certificate: certificate, for: key)
            guard certificate.issuer != certificate.subject else { continue }  // a root: trusted as such
            var known = pool.first(where: { $0.issued(certificate) })
            if known == nil, let fetchedIssuer = await fetchedIssuer(of: certificate) {
                pool.append(fetchedIssuer)
                known = fetchedIssuer
            }
            guard let issuer = known else {
                let hint = issuerSource == nil || certificate.caIssuersURLs.isEmpty
                    ? "" : " (its AIA caIssuers location did not provide it)"
                throw PDFError(.validationDataUnavailable,
                    "the issuer of \(certificate.subject) (\(certificate.issuer)) is not known\(hint): add it (and the root) to the extra certificates (econtract: --dss-cert)")
            }
            targets.append(issuer)
            if certificate.hasOCSPNoCheck { continue }
            // CRLs first, OCSP when there is none: pyHanko's offline (LTA) validation accepts the
            // CRLs in a DSS but not the OCSP responses (seen with its own B-LTA output too).
            let lists = await crls(for: certificate, issuer: issuer)
            if !lists.isEmpty {
                logger.debug("added CRLs", metadata: ["certificate": "\(certificate.subject)", "count": "\(lists.count)"])
                for list in lists { data.add(crl: list, for: key) }
                continue
            }
            if let ocsp = await ocspResponse(for: certificate, issuer: issuer),
               let response = try? OCSPResponse(derBytes: ocsp), response.responseStatus == 0 {
                logger.debug("added an OCSP response", metadata: ["certificate": "\(certificate.subject)"])
                data.add(ocsp: ocsp, for: key)
                for responder in response.basicResponse?.certs ?? [] {
                    pool.append(responder)
                    targets.append(responder)
                }
                continue
            }
            logger.debug("no revocation data", metadata: ["certificate": "\(certificate.subject)"])
            throw PDFError(.validationDataUnavailable, "no OCSP response or CRL could be obtained for \(certificate.subject)")
        }
    }
}
