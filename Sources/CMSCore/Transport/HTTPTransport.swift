import Foundation

/// An HTTP request as the SDK's network clients (OCSP, CRL, RFC 3161) send it.
public struct HTTPRequest: Sendable {
    public var url: URL
    public var method: String
    public var headers: [String: String]
    public var body: [UInt8]
    /// How long to wait for the whole response.
    public var timeout: Duration

    public init(url: URL, method: String = "GET", headers: [String: String] = [:], body: [UInt8] = [], timeout: Duration = .seconds(20)) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// An HTTP response: status, headers (names lower-cased) and body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The media type of the Content-Type header without parameters, lower-cased.
    public var mediaType: String? {
        headers["content-type"].map { $0.split(separator: ";").first.map(String.init) ?? $0 }?
            .trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// The one seam through which the SDK talks HTTP: one method, bytes in and bytes out.
///
/// ``DefaultHTTPTransport`` is the default. Apps plug in their own (a proxy-aware
/// client, AsyncHTTPClient, a test fake) by implementing this protocol.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    ///
    /// - Throws: ``CMSError`` with ``CMSError/Code/timeout`` when no response arrived within
    ///   the request's timeout, ``CMSError/Code/transportFailure`` when none arrived for
    ///   another reason (connection refused, TLS failure).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
