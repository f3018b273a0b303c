import Foundation

/// The JSON the SQL stores keep: a contract record per row, and an audit event's details.
///
/// One encoder and one decoder for the process (both are `Sendable` and safe to share), instead
/// of a new pair with sorted keys per save. Nothing hashes a stored record, so its keys are left in
/// the encoder's order; the audit chain hashes ``AuditEvent/canonicalEncoding`` (``CanonicalJSON``),
/// which never goes through this type. Event details are written with sorted keys (as
/// ``CanonicalJSON``), so that the column reads the same for the same facts.
package enum StoredJSON {
    private static let encoder = JSONEncoder()
    private static let decoder = JSONDecoder()

    /// A contract record's JSON. - Throws: ``ContractError/Code/storageFailure``.
    package static func encode(_ record: ContractRecord) throws -> Data {
        do { return try encoder.encode(record) } catch {
            throw ContractError(.storageFailure, "cannot encode contract \(record.contract.id): \(error)")
        }
    }

    /// A record from its JSON (the caller names the contract in its error).
    package static func record(from data: Data) throws -> ContractRecord {
        try decoder.decode(ContractRecord.self, from: data)
    }

    /// An event's details as a JSON object with sorted keys and no white space.
    package static func details(_ details: [String: String]) -> String {
        String(decoding: CanonicalJSON.object(details.mapValues { CanonicalJSON.string($0) }).encoded, as: UTF8.self)
    }

    /// Details from their column; `nil` when the text is not an object of strings.
    package static func details(from text: String) -> [String: String]? {
        try? decoder.decode([String: String].self, from: Data(text.utf8))
    }
}
