import Foundation
import X509

/// Which module, token, key and certificate a ``PKCS11SigningKey`` uses.
public struct PKCS11KeyConfiguration: Sendable {
    /// How the token is chosen among the module's slots (uninitialised tokens are skipped).
    public enum TokenSelector: Sendable, Hashable, CustomStringConvertible {
        /// The token whose `CK_TOKEN_INFO.label` (blank padding trimmed) is this.
        case label(String)
        /// The token whose `CK_TOKEN_INFO.serialNumber` (trimmed) is this.
        case serialNumber(String)

        public var description: String {
            switch self {
            case .label(let label): "token labelled \"\(label)\""
            case .serialNumber(let serial): "token with serial number \(serial)"
            }
        }
    }

    /// How the private key is chosen on the token.
    public enum KeySelector: Sendable, Hashable, CustomStringConvertible {
        /// The private key whose `CKA_LABEL` is this.
        case label(String)
        /// The private key whose `CKA_ID` is these bytes.
        case id([UInt8])
        /// The private key with both this `CKA_LABEL` and this `CKA_ID`.
        case labelAndID(String, [UInt8])

        public var description: String {
            switch self {
            case .label(let label): "key labelled \"\(label)\""
            case .id(let id): "key with CKA_ID \(id.hexString)"
            case .labelAndID(let label, let id): "key labelled \"\(label)\" with CKA_ID \(id.hexString)"
            }
        }
    }

    /// The path of the PKCS#11 module (`.so`, `.dylib`).
    public var modulePath: String
    /// The token.
    public var token: TokenSelector
    /// The private key.
    public var key: KeySelector
    /// The signer's certificate; `nil` reads it from the token (the certificate object with
    /// the key's `CKA_ID`, else with its label).
    public var certificate: Certificate?
    /// Intermediate CA certificates to put after the signer's certificate.
    public var intermediates: [Certificate] = []
    /// The most sessions open at once, i.e. the most signatures in flight (at least 1).
    public var maximumSessions: Int = 8
    /// Where ECDSA digests are computed.
    public var ecdsaHashing: PKCS11ECDSAHashing = .inProcess

    /// A configuration for the key selected by `key` on the token selected by `token`.
    public init(modulePath: String, token: TokenSelector, key: KeySelector, certificate: Certificate? = nil,
                intermediates: [Certificate] = []) {
        self.modulePath = modulePath
        self.token = token
        self.key = key
        self.certificate = certificate
        self.intermediates = intermediates
    }
}

extension [UInt8] {
    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
