import Foundation
import Logging
import SwiftASN1
import X509

/// Fetches OCSP responses from the responder in a certificate's Authority Information
/// Access (RFC 6960 Appendix A.1, HTTP POST) and CRLs from its CRL distribution points
/// (HTTP GET), over an ``HTTPTransport``.
///
/// Only `http:` URLs are used: OCSP responses and CRLs are signed, and RFC 5280 §4.2.1.13
/// and RFC 6960 expect plain HTTP (an `https:` fetch could itself need revocation checking).
public struct HTTPRevocationDataSource: RevocationDataSource {
    /// The HTTP client.
    public var transport: any HTTPTransport
    /// How long each request may take.
    public var timeout: Duration
    /// Whether OCSP requests carry a random nonce (RFC 8954) that the response must echo
    /// when it carries a nonce at all. Default `true`.
    public var sendsNonce: Bool = true
    /// Where fetches (`debug`) and failures (`info`: the checker turns them into an
    /// "unknown" status, so they are seen nowhere else as they happen) are logged.
    public var logger: Logger

    /// A data source using `transport`, allowing `timeout` per request. The default
    /// transport sets up no network client until a first fetch.
    public init(transport: any HTTPTransport = DefaultHTTPTransport(), timeout: Duration = .seconds(15),
                logger: Logger = Logger(label: "econtract.revocation")) {
        self.transport = transport
        self.timeout = timeout
        self.logger = logger
    }

    /// Asks the first `http:` OCSP responder of the certificate's Authority Information Access.
    ///
    /// - Returns: the DER `OCSPResponse` (possibly unsuccessful or unsigned: the caller
    ///   checks it), or `nil` when the certificate names no responder.
    /// - Throws: ``CMSError`` with ``CMSError/Code/transportFailure`` or
    ///   ``CMSError/Code/timeout`` when the responder cannot be reached, ``CMSError/Code/badResponse`` when it answers with another HTTP
    ///   status or media type, or echoes the wrong nonce.
    public func ocspResponse(for certificate: Certificate, issuer: Certificate) async throws -> [UInt8]? {
        guard let url = certificate.ocspResponderURLs.first else { return nil }
        logger.debug("fetching OCSP response", metadata: ["url": "\(url.redactedForLogging)", "certificate": "\(certificate.subject)"])
        do {
            let body = try await fetchOCSPResponse(from: url, for: certificate, issuer: issuer)
            logger.debug("fetched OCSP response", metadata: ["url": "\(url.redactedForLogging)", "bytes": "\(body.count)"])
            return body
        } catch {
            let failure = error as? CMSError
            logger.info("OCSP fetch failed", metadata: [
                "url": "\(url.redactedForLogging)", "certificate": "\(certificate.subject)",
                "code": "\(failure?.code.description ?? "other")", "reason": "\(failure?.reason ?? "\(error)")",
            ])
            throw error
        }
    }

    private func fetchOCSPResponse(from url: URL, for certificate: Certificate, issuer: Certificate) async throws -> [UInt8] {
        var nonce: [UInt8]?
        if sendsNonce {
            var generator = SystemRandomNumberGenerator()
            nonce = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        }
        let body = try OCSPRequest(certificate: certificate, issuer: issuer, nonce: nonce).derEncoded
        let request = HTTPRequest(url: url, method: "POST",
                                  headers: ["Content-Type": "application/ocsp-request", "Accept": "application/ocsp-response"],
                                  body: body, timeout: timeout)
        let response = try await transport.send(request)
        guard response.status == 200 else {
            throw CMSError(.badResponse, "OCSP responder \(url.redactedForLogging) answered HTTP \(response.status)")
        }
        guard response.mediaType == "application/ocsp-response" else {
            throw CMSError(.badResponse, "OCSP responder \(url.redactedForLogging) answered with media type \(response.mediaType ?? "none"), not application/ocsp-response")
        }
        guard response.body.count <= RevocationLimits.maxOCSPResponseSize else {
            throw CMSError(.badResponse, "OCSP response from \(url.redactedForLogging) exceeds \(RevocationLimits.maxOCSPResponseSize) bytes")
        }
        if let nonce, let parsed = try? OCSPResponse(derBytes: response.body),
           let echoed = parsed.basicResponse?.responseData.nonce, !echoed.elementsEqual(nonce) {
            throw CMSError(.badResponse, "OCSP responder \(url.redactedForLogging) answered with another request's nonce")
        }
        return response.body
    }

    /// Downloads the CRLs at the certificate's `http:` CRL distribution points.
    ///
    /// PEM CRLs are converted to DER. A failing distribution point is skipped when another
    /// one answers.
    ///
    /// - Throws: ``CMSError`` (``CMSError/Code/transportFailure`` or
    ///   ``CMSError/Code/badResponse``) when every distribution point failed.
    public func crls(for certificate: Certificate, issuer: Certificate) async throws -> [[UInt8]] {
        var urls: [URL] = []
        for uri in certificate.crlDistributionPointURIs {
            guard let url = URL(string: uri), url.scheme?.lowercased() == "http", !urls.contains(url) else { continue }
            urls.append(url)
        }
        var result: [[UInt8]] = []
        var failures: [CMSError] = []
        for url in urls {
            logger.debug("fetching CRL", metadata: ["url": "\(url.redactedForLogging)", "certificate": "\(certificate.subject)"])
            do {
                let response = try await transport.send(HTTPRequest(url: url, method: "GET", timeout: timeout))
                guard response.status == 200 else {
                    throw CMSError(.badResponse, "CRL distribution point \(url.redactedForLogging) answered HTTP \(response.status)")
                }
                guard response.body.count <= RevocationLimits.maxCRLSize else {
                    throw CMSError(.badResponse, "CRL from \(url.redactedForLogging) exceeds \(RevocationLimits.maxCRLSize) bytes")
                }
                result.append(Self.derFromPossiblyPEM(response.body))
                logger.debug("fetched CRL", metadata: ["url": "\(url.redactedForLogging)", "bytes": "\(response.body.count)"])
            } catch {
                let failure = error as? CMSError ?? CMSError(.transportFailure, "GET \(url.redactedForLogging) failed: \(error)")
                logger.info("CRL fetch failed", metadata: [
                    "url": "\(url.redactedForLogging)", "certificate": "\(certificate.subject)", "code": "\(failure.code)", "reason": "\(failure.reason)",
                ])
                failures.append(failure)
            }
        }
        if result.isEmpty, let first = failures.first {
            throw CMSError(first.code, failures.map(\.reason).joined(separator: "; "))
        }
        return result
    }

    /// `bytes` itself, or the DER inside a PEM `X509 CRL` block.
    static func derFromPossiblyPEM(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.starts(with: Array("-----BEGIN".utf8)), let text = String(bytes: bytes, encoding: .utf8),
              let document = try? PEMDocument(pemString: text), document.discriminator == "X509 CRL"
        else { return bytes }
        return document.derBytes
    }
}
