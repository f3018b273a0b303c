import ContractModel
import Foundation

/// One browser session, kept on the server; the browser holds only its random identifier in an
/// HttpOnly, SameSite=Strict cookie.
public struct PortalSession: Sendable {
    /// The identifier (the cookie's value).
    public let id: String
    /// The synchronizer token every POST must carry (form field `csrf`).
    public let csrfToken: String
    /// When the session stops working.
    public var expiresAt: Date
    /// Set once the sender followed a login link.
    public var isSender = false
    /// The invitation link (`<contractID>~<token>`) of a counterparty, kept here so that it leaves the URL.
    public var invitation: String?
    /// Whether that counterparty passed the OTP.
    public var otpVerified = false
    /// The contract and participant a counterparty signed (downloads after the link is used up).
    public var signed: (contract: ContractID, participant: ParticipantID)?
}

/// In-memory sessions with a sliding lifetime. A real deployment stores them in a shared cache.
public actor SessionStore {
    private var sessions: [String: PortalSession] = [:]
    /// How long a session lives without use.
    public let lifetime: TimeInterval

    /// A store.
    public init(lifetime: TimeInterval = 3600) { self.lifetime = lifetime }

    /// A new session.
    public func create() -> PortalSession {
        purge()
        let session = PortalSession(id: PortalSecrets.token(), csrfToken: PortalSecrets.token(), expiresAt: Date().addingTimeInterval(lifetime))
        sessions[session.id] = session
        return session
    }

    /// The live session `id`, its lifetime extended.
    public func session(_ id: String?) -> PortalSession? {
        guard let id, var session = sessions[id] else { return nil }
        guard session.expiresAt > Date() else { sessions[id] = nil; return nil }
        session.expiresAt = Date().addingTimeInterval(lifetime)
        sessions[id] = session
        return session
    }

    /// Replaces a session.
    public func update(_ session: PortalSession) { sessions[session.id] = session }

    private func purge() {
        let now = Date()
        sessions = sessions.filter { $0.value.expiresAt > now }
    }
}
