/// A ``ContractStore`` in memory, for tests and previews.
public actor InMemoryContractStore: ContractStore {
    private var records: [ContractID: StoredContract] = [:]
    private var eventsByContract: [ContractID: [AuditEvent]] = [:]

    /// An empty store.
    public init() {}

    /// Stores a new contract.
    public func create(_ record: ContractRecord, events: [AuditEvent]) async throws {
        let id = record.contract.id
        guard records[id] == nil else { throw ContractError(.versionConflict, "contract \(id) already exists") }
        records[id] = StoredContract(record: record, version: 1)
        eventsByContract[id] = events
    }

    /// Loads a contract.
    public func load(_ id: ContractID) async throws -> StoredContract {
        guard let stored = records[id] else { throw ContractError(.notFound, "no contract \(id)") }
        return stored
    }

    /// Saves with an optimistic version check.
    public func save(_ record: ContractRecord, appending events: [AuditEvent], expectedVersion: Int) async throws -> Int {
        let id = record.contract.id
        guard let stored = records[id] else { throw ContractError(.notFound, "no contract \(id)") }
        guard stored.version == expectedVersion else {
            throw ContractError(.versionConflict, "contract \(id) is at version \(stored.version), not \(expectedVersion)")
        }
        let existing = eventsByContract[id] ?? []
        let sequences = Set(existing.map(\.sequence))
        guard events.allSatisfy({ !sequences.contains($0.sequence) }) else {
            throw ContractError(.versionConflict, "an event with this sequence number exists")
        }
        records[id] = StoredContract(record: record, version: expectedVersion + 1)
        eventsByContract[id] = existing + events
        return expectedVersion + 1
    }

    /// The events in sequence order.
    public func events(of id: ContractID) async throws -> [AuditEvent] {
        guard records[id] != nil else { throw ContractError(.notFound, "no contract \(id)") }
        return (eventsByContract[id] ?? []).sorted { $0.sequence < $1.sequence }
    }

    /// Contracts in the given states.
    public func contractIDs(in states: Set<ContractState.Kind>) async throws -> [ContractID] {
        records.values.filter { states.contains($0.record.contract.state.kind) }.map(\.record.contract.id).sorted { $0.rawValue < $1.rawValue }
    }
}

/// A ``DocumentStore`` in memory.
public actor InMemoryDocumentStore: DocumentStore {
    private var documents: [String: [UInt8]] = [:]

    /// An empty store.
    public init() {}

    /// Stores `bytes`.
    public func put(_ bytes: [UInt8]) async throws -> String {
        let hash = Hex.sha256(bytes)
        documents[hash] = bytes
        return hash
    }

    /// The bytes with this hash.
    public func get(_ sha256: String) async throws -> [UInt8] {
        guard let bytes = documents[sha256.lowercased()] else { throw ContractError(.notFound, "no document \(sha256)") }
        return bytes
    }

    /// Whether the store has these bytes.
    public func contains(_ sha256: String) async throws -> Bool { documents[sha256.lowercased()] != nil }
}
