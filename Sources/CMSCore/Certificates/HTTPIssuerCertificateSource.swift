import Foundation
import Logging
import SwiftASN1
import X509

/// Fetches a certificate's issuer from its Authority Information Access `caIssuers` URLs
/// (RFC 5280 §4.2.2.1) over an ``HTTPTransport``.
///
/// A `caIssuers` location serves a single DER certificate (`application/pkix-cert`) or a
/// "certs-only" CMS SignedData with one or more certificates (`application/pkcs7-mime`,
/// `.p7c`); PEM is accepted too, as some CAs serve it. Only candidates whose key verifies
/// the certificate's signature are returned. Only `http:` URLs are followed: certificates
/// are signed, and an `https:` fetch could itself need path validation (RFC 5280 §4.2.2.1).
///
/// ```swift
/// let issuers = try await HTTPIssuerCertificateSource().issuerCandidates(for: intermediate)
/// ```
public struct HTTPIssuerCertificateSource: IssuerCertificateSource {
    /// The HTTP client (created lazily by the default: no network setup until a fetch).
    public var transport: any HTTPTransport
    /// How long each request may take.
    public var timeout: Duration
    /// The largest response accepted.
    public var maximumResponseSize: Int
    /// Where fetches and failures are logged (`debug`; failures that are otherwise only
    /// visible as a missing issuer at `info`).
    public var logger: Logger

    /// A source using `transport`, allowing `timeout` per request.
    public init(transport: any HTTPTransport = DefaultHTTPTransport(), timeout: Duration = .seconds(15),
                maximumResponseSize: Int = 1024 * 1024, logger: Logger = Logger(label: "econtract.aia")) {
        self.transport = transport
        self.timeout = timeout
        self.maximumResponseSize = maximumResponseSize
        self.logger = logger
    }

    /// The certificates at `certificate`'s `caIssuers` URLs that issued it; empty when it
    /// names no `http:` location.
    ///
    /// - Throws: ``CMSError`` (``CMSError/Code/transportFailure``, ``CMSError/Code/timeout``
    ///   or ``CMSError/Code/badResponse``) when every location failed.
    public func issuerCandidates(for certificate: Certificate) async throws -> [Certificate] {
        var failures: [CMSError] = []
        for url in certificate.caIssuersURLs {
            logger.debug("fetching issuer certificate", metadata: [
                "url": "\(url.redactedForLogging)", "certificate": "\(certificate.subject)",
            ])
            do {
                let response = try await transport.send(HTTPRequest(url: url, method: "GET", timeout: timeout))
                guard response.status == 200 else {
                    throw CMSError(.badResponse, "caIssuers \(url.redactedForLogging) answered HTTP \(response.status)")
                }
                guard response.body.count <= maximumResponseSize else {
                    throw CMSError(.badResponse, "caIssuers \(url.redactedForLogging) sent more than \(maximumResponseSize) bytes")
                }
                let issuers = try Self.certificates(in: response.body).filter { $0.issued(certificate) }
                guard !issuers.isEmpty else {
                    throw CMSError(.badResponse, "caIssuers \(url.redactedForLogging) holds no certificate that issued \(certificate.subject)")
                }
                logger.debug("fetched issuer certificate", metadata: [
                    "url": "\(url.redactedForLogging)", "issuer": "\(issuers[0].subject)",
                ])
                return issuers
            } catch {
                let failure = error as? CMSError ?? CMSError(.transportFailure, "GET \(url.redactedForLogging) failed: \(error)")
                logger.info("issuer certificate fetch failed", metadata: [
                    "url": "\(url.redactedForLogging)", "code": "\(failure.code)", "reason": "\(failure.reason)",
                ])
                failures.append(failure)
            }
        }
        if let first = failures.first {
            throw CMSError(first.code, failures.map(\.reason).joined(separator: "; "))
        }
        return []
    }

    /// The certificates in a `caIssuers` response: one DER certificate, a certs-only CMS
    /// SignedData (DER or BER), or PEM certificates.
    ///
    /// - Throws: ``CMSError/Code/badResponse`` when the bytes are none of these.
    package static func certificates(in body: [UInt8]) throws -> [Certificate] {
        if let certificate = try? Certificate(derEncoded: body) { return [certificate] }
        if let bundle = try? CMSSignature(berEncoded: body), !bundle.certificates.isEmpty { return bundle.certificates }
        if body.starts(with: Array("-----BEGIN".utf8)), let pem = try? PEMFiles.certificates(in: body) { return pem }
        throw CMSError(.badResponse, "the caIssuers response is neither a DER certificate, a certs-only PKCS#7 nor PEM")
    }
}
