import X509

/// A ``SigningKeyProvider`` whose key is held by a Cloud Signature Consortium (CSC) remote
/// signing service: only the hash leaves the process.
///
/// ``connect(to:credentialID:authenticator:certificateChain:)`` reads the service's `info`
/// and the credential's `credentials/info` (its certificate chain, algorithms and whether it
/// asks for a PIN or an OTP). Each ``sign(_:)`` then makes one `credentials/authorize` for the
/// request's digest — asking the ``CSCAuthenticator`` for the PIN/OTP when the credential
/// needs them — and one `signatures/signHash`. The SAD is bound to the hash, as Sole Control
/// Assurance Level 2 requires.
///
/// ```swift
/// let client = try CSCClient(baseURL: URL(string: "https://rss.example/csc/v1")!, accessToken: CSCSecret(token))
/// let key = try await CSCSigningKey.connect(to: client, credentialID: "my-credential") { challenge in
///     ["PIN": CSCSecret(try askUserForPIN(challenge.factors))]
/// }
/// let signed = try await PDFSigner(key: key, timestampAuthority: tsa).sign(document)
/// ```
///
/// The signature is checked against the credential's certificate by the signers (CMS and
/// PDF), so a service that signs with another key is caught before anything is written.
public struct CSCSigningKey: SigningKeyProvider {
    /// The client reaching the service.
    public let client: CSCClient
    /// The credential, as `credentials/info` described it.
    public let credential: CSCCredentialInfo
    public let certificateChain: [Certificate]
    private let authenticator: CSCAuthenticator?

    /// A key for a credential already described (no network access until ``sign(_:)``).
    ///
    /// - Parameters:
    ///   - client: the client reaching the service.
    ///   - credential: the credential as ``CSCClient/credentialInfo(_:)`` described it.
    ///   - certificateChain: the signer's certificate first; `credential.certificates` when `nil`.
    ///   - authenticator: asked for the PIN/OTP before each authorization when the credential needs them.
    public init(client: CSCClient, credential: CSCCredentialInfo, certificateChain: [Certificate]? = nil,
                authenticator: CSCAuthenticator? = nil) throws {
        let chain = certificateChain ?? credential.certificates
        guard !chain.isEmpty else {
            throw CSCError(.badResponse, "credentials/info returned no certificate for \(credential.credentialID); give the certificate chain",
                           method: CSCMethod.credentialsInfo)
        }
        self.client = client
        self.credential = credential
        self.certificateChain = chain
        self.authenticator = authenticator
    }

    /// Connects to the service and describes the credential.
    ///
    /// - Parameters:
    ///   - client: the client reaching the service.
    ///   - credentialID: the credential to sign with; when `nil`, the only one
    ///     `credentials/list` returns.
    ///   - authenticator: asked for the PIN/OTP before each authorization when the credential
    ///     needs them.
    ///   - certificateChain: the chain to use instead of the service's (leaf first).
    /// - Throws: ``CSCError``: ``CSCError/Code/unsupportedMethod`` when the service speaks
    ///   another API version or lacks `signatures/signHash`; ``CSCError/Code/credentialNotFound``;
    ///   ``CSCError/Code/credentialDisabled`` for a disabled key or a certificate that is not
    ///   valid; ``CSCError/Code/unsupportedAuthorizationMode`` for `oauth2code` credentials;
    ///   transport and service errors as they come.
    public static func connect(to client: CSCClient, credentialID: String? = nil, authenticator: CSCAuthenticator? = nil,
                               certificateChain: [Certificate]? = nil) async throws -> CSCSigningKey {
        let service = try await client.info()
        guard client.version.matches(specs: service.specs) else {
            throw CSCError(.unsupportedMethod, "the service implements CSC API \(service.specs), the client is set to \(client.version.rawValue)",
                           method: CSCMethod.info)
        }
        for method in [CSCMethod.credentialsAuthorize, CSCMethod.signHash] where !service.methods.isEmpty && !service.methods.contains(method) {
            throw CSCError(.unsupportedMethod, "the service does not list \(method) among its methods", method: CSCMethod.info)
        }
        let id: String
        if let credentialID {
            id = credentialID
        } else {
            let listed = try await client.listCredentials()
            guard listed.count == 1, let only = listed.first else {
                throw CSCError(.invalidArgument, "choose a credential: the service lists \(listed.count) (\(listed.prefix(20).joined(separator: ", ")))",
                               method: CSCMethod.credentialsList)
            }
            id = only
        }
        let credential = try await client.credentialInfo(id)
        guard credential.isKeyEnabled else {
            throw CSCError(.credentialDisabled, "the key of credential \(id) is disabled", method: CSCMethod.credentialsInfo)
        }
        if let status = credential.certificateStatus, status.lowercased() != "valid" {
            throw CSCError(.credentialDisabled, "the certificate of credential \(id) is \(status)", method: CSCMethod.credentialsInfo)
        }
        switch credential.authorizationMode {
        case .implicit, .explicit: break
        case .oauth2code:
            throw CSCError(.unsupportedAuthorizationMode, "credential \(id) is authorized through OAuth 2.0 (oauth2code), which this client does not perform",
                           method: CSCMethod.credentialsInfo)
        case .other(let mode):
            throw CSCError(.unsupportedAuthorizationMode, "credential \(id) uses the authorization mode \(mode)", method: CSCMethod.credentialsInfo)
        }
        return try CSCSigningKey(client: client, credential: credential, certificateChain: certificateChain, authenticator: authenticator)
    }

    /// Authorizes and signs `request.digest` at the service (`credentials/authorize`, then
    /// `signatures/signHash`); the message itself is never sent.
    public func sign(_ request: SignatureRequest) async throws -> [UInt8] {
        let mechanism = try CSCSignatureMechanism.choose(for: request.algorithm, offered: credential.signatureAlgorithms)
        let digest = request.algorithm.digest
        let secrets = try await askForSecrets(numberOfSignatures: 1)
        let activation = try await client.authorize(credentialID: credential.credentialID, hashes: [request.digest], digest: digest, secrets: secrets)
        let values = try await client.signHash(credentialID: credential.credentialID, activation: activation, hashes: [request.digest],
                                               digest: digest, signatureAlgorithm: mechanism.algorithm, parameters: mechanism.parameters)
        return CSCSignatureMechanism.cmsSignatureValue(values[0], scheme: request.algorithm.scheme, publicKey: certificateChain[0].publicKey)
    }

    /// The factors an authorization needs: those the credential lists; a PIN for an explicit
    /// credential that lists none.
    var factors: [CSCAuthenticationFactor] {
        if credential.factors.isEmpty, credential.authorizationMode == .explicit { return [CSCAuthenticationFactor(kind: .pin, id: "PIN")] }
        return credential.factors
    }

    private func askForSecrets(numberOfSignatures: Int) async throws -> CSCAuthenticationData {
        let factors = self.factors
        guard !factors.isEmpty else { return [:] }
        if credential.otpIsSentByService { try await client.sendOTP(credentialID: credential.credentialID) }
        let required = factors.filter(\.isRequired)
        guard let authenticator else {
            if required.isEmpty { return [:] }
            throw CSCError(.authenticationRequired, "credential \(credential.credentialID) asks for \(Self.names(required)) and no authenticator was given")
        }
        let challenge = CSCAuthenticationChallenge(credentialID: credential.credentialID, factors: factors, numberOfSignatures: numberOfSignatures)
        guard let secrets = try await authenticator(challenge) else {
            throw CSCError(.authenticationRequired, "no \(Self.names(factors)) given for credential \(credential.credentialID)")
        }
        let missing = required.filter { secrets[$0.id] == nil }
        guard missing.isEmpty else {
            throw CSCError(.authenticationRequired, "credential \(credential.credentialID) asks for \(Self.names(missing)), which was not given")
        }
        return secrets
    }

    private static func names(_ factors: [CSCAuthenticationFactor]) -> String {
        factors.map { $0.label ?? $0.id }.joined(separator: " and ")
    }
}
