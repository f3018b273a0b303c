import CPKCS11

/// A logged-in token with the key found on it: what the session pool hands out with each
/// session. A new one is made after a logout or a reinsertion (its ``generation`` grows).
struct PKCS11Connection: Sendable {
    var token: PKCS11TokenInfo
    var key: CK_OBJECT_HANDLE
    var keyType: PKCS11KeyType
    var keyID: [UInt8]?
    var keyLabel: String?
    var mechanisms: Set<CK_MECHANISM_TYPE>
    var generation: Int

    /// Finds the token, opens a session, logs in with a PIN from `pinSource` (wiped right
    /// after) and finds the key. Returns the connection and its first session.
    static func connect(module: PKCS11Module, configuration: PKCS11KeyConfiguration, pinSource: @escaping PKCS11PINSource,
                        generation: Int, isRelogin: Bool) async throws -> (PKCS11Connection, CK_SESSION_HANDLE) {
        let tokens = try await module.blocking { try module.tokens() }
        let initialised = tokens.filter(\.initialized)
        let token = initialised.first { candidate in
            switch configuration.token {
            case .label(let label): candidate.label == label
            case .serialNumber(let serial): candidate.serialNumber == serial
            }
        }
        guard let token else {
            let present = initialised.map { "\"\($0.label)\" (\($0.serialNumber))" }.joined(separator: ", ")
            throw PKCS11Error(.tokenNotFound, "no initialised \(configuration.token) in \(module.path)"
                              + (present.isEmpty ? " (no initialised tokens)" : "; tokens: \(present)"))
        }
        let slot = token.slot
        let mechanisms = try await module.blocking { try module.mechanisms(slot: slot) }
        let session = try await module.blocking { try module.openSession(slot: slot) }
        do {
            let pin: PKCS11PIN
            do {
                pin = try await pinSource(PKCS11PINRequest(tokenLabel: token.label, tokenSerialNumber: token.serialNumber, isRelogin: isRelogin))
            } catch let error as PKCS11Error {
                throw error
            } catch {
                throw PKCS11Error(.pinUnavailable, "no PIN for \(configuration.token): \(error)")
            }
            defer { pin.wipe() }
            try await module.blocking { try module.login(session, pin: pin) }
            pin.wipe()
            let template: [PKCS11Attribute] = switch configuration.key {
            case .label(let label): [.label(label)]
            case .id(let id): [.id(id)]
            case .labelAndID(let label, let id): [.label(label), .id(id)]
            }
            let keys = try await module.blocking {
                try module.findObjects(session, [.objectClass(CK_ULONG(CKO_PRIVATE_KEY))] + template)
            }
            guard let key = keys.first else {
                throw PKCS11Error(.keyNotFound, "no private \(configuration.key) on token \"\(token.label)\"")
            }
            guard keys.count == 1 else {
                throw PKCS11Error(.invalidArgument, "\(keys.count) private keys match \(configuration.key) on token \"\(token.label)\"; select by label and CKA_ID")
            }
            let (rawType, id, label) = try await module.blocking {
                (try module.unsignedAttribute(CK_ATTRIBUTE_TYPE(CKA_KEY_TYPE), of: key, session: session),
                 try module.attribute(CK_ATTRIBUTE_TYPE(CKA_ID), of: key, session: session),
                 try module.attribute(CK_ATTRIBUTE_TYPE(CKA_LABEL), of: key, session: session))
            }
            let keyType: PKCS11KeyType
            switch rawType ?? .max {
            case CK_ULONG(CKK_RSA): keyType = .rsa
            case CK_ULONG(CKK_EC): keyType = .ec
            default: throw PKCS11Error(.unsupportedMechanism, "the \(configuration.key) is of key type \(rawType.map { "0x" + String($0, radix: 16) } ?? "?"), neither RSA nor EC")
            }
            let connection = PKCS11Connection(
                token: token, key: key, keyType: keyType, keyID: id.flatMap { $0.isEmpty ? nil : $0 },
                keyLabel: label.map { String(decoding: $0, as: UTF8.self) }, mechanisms: mechanisms, generation: generation)
            return (connection, session)
        } catch {
            module.closeSession(session)
            throw error
        }
    }
}
