import CMSCore
import CPKCS11
import X509

/// A signing key inside an HSM or a smart card, used through its vendor's PKCS#11 module.
///
/// ```swift
/// let key = try await PKCS11SigningKey.open(
///     PKCS11KeyConfiguration(modulePath: "/usr/lib/softhsm/libsofthsm2.so",
///                            token: .label("signing"), key: .label("contract-rsa"))
/// ) { _ in try PKCS11PIN.firstLine(ofFile: "/run/secrets/pin") }
/// let signer = PDFSigner(key: key, options: options, level: .t, timestampAuthority: tsa)
/// ```
///
/// The private key never leaves the token: we hash, build the PKCS#1 `DigestInfo` or PSS
/// parameters, and the module signs (`CKM_RSA_PKCS`, `CKM_RSA_PKCS_PSS`, `CKM_ECDSA` with the
/// raw `r‖s` converted to DER, or `CKM_ECDSA_SHA256`/`384`/`512`: see ``PKCS11ECDSAHashing``).
/// Signatures from many tasks at once share a pool of sessions; a token that logged out or
/// was reinserted is logged in again (asking the PIN source again) and the signature retried
/// once. Every failure is a ``PKCS11Error`` whose ``PKCS11Error/returnValue`` names the `CKR_*`.
public final class PKCS11SigningKey: SigningKeyProvider {
    public let certificateChain: [Certificate]
    /// The key's type on the token.
    public let keyType: PKCS11KeyType
    /// The token's label, as the module reports it.
    public let tokenLabel: String
    private let pool: PKCS11SessionPool

    private init(certificateChain: [Certificate], keyType: PKCS11KeyType, tokenLabel: String, pool: PKCS11SessionPool) {
        self.certificateChain = certificateChain
        self.keyType = keyType
        self.tokenLabel = tokenLabel
        self.pool = pool
    }

    /// Loads the module, finds the token, logs in (asking `pin` for the PIN), finds the key and
    /// its certificate.
    ///
    /// - Throws: ``PKCS11Error``: ``PKCS11Error/Code/moduleNotFound``,
    ///   ``PKCS11Error/Code/notAPKCS11Module``, ``PKCS11Error/Code/tokenNotFound``,
    ///   ``PKCS11Error/Code/pinIncorrect``, ``PKCS11Error/Code/keyNotFound``,
    ///   ``PKCS11Error/Code/certificateNotFound`` or the module's own failure.
    public static func open(_ configuration: PKCS11KeyConfiguration, pin: @escaping PKCS11PINSource) async throws -> PKCS11SigningKey {
        let path = configuration.modulePath
        let module = try await Task.detached { try PKCS11Module.load(path: path) }.value
        let pool = PKCS11SessionPool(module: module, configuration: configuration, pinSource: pin)
        let lease = try await pool.acquire()
        let leaf: Certificate
        do {
            if let given = configuration.certificate {
                leaf = given
            } else {
                leaf = try await certificate(for: lease, module: module, configuration: configuration)
            }
        } catch {
            await pool.release(lease)
            throw error
        }
        // A token's public key object under the key's CKA_ID must be the certificate's key.
        if let id = lease.connection.keyID,
           let tokenKey = try? await module.blocking({ try module.publicKey(session: lease.session, id: id) }),
           tokenKey != leaf.publicKey {
            await pool.release(lease)
            throw PKCS11Error(.invalidArgument, "the certificate \(leaf.subject) is not for the \(configuration.key) (the token's public key differs)")
        }
        await pool.release(lease)
        return PKCS11SigningKey(certificateChain: [leaf] + configuration.intermediates, keyType: lease.connection.keyType,
                                tokenLabel: lease.connection.token.label, pool: pool)
    }

    public func sign(_ request: SignatureRequest) async throws -> [UInt8] {
        var attempt = 0
        while true {
            attempt += 1
            let lease = try await pool.acquire()
            let module = pool.module
            do {
                let plan = try PKCS11SigningPlan(request, keyType: lease.connection.keyType, mechanisms: lease.connection.mechanisms,
                                                 ecdsaHashing: pool.configuration.ecdsaHashing)
                let raw = try await module.blocking { try module.sign(lease.session, key: lease.connection.key, mechanism: plan.mechanism, data: plan.data) }
                await pool.release(lease)
                return try plan.finish(raw)
            } catch let error as PKCS11Error where attempt == 1 && Self.needsReconnect(error) {
                // Logged out, reinserted, or the key handle died with the login: log in again, retry once.
                await pool.release(lease, discard: true)
                await pool.invalidate(lease.connection.generation)
            } catch {
                await pool.release(lease, discard: (error as? PKCS11Error).map(Self.needsReconnect) ?? false)
                throw error
            }
        }
    }

    /// Logs the token out. The next signature logs in again, asking the PIN source.
    public func logOut() async throws {
        try await pool.logOut()
    }

    /// The public key object stored on the token under `id` (`CKA_ID`), read without logging
    /// in; `nil` when the token has none. Use it to have a certificate issued for a key
    /// generated inside the token.
    public static func publicKey(modulePath: String, token: PKCS11KeyConfiguration.TokenSelector, id: [UInt8]) async throws -> Certificate.PublicKey? {
        let module = try await Task.detached { try PKCS11Module.load(path: modulePath) }.value
        return try await module.blocking {
            guard let found = try module.tokens().first(where: { candidate in
                guard candidate.initialized else { return false }
                switch token {
                case .label(let label): return candidate.label == label
                case .serialNumber(let serial): return candidate.serialNumber == serial
                }
            }) else { throw PKCS11Error(.tokenNotFound, "no initialised \(token) in \(modulePath)") }
            let session = try module.openSession(slot: found.slot)
            defer { module.closeSession(session) }
            return try module.publicKey(session: session, id: id)
        }
    }

    /// How many times this provider has logged in (1 after ``open(_:pin:)``; more after
    /// re-logins).
    public var loginCount: Int { get async { await pool.logins } }

    /// Whether the private key is marked non-extractable and sensitive on the token.
    public var isKeyNonExtractable: Bool {
        get async throws {
            let lease = try await pool.acquire()
            let module = pool.module
            do {
                let result = try await module.blocking {
                    try module.booleanAttribute(CK_ATTRIBUTE_TYPE(CKA_EXTRACTABLE), of: lease.connection.key, session: lease.session) == false
                        && module.booleanAttribute(CK_ATTRIBUTE_TYPE(CKA_SENSITIVE), of: lease.connection.key, session: lease.session) == true
                }
                await pool.release(lease)
                return result
            } catch {
                await pool.release(lease)
                throw error
            }
        }
    }

    private static func needsReconnect(_ error: PKCS11Error) -> Bool {
        guard let name = error.returnValue?.name else { return false }
        return ["CKR_USER_NOT_LOGGED_IN", "CKR_SESSION_HANDLE_INVALID", "CKR_SESSION_CLOSED", "CKR_DEVICE_REMOVED",
                "CKR_TOKEN_NOT_PRESENT", "CKR_TOKEN_NOT_RECOGNIZED", "CKR_KEY_HANDLE_INVALID", "CKR_OBJECT_HANDLE_INVALID"].contains(name)
    }

    /// The token's certificate for the key: the one with the key's `CKA_ID`, else its label.
    private static func certificate(for lease: PKCS11SessionPool.Lease, module: PKCS11Module,
                                    configuration: PKCS11KeyConfiguration) async throws -> Certificate {
        var templates: [[PKCS11Attribute]] = []
        if let id = lease.connection.keyID { templates.append([.id(id)]) }
        if let label = lease.connection.keyLabel, !label.isEmpty { templates.append([.label(label)]) }
        for template in templates {
            let value = try await module.blocking { () -> [UInt8]? in
                let found = try module.findObjects(lease.session, [.objectClass(CK_ULONG(CKO_CERTIFICATE))] + template, limit: 1)
                return try found.first.flatMap { try module.attribute(CK_ATTRIBUTE_TYPE(CKA_VALUE), of: $0, session: lease.session) }
            }
            guard let value else { continue }
            do {
                return try Certificate(derEncoded: value)
            } catch {
                throw PKCS11Error(.certificateNotFound, "the certificate for the \(configuration.key) on the token cannot be read: \(error)")
            }
        }
        throw PKCS11Error(.certificateNotFound, "no certificate for the \(configuration.key) on token \"\(lease.connection.token.label)\"; give one")
    }
}
