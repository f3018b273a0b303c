import CMSCore
import Foundation
import Logging
import SwiftASN1

/// A remote RFC 3161 TSA reached over HTTP (RFC 3161 §3.4).
///
/// Each request carries a fresh random nonce and certReq; the reply is checked against the
/// request (status, imprint, nonce, policy, TSA certificate present). Transport failures,
/// timeouts and `waiting` replies are retried with exponential backoff, up to
/// ``maximumAttempts`` attempts in all.
///
/// ```swift
/// let tsa = HTTPTimestampAuthority(url: URL(string: "https://tsa.example/tsr")!)
/// let token = try await tsa.timestamp(digest: SHA256.hash(data: bytes).bytes, algorithm: .sha256)
/// ```
public struct HTTPTimestampAuthority: TimestampAuthority {
    /// How the client authenticates to the TSA.
    public enum Authentication: Sendable, Hashable {
        /// No authentication.
        case none
        /// HTTP basic authentication.
        case basic(username: String, password: String)
        /// An OAuth-style bearer token.
        case bearer(String)
    }

    /// The TSA's URL.
    public var url: URL
    /// The HTTP transport (default `CMSCore.DefaultHTTPTransport`).
    public var transport: any HTTPTransport
    /// What every request asks for: digest algorithm, nonce (random by default), policy, certReq.
    public var requestOptions: TimestampRequestOptions
    /// The TSA policy to ask for (`reqPolicy`); the token must then carry it.
    public var requestedPolicy: ASN1ObjectIdentifier? {
        get { requestOptions.policy }
        set { requestOptions.policy = newValue }
    }
    /// The hash algorithm used by ``timestamp(data:)`` and CAdES-T.
    public var digestAlgorithm: DigestAlgorithm {
        get { requestOptions.digestAlgorithm }
        set { requestOptions.digestAlgorithm = newValue }
    }
    /// Ask the TSA to include its certificate (certReq), and require it in the token.
    public var requestsCertificate: Bool {
        get { requestOptions.requestsCertificate }
        set { requestOptions.requestsCertificate = newValue }
    }
    /// How long one attempt may take.
    public var timeout: Duration
    /// Attempts in all (1 = no retry).
    public var maximumAttempts: Int
    /// The wait before the first retry; doubled for each further retry.
    public var initialBackoff: Duration
    /// The longest wait between attempts.
    public var maximumBackoff: Duration
    /// Authentication.
    public var authentication: Authentication
    /// More HTTP headers sent with every request (never logged: they may carry credentials).
    public var additionalHeaders: [String: String]
    /// Where requests and replies (`debug`) and retries (`info`) are logged. The
    /// authentication, the headers and the URL's user, password and query never are.
    public var logger: Logger

    /// Creates a client for the TSA at `url`; see the properties for each setting.
    public init(url: URL, transport: any HTTPTransport = DefaultHTTPTransport(), requestedPolicy: ASN1ObjectIdentifier? = nil,
                digestAlgorithm: DigestAlgorithm = .sha256, requestsCertificate: Bool = true, timeout: Duration = .seconds(20),
                maximumAttempts: Int = 3, initialBackoff: Duration = .milliseconds(500), maximumBackoff: Duration = .seconds(8),
                authentication: Authentication = .none, additionalHeaders: [String: String] = [:],
                logger: Logger = Logger(label: "econtract.tsa")) {
        self.url = url
        self.transport = transport
        self.requestOptions = TimestampRequestOptions(digestAlgorithm: digestAlgorithm, policy: requestedPolicy,
                                                      requestsCertificate: requestsCertificate)
        self.timeout = timeout
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.authentication = authentication
        self.additionalHeaders = additionalHeaders
        self.logger = logger
    }

    /// ``digestAlgorithm``.
    public var preferredDigestAlgorithm: DigestAlgorithm { digestAlgorithm }

    /// Requests a token over `digest` and checks the reply against the request.
    public func timestamp(digest: [UInt8], algorithm: DigestAlgorithm) async throws -> TimestampToken {
        try await requestResponse(digest: digest, algorithm: algorithm).requireToken()
    }

    /// Builds the request this authority sends for `digest` (with a fresh nonce, unless
    /// ``requestOptions`` says otherwise).
    package func makeRequest(digest: [UInt8], algorithm: DigestAlgorithm) throws -> TimeStampReq {
        var options = requestOptions
        options.digestAlgorithm = algorithm
        return try options.request(digest: digest)
    }

    /// Obtains a granted reply for `digest`, whole (for storing as a `.tsr` file).
    ///
    /// - Throws: as ``timestamp(digest:algorithm:)``.
    public func requestResponse(digest: [UInt8], algorithm: DigestAlgorithm) async throws -> TimestampResponse {
        let response = try await send(makeRequest(digest: digest, algorithm: algorithm))
        try response.requireToken()
        return response
    }

    /// Sends a prepared DER `TimeStampReq` (for example one made by `openssl ts -query`, or
    /// by ``TimestampRequestOptions/derEncodedRequest(digest:)``) and checks the reply
    /// against it. The reply is returned whatever its PKIStatus, once it is not `waiting`
    /// (call ``TimestampResponse/requireToken()`` to insist on a token); a granted reply's
    /// token is checked against the request.
    ///
    /// - Throws: ``TimestampError/Code/invalidArgument`` when `requestDER` is not a DER
    ///   `TimeStampReq`; otherwise as ``timestamp(digest:algorithm:)``.
    public func send(requestDER: [UInt8]) async throws -> TimestampResponse {
        let request: TimeStampReq
        do {
            request = try TimeStampReq(derEncoded: requestDER)
        } catch {
            throw TimestampError(.invalidArgument, "the request is not a DER TimeStampReq: \(error)")
        }
        return try await send(request)
    }

    /// Sends a request and checks the reply against it; see ``send(requestDER:)``.
    package func send(_ request: TimeStampReq) async throws -> TimestampResponse {
        let body = try request.derEncoded()
        var attempt = 1
        while true {
            logger.debug("requesting a time-stamp", metadata: [
                "url": "\(url.redactedForLogging)", "algorithm": "\(request.messageImprint.digestAlgorithm.map { "\($0)" } ?? "unknown")",
                "attempt": "\(attempt)", "policy": "\(request.reqPolicy.map { "\($0)" } ?? "any")",
            ])
            do {
                let response = try await sendOnce(body)
                if response.statusInfo.status == .waiting {
                    throw TimestampError(.waiting, "the TSA answered waiting", status: .waiting, failureInfo: response.statusInfo.failInfo)
                }
                if response.statusInfo.status.isGranted, let token = response.token {
                    try TimestampRequestBuilder.check(token, answers: request)
                    logger.debug("time-stamp granted", metadata: [
                        "url": "\(url.redactedForLogging)", "serial": "\(token.serialNumberHex)", "genTime": "\(token.genTime)",
                    ])
                } else {
                    logger.debug("the TSA did not grant the request", metadata: [
                        "url": "\(url.redactedForLogging)", "status": "\(response.statusInfo.status)",
                    ])
                }
                return response
            } catch let error as TimestampError where Self.isRetryable(error) && attempt < maximumAttempts {
                let delay = backoff(afterAttempt: attempt)
                logger.info("time-stamp request failed, retrying", metadata: [
                    "url": "\(url.redactedForLogging)", "attempt": "\(attempt)", "maximumAttempts": "\(maximumAttempts)",
                    "code": "\(error.code)", "reason": "\(error.reason)", "retryIn": "\(delay)",
                ])
                try await Task.sleep(for: delay)
                attempt += 1
            } catch {
                logger.debug("time-stamp request failed", metadata: [
                    "url": "\(url.redactedForLogging)", "attempt": "\(attempt)",
                    "code": "\((error as? TimestampError)?.code.description ?? "other")",
                    "reason": "\((error as? TimestampError)?.reason ?? "\(error)")",
                ])
                throw error
            }
        }
    }

    static func isRetryable(_ error: TimestampError) -> Bool {
        error.code == .transportFailure || error.code == .timeout || error.code == .waiting
    }

    func backoff(afterAttempt attempt: Int) -> Duration {
        var delay = initialBackoff
        for _ in 1..<max(1, attempt) { delay = delay * 2 }
        return min(delay, maximumBackoff)
    }

    var headers: [String: String] {
        var headers = ["Content-Type": "application/timestamp-query", "Accept": "application/timestamp-reply"]
        switch authentication {
        case .none: break
        case .basic(let username, let password):
            headers["Authorization"] = "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        case .bearer(let token):
            headers["Authorization"] = "Bearer \(token)"
        }
        for (name, value) in additionalHeaders { headers[name] = value }
        return headers
    }

    private func sendOnce(_ body: [UInt8]) async throws -> TimestampResponse {
        let request = HTTPRequest(url: url, method: "POST", headers: headers, body: body, timeout: timeout)
        let transport = self.transport
        let reply: HTTPResponse
        let clock = ContinuousClock()
        let start = clock.now
        do {
            reply = try await Deadline.run(within: timeout, onTimeout: { [url, timeout] in
                TimestampError(.timeout, "no reply from \(url.redactedForLogging) within \(timeout)")
            }) { try await transport.send(request) }
        } catch let error as TimestampError {
            throw error
        } catch let error as CMSError {
            // A transport may report its own timeout; any failure arriving after the whole
            // timeout is one too.
            if error.code == .timeout || clock.now - start >= timeout {
                throw TimestampError(.timeout, "no reply from \(url.redactedForLogging) within \(timeout): \(error.reason)")
            }
            throw TimestampError(.transportFailure, error.reason)
        } catch {
            throw TimestampError(.transportFailure, "POST \(url.redactedForLogging): \(error)")
        }
        guard reply.status == 200 else {
            throw TimestampError(.httpError, "the TSA at \(url.redactedForLogging) answered HTTP \(reply.status)", httpStatus: reply.status)
        }
        guard reply.mediaType == "application/timestamp-reply" else {
            throw TimestampError(.unexpectedMediaType,
                                 "the TSA answered with Content-Type \(reply.headers["content-type"] ?? "(none)"), not application/timestamp-reply")
        }
        return try TimestampResponse(derEncoded: reply.body)
    }
}
