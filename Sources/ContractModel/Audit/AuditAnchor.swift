import CMSCore
import Foundation
import TimestampClient

/// The audit chain's head at some event, fixed in time by an RFC 3161 timestamp token.
///
/// Anchors are kept beside the chain (in the contract record), so a trail cut short after an
/// anchored event is detected: the anchored event is missing.
public struct AuditAnchor: Hashable, Codable, Sendable {
    /// The sequence number of the anchored event.
    public var sequence: Int
    /// That event's hash (hex).
    public var headHash: String
    /// The RFC 3161 `TimeStampToken` (DER) over the head hash's 32 bytes.
    public var timestampToken: [UInt8]
    /// The token's genTime.
    public var time: Date

    /// An anchor.
    public init(sequence: Int, headHash: String, timestampToken: [UInt8], time: Date) {
        self.sequence = sequence
        self.headHash = headHash
        self.timestampToken = timestampToken
        self.time = time
    }

    enum CodingKeys: String, CodingKey { case sequence, headHash, timestampToken, time }

    /// Reads the token as base64 text (written since the workflow benchmark) or as the array of
    /// byte values records held before, so stored records stay readable.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try container.decode(Int.self, forKey: .sequence)
        headHash = try container.decode(String.self, forKey: .headHash)
        time = try container.decode(Date.self, forKey: .time)
        if let text = try? container.decode(String.self, forKey: .timestampToken) {
            guard let bytes = Data(base64Encoded: text) else {
                throw DecodingError.dataCorruptedError(forKey: .timestampToken, in: container, debugDescription: "the anchor token is not base64")
            }
            timestampToken = Array(bytes)
        } else {
            timestampToken = try container.decode([UInt8].self, forKey: .timestampToken)
        }
    }

    /// Writes the token as base64 text (a JSON array of byte values is four times larger and
    /// slow to encode and decode on every save and load of the record).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(headHash, forKey: .headHash)
        try container.encode(Data(timestampToken).base64EncodedString(), forKey: .timestampToken)
        try container.encode(time, forKey: .time)
    }
}

/// Fixes an audit head in time. ``TimestampAuditAnchoring`` asks a TSA; tests may inject their own.
public protocol AuditAnchoring: Sendable {
    /// A token over `headHash` (the 32 bytes of the head event's hash).
    ///
    /// - Returns: the DER token and its time.
    func anchor(headHash: [UInt8]) async throws -> (token: [UInt8], time: Date)

    /// Whether `token` is a valid anchor of `headHash`.
    func verify(token: [UInt8], headHash: [UInt8]) async -> Bool
}

/// Anchors with RFC 3161 timestamps from any TimestampClient `TimestampAuthority`.
///
/// ``verify(token:headHash:)`` checks the token's message imprint against the head and, when
/// ``verifier`` is set, the TSA's signature and chain with TimestampClient's `TimestampVerifier`.
public struct TimestampAuditAnchoring: AuditAnchoring {
    /// The TSA.
    public var authority: any TimestampAuthority
    /// Checks tokens cryptographically; `nil` checks the imprint only.
    public var verifier: TimestampVerifier?

    /// Anchors with `authority`.
    public init(authority: any TimestampAuthority, verifier: TimestampVerifier? = nil) {
        self.authority = authority
        self.verifier = verifier
    }

    /// A token over `headHash`.
    public func anchor(headHash: [UInt8]) async throws -> (token: [UInt8], time: Date) {
        let token = try await authority.timestamp(data: headHash)
        return (token.derEncoded, token.genTime)
    }

    /// Whether `token` parses, stamps `headHash` and (with a verifier) is valid.
    public func verify(token: [UInt8], headHash: [UInt8]) async -> Bool {
        guard let parsed = try? TimestampToken(derEncoded: token), let algorithm = parsed.messageImprint.digestAlgorithm else { return false }
        guard parsed.messageImprint.hashedMessage == algorithm.hash(headHash) else { return false }
        guard let verifier else { return true }
        return await verifier.verify(parsed, data: headHash).isValid
    }
}
