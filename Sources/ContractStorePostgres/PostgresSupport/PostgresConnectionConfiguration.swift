import Foundation

/// Where and how to connect: host, port, credentials, database and the schema whose tables a
/// store uses.
///
/// Made from a URL, `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME&sslmode=disable|prefer|require]`,
/// or from an environment variable holding one. The password is kept out of ``description``.
///
/// Every connection of the client is opened with `search_path` set to ``schema`` (a startup
/// parameter), so the SQL text never names the schema and several independent stores (or
/// test runs) share one database in separate schemas.
public struct PostgresConnectionConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// How to use TLS.
    public enum TLSMode: String, Sendable, Hashable {
        /// Plain TCP (loopback, or a private network you trust).
        case disable
        /// TLS when the server offers it.
        case prefer
        /// TLS or no connection.
        case require
    }

    /// The server's host name or address.
    public var host: String
    /// The server's port (5432 by default).
    public var port: Int
    /// The role to log in as.
    public var username: String
    /// The password, if the server asks for one. Never logged or printed.
    public var password: String?
    /// The database.
    public var database: String
    /// The schema holding the tables (created at open if missing): lower-case letters, digits and `_`.
    public var schema: String
    /// TLS use.
    public var tls: TLSMode
    /// How long to wait for a connection or an answer before ``PostgresStoreError/Code/timedOut``
    /// (60 s by default); also the server's `lock_timeout` and `idle_in_transaction_session_timeout`.
    public var timeout: Duration
    /// The most connections the client opens.
    public var maximumConnections: Int

    /// A configuration. - Throws: ``PostgresStoreError/Code/invalidConfiguration`` for a bad schema name or port.
    public init(host: String, port: Int = 5432, username: String, password: String? = nil, database: String,
                schema: String = "econtract", tls: TLSMode = .prefer, timeout: Duration = .seconds(60), maximumConnections: Int = 8) throws {
        guard !host.isEmpty else { throw PostgresStoreError(.invalidConfiguration, "no host") }
        guard (1...65535).contains(port) else { throw PostgresStoreError(.invalidConfiguration, "port \(port) is out of range") }
        guard !username.isEmpty, !database.isEmpty else { throw PostgresStoreError(.invalidConfiguration, "user and database are required") }
        guard Self.isValidSchemaName(schema) else {
            throw PostgresStoreError(.invalidConfiguration, "schema name must be 1–63 of a–z, 0–9 and _, starting with a letter or _")
        }
        guard maximumConnections >= 1 else { throw PostgresStoreError(.invalidConfiguration, "maximumConnections must be at least 1") }
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.schema = schema
        self.tls = tls
        self.timeout = timeout
        self.maximumConnections = maximumConnections
    }

    /// A configuration from `postgres://` or `postgresql://` URL text; `schema` overrides the URL's `?schema=`.
    public init(url text: String, schema: String? = nil) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              ["postgres", "postgresql"].contains(scheme.lowercased()) else {
            throw PostgresStoreError(.invalidConfiguration, "not a postgres:// URL")
        }
        guard let host = components.host, !host.isEmpty else { throw PostgresStoreError(.invalidConfiguration, "the URL has no host") }
        guard let user = components.user, !user.isEmpty else { throw PostgresStoreError(.invalidConfiguration, "the URL has no user") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw PostgresStoreError(.invalidConfiguration, "the URL has no database") }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let tls: TLSMode
        switch query["sslmode"] {
        case nil, "prefer", "allow": tls = .prefer
        case "disable": tls = .disable
        case "require", "verify-ca", "verify-full": tls = .require
        case let other?: throw PostgresStoreError(.invalidConfiguration, "unknown sslmode \(other)")
        }
        try self.init(host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
                      password: components.password.map { $0.removingPercentEncoding ?? $0 }, database: database.removingPercentEncoding ?? database,
                      schema: schema ?? query["schema"] ?? "econtract", tls: tls)
    }

    /// The configuration in environment variable `name`, or `nil` when it is unset or empty.
    public static func fromEnvironment(_ name: String = "ECONTRACT_POSTGRES_URL", schema: String? = nil,
                                       environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresConnectionConfiguration? {
        guard let text = environment[name], !text.isEmpty else { return nil }
        return try PostgresConnectionConfiguration(url: text, schema: schema)
    }

    /// The same server and database with another schema.
    public func with(schema: String) throws -> PostgresConnectionConfiguration {
        try PostgresConnectionConfiguration(host: host, port: port, username: username, password: password, database: database,
                                            schema: schema, tls: tls, timeout: timeout, maximumConnections: maximumConnections)
    }

    /// Whether `name` is a schema name this package accepts (and so never needs quoting).
    public static func isValidSchemaName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 63 else { return false }
        let lower = Unicode.Scalar("a").value...Unicode.Scalar("z").value, digits = Unicode.Scalar("0").value...Unicode.Scalar("9").value
        guard lower.contains(first.value) || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { lower.contains($0.value) || digits.contains($0.value) || $0 == "_" }
    }

    /// `postgres://user@host:port/database?schema=…` without the password.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)?schema=\(schema)" }
}
