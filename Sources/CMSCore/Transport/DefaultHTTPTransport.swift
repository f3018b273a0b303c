/// The SDK's default ``HTTPTransport``: the platform's own client.
///
/// - On Apple platforms, `URLSessionHTTPTransport` (the system's `URLSession`: nothing to
///   build or load).
/// - On Linux, `AsyncHTTPClientTransport` (AsyncHTTPClient on SwiftNIO, TLS from
///   BoringSSL). Foundation's `URLSession` is not used there: linking FoundationNetworking
///   loads libcurl and some thirty libraries (GnuTLS, Kerberos, LDAP, p11-kit) at every start
///   of every program, used or not, which tripled the start-up time of the command-line tool.
///
/// Creating one costs nothing: no client is set up until a first request is sent, so an
/// offline signature or a validation from embedded data never pays for networking.
public struct DefaultHTTPTransport: HTTPTransport {
    #if canImport(AsyncHTTPClient)
    private let base: AsyncHTTPClientTransport
    #else
    private let base: URLSessionHTTPTransport
    #endif

    /// The default transport, accepting responses of up to `maximumResponseSize` bytes.
    public init(maximumResponseSize: Int = 32 * 1024 * 1024) {
        base = .init(maximumResponseSize: maximumResponseSize)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await base.send(request)
    }
}
