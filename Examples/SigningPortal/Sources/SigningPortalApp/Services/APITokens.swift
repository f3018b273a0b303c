import Foundation

/// Bearer tokens for `/api/v1`, issued by `SigningPortal issue-token`. Only their SHA-256 is
/// stored, in `DIR/api-tokens.json` (mode 0600), with the name they were issued under.
public struct APITokens: Sendable {
    /// The file.
    public let file: URL

    /// Tokens in `directory`.
    public init(directory: URL) { file = directory.appendingPathComponent("api-tokens.json") }

    struct Stored: Codable { var name: String; var sha256: String; var issuedAt: Date }

    /// Issues a new token for `name` and returns it (shown once, never stored).
    public func issue(name: String) throws -> String {
        let token = "sp_" + PortalSecrets.token()
        var stored = load()
        stored.append(Stored(name: name, sha256: PortalSecrets.hash(token), issuedAt: Date()))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(stored)
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        try data.write(to: file)
        return token
    }

    /// The name a token was issued under, or `nil` for an unknown token.
    public func name(of token: String) -> String? {
        let hash = PortalSecrets.hash(token)
        return load().first { PortalSecrets.constantTimeEqual($0.sha256, hash) }?.name
    }

    private func load() -> [Stored] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (try? decoder.decode([Stored].self, from: data)) ?? []
    }
}

/// One-time sender login links (`/login/<token>`): only hashes are kept, each works once within its lifetime.
public actor SenderLogins {
    private var pending: [String: Date] = [:]
    /// How long a link works.
    public let lifetime: TimeInterval

    /// Logins.
    public init(lifetime: TimeInterval = 24 * 3600) { self.lifetime = lifetime }

    /// A new token.
    public func issue() -> String {
        let token = PortalSecrets.token()
        pending[PortalSecrets.hash(token)] = Date().addingTimeInterval(lifetime)
        return token
    }

    /// Uses up `token`; `false` when unknown, used or expired.
    public func redeem(_ token: String) -> Bool {
        let hash = PortalSecrets.hash(token)
        guard let expiry = pending.removeValue(forKey: hash) else { return false }
        return expiry > Date()
    }
}
