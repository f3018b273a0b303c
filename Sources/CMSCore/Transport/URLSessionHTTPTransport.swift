#if !canImport(AsyncHTTPClient)
import Foundation

/// An ``HTTPTransport`` on Foundation's `URLSession`: the default on Apple platforms, where
/// it is part of the system. (Not built on Linux, where FoundationNetworking would load
/// libcurl and its libraries into every program; see ``DefaultHTTPTransport``.)
/// Responses are limited to ``maximumResponseSize`` bytes.
///
/// Creating a transport costs nothing: the `URLSession` (and with it, on Linux, libcurl's
/// and OpenSSL's initialisation) is made when the first request is sent, so a client that
/// never goes online — an offline signature, a validation from the DSS — never pays for it.
public struct URLSessionHTTPTransport: HTTPTransport {
    /// The largest response body accepted.
    public var maximumResponseSize: Int
    /// One session for all requests of this transport (and its copies): connections and
    /// setup are reused. Ephemeral: no cookies, cache or credentials are stored.
    private let session = LazySession()

    public init(maximumResponseSize: Int = 32 * 1024 * 1024) {
        self.maximumResponseSize = maximumResponseSize
    }

    /// The session, made on first use and shared by the transport's copies.
    ///
    /// `@unchecked Sendable`: `session` is only read and written under `lock`.
    private final class LazySession: @unchecked Sendable {
        private let lock = NSLock()
        private var session: URLSession?

        var value: URLSession {
            lock.withLock {
                if let session { return session }
                let configuration = URLSessionConfiguration.ephemeral
                configuration.urlCache = nil
                configuration.httpCookieStorage = nil
                let made = URLSession(configuration: configuration)
                session = made
                return made
            }
        }
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        let seconds = request.timeout.timeInterval
        urlRequest.timeoutInterval = seconds
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }

        let data: Data
        let response: URLResponse
        do {
            // URLRequest's timeout is an idle timeout; the deadline bounds the whole exchange.
            let session = self.session.value
            (data, response) = try await Deadline.run(within: request.timeout, onTimeout: { [url = request.url, timeout = request.timeout] in
                CMSError(.timeout, "\(request.method) \(url.redactedForLogging) timed out after \(timeout)")
            }) { [urlRequest] in try await session.data(for: urlRequest) }
        } catch let error as CMSError {
            throw error
        } catch where Self.isTimeout(error) {
            throw CMSError(.timeout, "\(request.method) \(request.url.redactedForLogging) timed out: \(error.localizedDescription)")
        } catch {
            throw CMSError(.transportFailure, "\(request.method) \(request.url.redactedForLogging) failed: \(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else {
            throw CMSError(.transportFailure, "\(request.url.redactedForLogging) did not answer over HTTP")
        }
        guard data.count <= maximumResponseSize else {
            throw CMSError(.badResponse, "response from \(request.url.redactedForLogging) exceeds \(maximumResponseSize) bytes")
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: Array(data))
    }

    /// Whether Foundation reported the request's own timeout (NSURLErrorTimedOut).
    private static func isTimeout(_ error: any Error) -> Bool {
        if let urlError = error as? URLError { return urlError.code == .timedOut }
        let nsError = error as NSError
        return nsError.domain == NSURLErrorDomain && nsError.code == NSURLErrorTimedOut
    }
}
#endif
