import Foundation

/// What `swift run SigningPortal` is started with.
public struct PortalConfiguration: Sendable {
    /// The folder holding the SQLite stores, documents, the archive, `outbox.jsonl` and `sandbox-root.pem`.
    public var dataDirectory: URL
    /// The address to listen on (loopback by default).
    public var host: String
    /// The port (0: any free port).
    public var port: Int
    /// The public base URL of links (default `http://HOST:PORT`, known once listening).
    public var baseURL: String?
    /// How long an invitation link works.
    public var invitationLifetime: TimeInterval
    /// The largest PDF accepted.
    public var maximumUploadBytes: Int
    /// Whether outbox lines are also printed on standard output.
    public var printsOutbox: Bool
    /// OTP attempts allowed per client address in 10 minutes, across participants.
    public var otpAttemptsPerAddress: Int
    /// OTP attempts allowed per invitation in 10 minutes (the workflow locks after 5 wrong ones anyway).
    public var otpAttemptsPerInvitation: Int

    /// A configuration.
    public init(dataDirectory: URL, host: String = "127.0.0.1", port: Int = 8080, baseURL: String? = nil,
                invitationLifetime: TimeInterval = 7 * 86400, maximumUploadBytes: Int = 20 * 1024 * 1024, printsOutbox: Bool = true,
                otpAttemptsPerAddress: Int = 200, otpAttemptsPerInvitation: Int = 10) {
        self.otpAttemptsPerAddress = otpAttemptsPerAddress
        self.otpAttemptsPerInvitation = otpAttemptsPerInvitation
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.baseURL = baseURL
        self.invitationLifetime = invitationLifetime
        self.maximumUploadBytes = maximumUploadBytes
        self.printsOutbox = printsOutbox
    }

    /// `DIR/outbox.jsonl`.
    public var outboxFile: URL { dataDirectory.appendingPathComponent("outbox.jsonl") }
}
