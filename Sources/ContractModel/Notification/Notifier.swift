import Foundation

/// Why a message is sent.
public enum NotificationKind: String, Hashable, Codable, Sendable {
    case invitation, oneTimePassword, reminder, corrected, cancelled, expired, declined, completed
}

/// How a message travels.
public enum NotificationChannel: String, Hashable, Codable, Sendable {
    case email, sms
}

/// A message for the host to deliver. ``link`` and ``oneTimePassword`` are secrets meant only
/// for the recipient: notifiers must not log them.
public struct NotificationMessage: Hashable, Codable, Sendable {
    /// Why.
    public var kind: NotificationKind
    /// How.
    public var channel: NotificationChannel
    /// The e-mail address or phone number.
    public var recipient: String
    /// The contract.
    public var contractID: ContractID
    /// The participant.
    public var participantID: ParticipantID?
    /// The contract's title.
    public var title: String
    /// A short text for the recipient.
    public var text: String
    /// The invitation link (`<contractID>~<token>`), for invitations, reminders and corrections.
    public var link: String?
    /// The one-time password, for ``NotificationKind/oneTimePassword``.
    public var oneTimePassword: String?
    /// When the message was made.
    public var createdAt: Date

    /// A message.
    public init(kind: NotificationKind, channel: NotificationChannel, recipient: String, contractID: ContractID, participantID: ParticipantID?,
                title: String, text: String, link: String? = nil, oneTimePassword: String? = nil, createdAt: Date) {
        self.kind = kind
        self.channel = channel
        self.recipient = recipient
        self.contractID = contractID
        self.participantID = participantID
        self.title = title
        self.text = text
        self.link = link
        self.oneTimePassword = oneTimePassword
        self.createdAt = createdAt
    }
}

/// Delivers messages (e-mail and SMS delivery are the host's; the SDK ships console and file
/// notifiers for development and the CLI).
public protocol Notifier: Sendable {
    /// Delivers `message`. - Throws: any error; the workflow reports ``ContractError/Code/notificationFailed``.
    func deliver(_ message: NotificationMessage) async throws
}

/// Prints messages to standard output, with links and codes masked unless ``showsSecrets``.
public struct ConsoleNotifier: Notifier {
    /// Whether links and codes are printed (development only).
    public var showsSecrets: Bool
    /// A console notifier.
    public init(showsSecrets: Bool = false) { self.showsSecrets = showsSecrets }

    /// Prints one line.
    public func deliver(_ message: NotificationMessage) async throws {
        var line = "[\(message.channel.rawValue) → \(message.recipient)] \(message.kind.rawValue): \(message.title) — \(message.text)"
        if let link = message.link { line += " link: " + (showsSecrets ? link : "<hidden>") }
        if let code = message.oneTimePassword { line += " code: " + (showsSecrets ? code : "<hidden>") }
        print(line)
    }
}

/// Writes every message as one JSON line to `messages.jsonl` in a folder (the CLI reads OTP
/// codes and links from there). The file holds secrets: it is created with mode 0600.
public actor FileNotifier: Notifier {
    /// The folder.
    public let directory: URL
    /// The file.
    public var file: URL { directory.appendingPathComponent("messages.jsonl") }

    /// A notifier writing into `directory` (created if missing).
    public init(directory: URL) throws {
        self.directory = directory
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw ContractError(.storageFailure, "cannot create \(directory.path)")
        }
    }

    /// Appends one JSON line.
    public func deliver(_ message: NotificationMessage) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var line = try encoder.encode(message)
        line.append(0x0A)
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        do {
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
            try handle.synchronize()
        } catch {
            throw ContractError(.notificationFailed, "cannot append to \(file.path)")
        }
    }

    /// Every message in the folder's file, oldest first.
    public static func messages(in directory: URL) throws -> [NotificationMessage] {
        let file = directory.appendingPathComponent("messages.jsonl")
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try data.split(separator: 0x0A).map { try decoder.decode(NotificationMessage.self, from: Data($0)) }
    }
}
