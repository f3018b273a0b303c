import Crypto
import Foundation

/// What happened, in an ``AuditEvent``.
public enum AuditAction: String, Hashable, Codable, Sendable, CaseIterable {
    case created, edited, sent, viewed, otpSent, otpFailed, authenticated, authenticationFailed, signed, approved, declined
    case cancelled, corrected, reminded, expired, completed, downloaded, accessDenied, anchored
}

/// Who did it.
public enum AuditActor: Hashable, Codable, Sendable {
    /// An organisation member (the host's user).
    case member(UserID)
    /// A participant (through an invitation link or as a party signer).
    case participant(ParticipantID)
    /// The platform itself (scheduler, completion).
    case system

    /// `member:<id>`, `participant:<id>` or `system`: a compact form for SQL columns.
    public var storageText: String {
        switch self {
        case .member(let id): "member:\(id.rawValue)"
        case .participant(let id): "participant:\(id.rawValue)"
        case .system: "system"
        }
    }

    /// Parses ``storageText``.
    public init?(storageText text: String) {
        if text == "system" { self = .system } else if text.hasPrefix("member:") {
            self = .member(UserID(String(text.dropFirst(7))))
        } else if text.hasPrefix("participant:") {
            self = .participant(ParticipantID(String(text.dropFirst(12))))
        } else { return nil }
    }

    var canonical: CanonicalJSON {
        switch self {
        case .member(let id): .object(["kind": .string("member"), "id": .string(id.rawValue)])
        case .participant(let id): .object(["kind": .string("participant"), "id": .string(id.rawValue)])
        case .system: .object(["kind": .string("system")])
        }
    }
}

/// One entry of a contract's append-only audit trail, chained to the one before by hash.
///
/// ``hash`` = SHA-256(``previousHash`` ‖ ``canonicalEncoding``), where the previous hash of the
/// first event is 32 zero bytes and ``canonicalEncoding`` is the ``CanonicalJSON`` of every
/// field except the two hashes.
public struct AuditEvent: Hashable, Codable, Sendable {
    /// The contract.
    public var contractID: ContractID
    /// 1 for the first event, then one more for each.
    public var sequence: Int
    /// When, from the workflow's ``ContractClock``.
    public var time: Date
    /// Who.
    public var actor: AuditActor
    /// What.
    public var action: AuditAction
    /// The participant concerned, if any.
    public var participantID: ParticipantID?
    /// The contract version the event belongs to.
    public var contractVersion: Int
    /// The client's IP address, as the host saw it.
    public var ipAddress: String?
    /// The client's user agent.
    public var userAgent: String?
    /// Further facts (reason, factor, document hash, evidence digest, …). Never secrets.
    public var details: [String: String]
    /// The previous event's hash (hex), or 64 zeros for the first.
    public var previousHash: String
    /// This event's hash (hex).
    public var hash: String

    /// An event as stored (use ``chained(after:sequence:contractID:contractVersion:time:actor:action:participantID:request:details:)``
    /// to make a new one with its hash).
    public init(contractID: ContractID, sequence: Int, time: Date, actor: AuditActor, action: AuditAction, participantID: ParticipantID?,
                contractVersion: Int, ipAddress: String?, userAgent: String?, details: [String: String], previousHash: String, hash: String) {
        self.contractID = contractID
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.action = action
        self.participantID = participantID
        self.contractVersion = contractVersion
        self.ipAddress = ipAddress
        self.userAgent = userAgent
        self.details = details
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The canonical JSON of everything but the hashes.
    public var canonicalEncoding: [UInt8] {
        var object = CanonicalObject()
        object.set("contractID", contractID.rawValue)
        object.set("sequence", sequence)
        object.set("time", time)
        object.set("actor", actor.canonical)
        object.set("action", action.rawValue)
        object.set("participantID", participantID?.rawValue)
        object.set("contractVersion", contractVersion)
        object.set("ipAddress", ipAddress)
        object.set("userAgent", userAgent)
        object.set("details", CanonicalJSON.object(details.mapValues { .string($0) }))
        return object.json.encoded
    }

    /// SHA-256(`previousHash` bytes ‖ ``canonicalEncoding``), hex.
    public func computedHash() -> String {
        var hasher = SHA256()
        hasher.update(data: Hex.decode(previousHash) ?? [])
        hasher.update(data: canonicalEncoding)
        return Hex.encode(Array(hasher.finalize()))
    }

    /// The previous hash of the first event: 32 zero bytes.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Makes the event that follows `previous` (or the first), computing its hash.
    public static func chained(after previousHash: String, sequence: Int, contractID: ContractID, contractVersion: Int, time: Date,
                               actor: AuditActor, action: AuditAction, participantID: ParticipantID? = nil,
                               request: RequestInfo? = nil, details: [String: String] = [:]) -> AuditEvent {
        var event = AuditEvent(contractID: contractID, sequence: sequence, time: time, actor: actor, action: action,
                               participantID: participantID, contractVersion: contractVersion, ipAddress: request?.ipAddress,
                               userAgent: request?.userAgent, details: details, previousHash: previousHash, hash: "")
        event.hash = event.computedHash()
        return event
    }
}

/// What the host knows about the client making a request.
public struct RequestInfo: Hashable, Codable, Sendable {
    /// The client's IP address (v4 or v6 text).
    public var ipAddress: String?
    /// The client's user agent.
    public var userAgent: String?
    /// A request with these details.
    public init(ipAddress: String? = nil, userAgent: String? = nil) {
        self.ipAddress = ipAddress
        self.userAgent = userAgent
    }
}

/// Lower-case hex.
enum Hex {
    static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = value(chars[index]), let low = value(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    static func sha256(_ bytes: [UInt8]) -> String { encode(Array(SHA256.hash(data: bytes))) }
}
