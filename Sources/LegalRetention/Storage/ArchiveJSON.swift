import Foundation

/// The JSON the indexes store records, versions and log entries in: sorted keys, dates as
/// seconds since 1970, so every index writes the same text for the same value.
public enum ArchiveJSON {
    /// Encodes `value`. - Throws: ``ArchiveError/Code/storageFailure``.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) } catch {
            throw ArchiveError(.storageFailure, "cannot encode \(T.self): \(error)")
        }
    }

    /// Decodes `text`. - Throws: ``ArchiveError/Code/storageFailure``.
    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do { return try decoder.decode(type, from: Data(text.utf8)) } catch {
            throw ArchiveError(.storageFailure, "stored \(T.self) does not decode: \(error)")
        }
    }
}

extension Date {
    /// This time truncated to whole milliseconds (what the audit chain's canonical JSON keeps).
    var wholeMilliseconds: Date { Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000) }
}
