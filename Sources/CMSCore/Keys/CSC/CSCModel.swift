import SwiftASN1
import X509

/// What a CSC service says about itself (`info`).
public struct CSCServiceInfo: Sendable, Hashable {
    /// The API version the service implements (`1.0.4.0`, `2.0.0.2`).
    public var specs: String
    /// The service's name.
    public var name: String?
    /// The service's description, in its language.
    public var serviceDescription: String?
    /// How clients authenticate to the service (`external`, `TLS`, `basic`, `oauth2code`, …).
    public var authTypes: [String]
    /// The API methods the service implements (`credentials/list`, `signatures/signHash`, …).
    public var methods: [String]

    public init(specs: String, name: String? = nil, serviceDescription: String? = nil, authTypes: [String] = [], methods: [String] = []) {
        self.specs = specs
        self.name = name
        self.serviceDescription = serviceDescription
        self.authTypes = authTypes
        self.methods = methods
    }
}

/// How a credential's use is authorized (`authMode`; v2 `auth.mode`).
public enum CSCAuthorizationMode: Sendable, Hashable {
    /// The service authorizes by itself (the service authorization is enough).
    case implicit
    /// The caller sends a PIN and/or an OTP to `credentials/authorize`.
    case explicit
    /// The user authorizes through an OAuth 2.0 code flow with the service (not performed by this client).
    case oauth2code
    /// A mode this client does not know.
    case other(String)

    init(_ text: String?) {
        switch text?.lowercased() {
        case nil, "implicit": self = .implicit
        case "explicit": self = .explicit
        case "oauth2code": self = .oauth2code
        case let other?: self = .other(other)
        }
    }
}

/// What a CSC service says about one credential (`credentials/info`).
public struct CSCCredentialInfo: Sendable {
    /// The credential's identifier at the service.
    public var credentialID: String
    /// Whether the key may sign (`key.status` is `enabled`).
    public var isKeyEnabled: Bool
    /// The signature algorithms the key offers (`key.algo`), as object identifiers.
    public var signatureAlgorithms: [ASN1ObjectIdentifier]
    /// The key length in bits (`key.len`).
    public var keyLength: Int?
    /// The certificate's status when the service says (`valid`, `expired`, `revoked`, `suspended`).
    public var certificateStatus: String?
    /// The signer's certificate first, then its chain as the service returned it.
    public var certificates: [Certificate]
    /// How the credential's use is authorized.
    public var authorizationMode: CSCAuthorizationMode
    /// The PIN and OTP an explicit authorization needs.
    public var factors: [CSCAuthenticationFactor]
    /// The Sole Control Assurance Level: 2 requires the hashes at `credentials/authorize`.
    public var soleControlAssuranceLevel: Int?
    /// How many signatures one authorization may cover (`multisign`).
    public var multisign: Int?
    /// The credential's description, in the service's language.
    public var credentialDescription: String?
    /// v1: the OTP is sent by the service (`OTP.type` is `online`), after `credentials/sendOTP`.
    public var otpIsSentByService: Bool

    public init(credentialID: String, isKeyEnabled: Bool = true, signatureAlgorithms: [ASN1ObjectIdentifier] = [], keyLength: Int? = nil,
                certificateStatus: String? = nil, certificates: [Certificate] = [], authorizationMode: CSCAuthorizationMode = .implicit,
                factors: [CSCAuthenticationFactor] = [], soleControlAssuranceLevel: Int? = nil, multisign: Int? = nil,
                credentialDescription: String? = nil, otpIsSentByService: Bool = false) {
        self.credentialID = credentialID
        self.isKeyEnabled = isKeyEnabled
        self.signatureAlgorithms = signatureAlgorithms
        self.keyLength = keyLength
        self.certificateStatus = certificateStatus
        self.certificates = certificates
        self.authorizationMode = authorizationMode
        self.factors = factors
        self.soleControlAssuranceLevel = soleControlAssuranceLevel
        self.multisign = multisign
        self.credentialDescription = credentialDescription
        self.otpIsSentByService = otpIsSentByService
    }
}

/// The Signature Activation Data `credentials/authorize` returns: the one-time permission
/// `signatures/signHash` needs.
///
/// Its description hides the value: a SAD lets whoever holds it sign the hashes it covers.
public struct CSCSignatureActivationData: Sendable, CustomStringConvertible {
    /// The SAD as the service issued it.
    public var value: String
    /// Its lifetime in seconds (`expiresIn`; 3600 when the service does not say).
    public var expiresIn: Int

    public init(value: String, expiresIn: Int = 3600) {
        self.value = value
        self.expiresIn = expiresIn
    }

    public var description: String { "CSCSignatureActivationData(•••, expiresIn: \(expiresIn))" }
}
