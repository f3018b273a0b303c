import Foundation
import X509

/// Decides the revocation status of a certificate from OCSP responses and CRLs.
public struct RevocationChecker: Sendable {
    public var policy: RevocationPolicy

    public init(policy: RevocationPolicy) {
        self.policy = policy
    }

    /// The status of `certificate` (issued by `issuer`) at `time`.
    public func status(of certificate: Certificate, issuer: Certificate, at time: Date) async -> RevocationStatus {
        // Implemented with the OCSP and CRL types in this folder.
        RevocationStatus(outcome: .unknown(reason: "revocation checking is not implemented yet"), source: .none)
    }
}

/// Fetches OCSP responses from the responder in a certificate's Authority Information
/// Access (RFC 6960 POST) and CRLs from its CRL distribution points, over an ``HTTPTransport``.
public struct HTTPRevocationDataSource: RevocationDataSource {
    public var transport: any HTTPTransport
    public var timeout: Duration

    public init(transport: any HTTPTransport = URLSessionHTTPTransport(), timeout: Duration = .seconds(15)) {
        self.transport = transport
        self.timeout = timeout
    }

    public func ocspResponse(for certificate: Certificate, issuer: Certificate) async throws -> [UInt8]? { nil }
    public func crls(for certificate: Certificate, issuer: Certificate) async throws -> [[UInt8]] { [] }
}
