/// The unit a ``ContractStore`` keeps for each contract: the contract, the participants'
/// authentication state (hashes only) and the audit anchors. Saved together with the new audit
/// events in one transaction.
public struct ContractRecord: Hashable, Codable, Sendable {
    /// The contract.
    public var contract: Contract
    /// Witness authentication state by participant.
    public var authentication: [ParticipantID: ParticipantAuthentication]
    /// Timestamps over the chain head, oldest first.
    public var anchors: [AuditAnchor]
    /// The sequence number of the last audit event.
    public var headSequence: Int
    /// The hash of the last audit event (``AuditEvent/genesisHash`` before the first).
    public var headHash: String

    /// A record.
    public init(contract: Contract, authentication: [ParticipantID: ParticipantAuthentication] = [:], anchors: [AuditAnchor] = [],
                headSequence: Int = 0, headHash: String = AuditEvent.genesisHash) {
        self.contract = contract
        self.authentication = authentication
        self.anchors = anchors
        self.headSequence = headSequence
        self.headHash = headHash
    }
}

/// A record as loaded, with the store version to pass back when saving.
public struct StoredContract: Hashable, Sendable {
    /// The record.
    public var record: ContractRecord
    /// The store's version of it (1 after creation, one more per save).
    public var version: Int
    /// A stored record.
    public init(record: ContractRecord, version: Int) {
        self.record = record
        self.version = version
    }
}

/// Keeps contract records and their audit events.
///
/// The protocol is shaped for SQL (one row per contract with a version column, one row per
/// event keyed by contract and sequence), so in-memory, SQLite and PostgreSQL implementations
/// share one test body.
///
/// Guarantees every implementation must give:
/// - ``save(_:appending:expectedVersion:)`` is atomic: the record and all its events are stored,
///   or nothing is; there is never a half event;
/// - it fails with ``ContractError/Code/versionConflict`` when the stored version is not
///   `expectedVersion` (optimistic concurrency), and the caller reloads and retries;
/// - events are never changed or removed by the store.
public protocol ContractStore: Sendable {
    /// Stores a new contract with its first events, at version 1.
    /// - Throws: ``ContractError/Code/versionConflict`` if the identifier exists.
    func create(_ record: ContractRecord, events: [AuditEvent]) async throws

    /// Loads a contract. - Throws: ``ContractError/Code/notFound``.
    func load(_ id: ContractID) async throws -> StoredContract

    /// Replaces the record and appends `events` if the stored version is `expectedVersion`.
    /// - Returns: the new version.
    func save(_ record: ContractRecord, appending events: [AuditEvent], expectedVersion: Int) async throws -> Int

    /// The contract's audit events in sequence order.
    func events(of id: ContractID) async throws -> [AuditEvent]

    /// The identifiers of contracts in any of `states`.
    func contractIDs(in states: Set<ContractState.Kind>) async throws -> [ContractID]

    /// The stored version of a contract, without decoding its record. The workflow asks it
    /// before reusing the record it saved last. - Throws: ``ContractError/Code/notFound``.
    func version(of id: ContractID) async throws -> Int
}

extension ContractStore {
    /// Loads the record for its version; stores with a version column answer cheaper.
    public func version(of id: ContractID) async throws -> Int { try await load(id).version }
}

/// Keeps documents by the SHA-256 of their bytes.
public protocol DocumentStore: Sendable {
    /// Stores `bytes` (idempotent) and returns their lower-case hex SHA-256.
    func put(_ bytes: [UInt8]) async throws -> String
    /// The bytes with this hash. - Throws: ``ContractError/Code/notFound``; ``ContractError/Code/storageFailure``
    /// when the stored bytes no longer match their hash.
    func get(_ sha256: String) async throws -> [UInt8]
    /// Whether the store has these bytes.
    func contains(_ sha256: String) async throws -> Bool
}
