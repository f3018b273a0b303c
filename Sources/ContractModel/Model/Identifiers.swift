import Foundation

/// A contract's identifier (a lower-case UUID string unless the host chooses otherwise).
public struct ContractID: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The identifier's text.
    public let rawValue: String
    /// Wraps `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps `rawValue`.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The identifier's text.
    public var description: String { rawValue }
    /// Decodes from a single string.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    /// Encodes as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A participant's identifier, unique within its contract.
public struct ParticipantID: RawRepresentable, Hashable, Codable, CodingKeyRepresentable, Sendable, CustomStringConvertible {
    /// The identifier's text.
    public let rawValue: String
    /// Wraps `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps `rawValue`.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The identifier's text.
    public var description: String { rawValue }
    /// Decodes from a single string.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    /// Encodes as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    /// The identifier as a dictionary key, so maps keyed by participant encode as JSON objects.
    public var codingKey: any CodingKey { ParticipantKey(stringValue: rawValue) }
    /// Reads a dictionary key.
    public init?<T: CodingKey>(codingKey: T) { rawValue = codingKey.stringValue }

    private struct ParticipantKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// A user of the host application (an organisation member), as the host identifies it.
public struct UserID: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The identifier's text.
    public let rawValue: String
    /// Wraps `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps `rawValue`.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The identifier's text.
    public var description: String { rawValue }
    /// Decodes from a single string.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    /// Encodes as a single string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
