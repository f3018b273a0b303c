import ContractModel
import Foundation

/// The sandbox delivery channel: every message the workflow sends (invitations, OTPs, reminders,
/// completion) and the sender's login links, appended as one JSON line to `DIR/outbox.jsonl`
/// (mode 0600) and printed on standard output. It stands in for e-mail; it is not a log.
///
/// A line: `{"time":…,"kind":"invitation"|"otp"|"reminder"|"completed"|"sender-login","to":…,
/// "contractId":…,"participantId":…,"link":absolute URL,"code":"123456"}`.
public actor OutboxNotifier: Notifier {
    /// One line of the outbox.
    public struct Entry: Codable, Sendable, Hashable {
        /// When (ISO 8601).
        public var time: String
        /// `invitation`, `otp`, `reminder`, `completed`, `sender-login`, or the workflow's kind otherwise.
        public var kind: String
        /// The recipient's address.
        public var to: String
        /// The contract, if any.
        public var contractId: String?
        /// The participant, if any.
        public var participantId: String?
        /// The absolute link (invitation, reminder, sender-login).
        public var link: String?
        /// The one-time password (otp).
        public var code: String?
    }

    /// The file.
    public let file: URL
    /// The portal's public base URL (`http://127.0.0.1:8080`), prefixed to invitation links.
    public let base: BaseURL
    /// Whether lines are also printed on standard output.
    public let printsToConsole: Bool

    /// A notifier appending to `file`.
    public init(file: URL, base: BaseURL, printsToConsole: Bool = true) {
        self.file = file
        self.base = base
        self.printsToConsole = printsToConsole
    }

    /// The absolute invitation URL of a link (`BASE/i/<contractID>~<token>`).
    public static func invitationURL(_ link: String, baseURL: String) -> String { baseURL + "/i/" + link }

    /// Delivers a workflow message.
    public func deliver(_ message: NotificationMessage) async throws {
        let baseURL = await base.value
        let kind: String
        switch message.kind {
        case .oneTimePassword: kind = "otp"
        default: kind = message.kind.rawValue
        }
        try append(Entry(time: Self.timestamp(message.createdAt), kind: kind, to: message.recipient, contractId: message.contractID.rawValue,
                         participantId: message.participantID?.rawValue, link: message.link.map { Self.invitationURL($0, baseURL: baseURL) },
                         code: message.oneTimePassword))
    }

    /// Delivers a sender login link.
    public func deliverSenderLogin(to recipient: String, link: String, at time: Date) throws {
        try append(Entry(time: Self.timestamp(time), kind: "sender-login", to: recipient, contractId: nil, participantId: nil, link: link, code: nil))
    }

    private func append(_ entry: Entry) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(entry)
        line.append(0x0A)
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        do {
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: line)
        } catch {
            throw ContractError(.notificationFailed, "cannot append to \(file.lastPathComponent)")
        }
        if printsToConsole {
            print("outbox: " + String(decoding: line.dropLast(), as: UTF8.self))
            fflush(nil)
        }
    }

    /// Every entry of an outbox file, oldest first.
    public static func entries(in file: URL) throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        return try data.split(separator: 0x0A).map { try JSONDecoder().decode(Entry.self, from: Data($0)) }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
