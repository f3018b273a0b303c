import Foundation
import SwiftASN1

/// A client of a Cloud Signature Consortium (CSC) API remote signing service: one method per
/// API call, JSON in and out through an ``HTTPTransport``.
///
/// ``CSCSigningKey`` builds on it to sign; use the client directly to list credentials or to
/// drive the calls yourself (for example to sign several hashes under one authorization).
/// Every request is a `POST` of a JSON body to `baseURL/<method>` with the bearer access token,
/// if any, and the client's ``timeout``. Failures are ``CSCError``s.
///
/// ```swift
/// let client = try CSCClient(baseURL: URL(string: "https://rss.example/csc/v1")!, accessToken: CSCSecret(token))
/// let credentials = try await client.listCredentials()
/// ```
public struct CSCClient: Sendable {
    /// The service's base URL, e.g. `https://rss.example/csc/v1`; methods are paths below it.
    public let baseURL: URL
    /// The API version whose request and response shapes are used.
    public let version: CSCAPIVersion
    /// The time limit of each request.
    public let timeout: Duration
    private let accessToken: CSCSecret?
    private let transport: any HTTPTransport

    /// A client of the service at `baseURL`.
    ///
    /// - Parameters:
    ///   - baseURL: the service's base URL, e.g. `https://rss.example/csc/v1`.
    ///   - version: the API version whose shapes are used (v1 unless given).
    ///   - accessToken: the service authorization, sent as `Authorization: Bearer …`. It is
    ///     sent only over HTTPS or to a loopback address.
    ///   - timeout: the time limit of each request (30 seconds unless given).
    ///   - transport: how requests are sent (``DefaultHTTPTransport`` unless given).
    /// - Throws: ``CSCError/Code/invalidArgument`` for a URL that is not http(s), or an access
    ///   token that would travel over plain HTTP to another host.
    public init(baseURL: URL, version: CSCAPIVersion = .v1, accessToken: CSCSecret? = nil,
                timeout: Duration = .seconds(30), transport: any HTTPTransport = DefaultHTTPTransport()) throws {
        guard let scheme = baseURL.scheme?.lowercased(), scheme == "https" || scheme == "http", baseURL.host != nil else {
            throw CSCError(.invalidArgument, "the CSC service URL must be http(s)://host/…, got \(baseURL.redactedForLogging)")
        }
        if accessToken != nil, scheme == "http", !Self.isLoopback(baseURL.host ?? "") {
            throw CSCError(.invalidArgument, "an access token is sent only over https (or to a loopback address), not to \(baseURL.redactedForLogging)")
        }
        self.baseURL = baseURL
        self.version = version
        self.accessToken = accessToken
        self.timeout = timeout
        self.transport = transport
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    // MARK: - API methods

    /// `info`: the service's API version, name and methods.
    public func info() async throws -> CSCServiceInfo {
        try await post(CSCMethod.info, CSCWire.InfoRequest(lang: nil), as: CSCWire.InfoResponse.self).model
    }

    /// `credentials/list`: the IDs of the credentials the service authorization may use
    /// (following v1's `nextPageToken` for up to 100 pages).
    public func listCredentials() async throws -> [String] {
        switch version {
        case .v1:
            var identifiers: [String] = []
            var page: String?
            for _ in 0..<100 {
                let response = try await post(CSCMethod.credentialsList, CSCWireV1.ListRequest(pageToken: page), as: CSCWireV1.ListResponse.self)
                identifiers += response.credentialIDs
                guard let next = response.nextPageToken, !next.isEmpty else { return identifiers }
                page = next
            }
            return identifiers
        case .v2:
            return try await post(CSCMethod.credentialsList, CSCWireV2.ListRequest(), as: CSCWireV2.ListResponse.self).credentialIDs
        }
    }

    /// `credentials/info`: the credential's key, certificate chain and authorization needs.
    public func credentialInfo(_ credentialID: String) async throws -> CSCCredentialInfo {
        try Self.check(credentialID: credentialID)
        switch version {
        case .v1:
            return try await post(CSCMethod.credentialsInfo, CSCWireV1.CredentialInfoRequest(credentialID: credentialID),
                                  as: CSCWireV1.CredentialInfoResponse.self, sentCredential: true).model(id: credentialID)
        case .v2:
            return try await post(CSCMethod.credentialsInfo, CSCWireV2.CredentialInfoRequest(credentialID: credentialID),
                                  as: CSCWireV2.CredentialInfoResponse.self, sentCredential: true).model(id: credentialID)
        }
    }

    /// `credentials/sendOTP` (v1): asks the service to send the user an OTP for the credential.
    public func sendOTP(credentialID: String) async throws {
        try Self.check(credentialID: credentialID)
        _ = try await post(CSCMethod.credentialsSendOTP, CSCWireV1.SendOTPRequest(credentialID: credentialID),
                           as: Empty.self, sentCredential: true)
    }

    /// `credentials/authorize`: Signature Activation Data for `hashes` (bound to them, as SCAL 2
    /// requires and SCAL 1 allows).
    ///
    /// - Parameters:
    ///   - credentialID: the credential to authorize.
    ///   - hashes: the digests to be signed, each ``DigestAlgorithm/outputByteCount`` bytes of `digest`.
    ///   - digest: the algorithm of `hashes`.
    ///   - secrets: the PIN and OTP by factor id (`PIN`, `OTP`, or v2 `auth.objects[].id`); sent
    ///     in the request body only.
    ///   - description: a text the service may show the user.
    public func authorize(credentialID: String, hashes: [[UInt8]], digest: DigestAlgorithm,
                          secrets: CSCAuthenticationData = [:], description: String? = nil) async throws -> CSCSignatureActivationData {
        try Self.check(credentialID: credentialID)
        try Self.check(hashes: hashes, digest: digest)
        let encoded = hashes.map { Data($0).base64EncodedString() }
        let response: CSCWire.AuthorizeResponse
        switch version {
        case .v1:
            let request = CSCWireV1.AuthorizeRequest(credentialID: credentialID, numSignatures: hashes.count, hash: encoded,
                                                     PIN: secrets["PIN"]?.value, OTP: secrets["OTP"]?.value, description: description)
            response = try await post(CSCMethod.credentialsAuthorize, request, as: CSCWire.AuthorizeResponse.self, sentCredential: true)
        case .v2:
            let authData = secrets.keys.sorted().map { CSCWireV2.AuthData(id: $0, value: secrets[$0]!.value) }
            let request = CSCWireV2.AuthorizeRequest(credentialID: credentialID, numSignatures: hashes.count, hashes: encoded,
                                                     hashAlgorithmOID: digest.oid.description,
                                                     authData: authData.isEmpty ? nil : authData, description: description)
            response = try await post(CSCMethod.credentialsAuthorize, request, as: CSCWire.AuthorizeResponse.self, sentCredential: true)
        }
        guard !response.SAD.isEmpty else {
            throw CSCError(.badResponse, "credentials/authorize: the SAD is empty", method: CSCMethod.credentialsAuthorize)
        }
        return response.model
    }

    /// `signatures/signHash`: the service's signatures of `hashes`, in order.
    ///
    /// - Parameters:
    ///   - credentialID: the credential to sign with.
    ///   - activation: the SAD `credentials/authorize` returned for `hashes`.
    ///   - hashes: the digests to sign.
    ///   - digest: the algorithm of `hashes` (`hashAlgo`).
    ///   - signatureAlgorithm: the `signAlgo` object identifier (see ``CSCSignatureMechanism``).
    ///   - parameters: DER `signAlgoParams` (RSASSA-PSS-params), if the algorithm has them.
    /// - Returns: the raw signature values as the service sent them.
    public func signHash(credentialID: String, activation: CSCSignatureActivationData, hashes: [[UInt8]], digest: DigestAlgorithm,
                         signatureAlgorithm: ASN1ObjectIdentifier, parameters: [UInt8]? = nil) async throws -> [[UInt8]] {
        try Self.check(credentialID: credentialID)
        try Self.check(hashes: hashes, digest: digest)
        let encoded = hashes.map { Data($0).base64EncodedString() }
        let encodedParameters = parameters.map { Data($0).base64EncodedString() }
        let response: CSCWire.SignHashResponse
        switch version {
        case .v1:
            let request = CSCWireV1.SignHashRequest(credentialID: credentialID, SAD: activation.value, hash: encoded, hashAlgo: digest.oid.description,
                                                    signAlgo: signatureAlgorithm.description, signAlgoParams: encodedParameters)
            response = try await post(CSCMethod.signHash, request, as: CSCWire.SignHashResponse.self, sentCredential: true)
        case .v2:
            let request = CSCWireV2.SignHashRequest(credentialID: credentialID, SAD: activation.value, hashes: encoded,
                                                    hashAlgorithmOID: digest.oid.description, signAlgo: signatureAlgorithm.description,
                                                    signAlgoParams: encodedParameters)
            response = try await post(CSCMethod.signHash, request, as: CSCWire.SignHashResponse.self, sentCredential: true)
        }
        let signatures = try (response.signatures ?? []).map { text in
            guard let bytes = Data(base64Encoded: text), !bytes.isEmpty else {
                throw CSCError(.badResponse, "signatures/signHash: a signature is not base64", method: CSCMethod.signHash)
            }
            return Array(bytes)
        }
        guard signatures.count == hashes.count else {
            throw CSCError(.badResponse, "signatures/signHash: \(signatures.count) signatures for \(hashes.count) hashes", method: CSCMethod.signHash)
        }
        return signatures
    }

    // MARK: - Transport

    private struct Empty: Decodable {}

    private static func check(credentialID: String) throws {
        guard !credentialID.isEmpty else { throw CSCError(.invalidArgument, "the credential ID is empty") }
    }

    private static func check(hashes: [[UInt8]], digest: DigestAlgorithm) throws {
        guard !hashes.isEmpty else { throw CSCError(.invalidArgument, "no hash to sign") }
        guard hashes.allSatisfy({ $0.count == digest.outputByteCount }) else {
            throw CSCError(.invalidArgument, "a \(digest) hash has \(digest.outputByteCount) bytes")
        }
    }

    private func post<Request: Encodable, Response: Decodable>(
        _ method: String, _ body: Request, as: Response.Type, sentCredential: Bool = false
    ) async throws -> Response {
        var headers = ["Content-Type": "application/json", "Accept": "application/json"]
        if let accessToken { headers["Authorization"] = "Bearer " + accessToken.value }
        let encoded: Data
        do { encoded = try JSONEncoder().encode(body) } catch {
            throw CSCError(.invalidArgument, "\(method): the request cannot be encoded: \(error)", method: method)
        }
        let request = HTTPRequest(url: baseURL.appendingPathComponent(method), method: "POST", headers: headers,
                                  body: Array(encoded), timeout: timeout)
        let response: HTTPResponse
        do { response = try await transport.send(request) } catch {
            throw CSCError.fromTransport(error, method: method)
        }
        guard (200..<300).contains(response.status) else {
            throw CSCError.fromResponse(method: method, status: response.status, body: response.body, sentCredential: sentCredential)
        }
        if Response.self == Empty.self, let empty = Empty() as? Response { return empty }
        do {
            return try JSONDecoder().decode(Response.self, from: Data(response.body))
        } catch {
            throw CSCError(.badResponse, "\(method): the answer is not the expected JSON: \(Self.describe(error))", method: method,
                           httpStatus: response.status)
        }
    }

    /// A decoding error without the values it saw (they may be secrets).
    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "no \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not JSON" : "unreadable \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "unreadable"
        }
    }
}
