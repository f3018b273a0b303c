import Foundation
import Logging

/// The contract workflow: every transition is a method that asks the ``AccessPolicy``,
/// checks the state (``ContractTransitions``) and the caller, and saves the contract with its
/// audit events in one store transaction.
///
/// Within a process, changes to one contract run one after the other (a per-contract queue),
/// so that parallel signers sign the newest revision in turn. Across processes, saves carry the
/// version they started from; a ``ContractError/Code/versionConflict`` makes the workflow
/// reload and redo the step (signing again on the newest revision), up to
/// ``Configuration/maximumSaveAttempts`` times.
public actor ContractWorkflow {
    /// The injected dependencies.
    public nonisolated let dependencies: Dependencies
    /// The tunables.
    public nonisolated let configuration: Configuration

    var busy: Set<ContractID> = []
    /// The records this workflow saved last, reused while the store's version still matches
    /// (saves no JSON decoding per step; another process's save changes the version).
    var recent: [ContractID: StoredContract] = [:]
    var waiters: [ContractID: [CheckedContinuation<Void, Never>]] = [:]
    /// Revisions stored or read lately, newest last (see ``revision(_:)``).
    var recentDocuments: [(hash: String, bytes: [UInt8])] = []

    /// A workflow.
    public init(dependencies: Dependencies, configuration: Configuration = .init()) {
        self.dependencies = dependencies
        self.configuration = configuration
    }

    var logger: Logger { dependencies.logger }

    // MARK: - Per-contract queue

    func acquire(_ id: ContractID) async {
        if busy.contains(id) {
            await withCheckedContinuation { waiters[id, default: []].append($0) }
        } else {
            busy.insert(id)
        }
    }

    func release(_ id: ContractID) {
        if var queue = waiters[id], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[id] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            busy.remove(id)
        }
    }

    // MARK: - Load, change, save

    /// Loads, lets `change` work on the record, saves it with the events it emitted, retrying
    /// on version conflicts; then delivers the outbox. A ``Mutation/deferredError`` is thrown
    /// after the save (so failed attempts are recorded).
    func mutate<T: Sendable>(_ id: ContractID, _ change: (inout Mutation) async throws -> T) async throws -> T {
        await acquire(id)
        defer { release(id) }
        var attempt = 0
        while true {
            attempt += 1
            let stored = try await current(id)
            var mutation = Mutation(record: stored.record, now: dependencies.clock.now())
            var result: T?
            do {
                result = try await change(&mutation)
            } catch {
                // A refusal that must be recorded (failed OTP, access denied) is saved, then thrown;
                // any other error leaves the store untouched.
                guard mutation.deferredError != nil else { throw error }
            }
            if !mutation.events.isEmpty || mutation.recordChanged {
                if mutation.deferredError == nil { try await anchorIfDue(&mutation) }
                do {
                    let version = try await dependencies.store.save(mutation.record, appending: mutation.events, expectedVersion: stored.version)
                    remember(StoredContract(record: mutation.record, version: version))
                } catch let error as ContractError where error.code == .versionConflict && attempt < configuration.maximumSaveAttempts {
                    logger.debug("version conflict, retrying", metadata: ["contract": "\(id)", "attempt": "\(attempt)"])
                    recent[id] = nil
                    continue
                } catch {
                    recent[id] = nil
                    throw error
                }
                await deliver(mutation.outbox)
                if mutation.completed != nil { await handOver(mutation.record) }
            }
            if let error = mutation.deferredError { throw error }
            guard let result else { throw ContractError(.storageFailure, "internal: a change returned no result") }
            return result
        }
    }

    /// The record as stored: the one saved last when the store's version is still its version, else loaded.
    func current(_ id: ContractID) async throws -> StoredContract {
        if let cached = recent[id], try await dependencies.store.version(of: id) == cached.version { return cached }
        let stored = try await dependencies.store.load(id)
        remember(stored)
        return stored
    }

    func remember(_ stored: StoredContract) {
        if recent.count >= 256, recent[stored.record.contract.id] == nil { recent.removeAll(keepingCapacity: true) }
        recent[stored.record.contract.id] = stored
    }

    /// Anchors the current audit head now (for example after a TSA outage at completion), for a
    /// member with `audit`. Does nothing when the head is already anchored.
    ///
    /// - Throws: ``ContractError/Code/anchoringFailed`` when no anchoring is configured or the TSA fails.
    public func anchorAuditHead(_ id: ContractID, by caller: AuthenticationContext) async throws -> AuditAnchor? {
        guard let anchoring = dependencies.anchoring else { throw ContractError(.anchoringFailed, "no audit anchoring is configured") }
        return try await mutate(id) { mutation -> AuditAnchor? in
            try await authorize(&mutation, .member(caller), .audit)
            guard mutation.record.headSequence > (mutation.record.anchors.map(\.sequence).max() ?? 0),
                  let head = Hex.decode(mutation.record.headHash) else { return nil }
            let token: [UInt8], time: Date
            do { (token, time) = try await anchoring.anchor(headHash: head) } catch {
                throw ContractError(.anchoringFailed, "anchoring the audit head failed: \(error)")
            }
            let anchor = AuditAnchor(sequence: mutation.record.headSequence, headHash: mutation.record.headHash, timestampToken: token, time: time)
            mutation.record.anchors.append(anchor)
            mutation.recordChanged = true
            return anchor
        }
    }

    private func anchorIfDue(_ mutation: inout Mutation) async throws {
        guard let anchoring = dependencies.anchoring else { return }
        let lastAnchored = mutation.record.anchors.map(\.sequence).max() ?? 0
        var due = mutation.anchorRequested
        if let every = configuration.anchorEvery, every > 0, mutation.record.headSequence / every > lastAnchored / every { due = true }
        guard due, mutation.record.headSequence > lastAnchored, let head = Hex.decode(mutation.record.headHash) else { return }
        do {
            let (token, time) = try await anchoring.anchor(headHash: head)
            mutation.record.anchors.append(AuditAnchor(sequence: mutation.record.headSequence, headHash: mutation.record.headHash,
                                                       timestampToken: token, time: time))
        } catch {
            // A TSA outage must not lose a signature: the change is saved unanchored, and
            // ``anchorAuditHead(_:by:)`` anchors the head later.
            logger.error("anchoring the audit head failed", metadata: ["contract": "\(mutation.record.contract.id)", "error": "\(error)"])
        }
    }

    private func deliver(_ outbox: [NotificationMessage]) async {
        for message in outbox {
            do { try await dependencies.notifier.deliver(message) } catch {
                logger.error("notification failed", metadata: ["contract": "\(message.contractID)", "kind": "\(message.kind.rawValue)"])
            }
        }
    }

    /// Hands the completed contract to the completion handler: the record just saved (no
    /// reload), the final revision and the stored trail.
    private func handOver(_ record: ContractRecord) async {
        guard let handler = dependencies.completionHandler else { return }
        let contract = record.contract
        do {
            let completed = CompletedContract(contract: contract, document: try await revision(contract.latestRevision.sha256),
                                              events: try await dependencies.store.events(of: contract.id), anchors: record.anchors)
            try await handler.contractCompleted(completed)
        } catch {
            logger.error("completion handler failed", metadata: ["contract": "\(contract.id)", "error": "\(error)"])
        }
    }

    // MARK: - Access

    /// Asks the policy; on denial records an `accessDenied` event and throws ``ContractError/Code/accessDenied``
    /// (the event is saved before the error reaches the caller).
    func authorize(_ mutation: inout Mutation, _ caller: Caller, _ permission: Permission, action: ContractAction? = nil) async throws {
        let contract = mutation.record.contract
        let request = AccessRequest(caller: caller, permission: permission, organisationID: contract.organisationID,
                                    folderID: contract.folderID, contractID: contract.id, ownerID: contract.ownerID)
        guard case .deny(let denial) = await dependencies.accessPolicy.decide(request) else { return }
        logger.notice("access denied", metadata: ["contract": "\(contract.id)", "permission": "\(permission.rawValue)", "denial": "\(denial.rawValue)"])
        var details = ["permission": permission.rawValue, "denial": denial.rawValue]
        if let action { details["action"] = action.rawValue }
        var participant: ParticipantID?
        if case .participant(let id, _) = caller { participant = id }
        mutation.emit(.accessDenied, actor: caller.auditActor, participant: participant, request: caller.request, details: details)
        throw mutation.fail(ContractError(.accessDenied, "\(permission.rawValue) on contract \(contract.id) denied: \(denial.rawValue)",
                                          state: contract.state.kind, action: action))
    }

    /// A transition check that throws the typed error naming state and action.
    func transition(_ mutation: inout Mutation, _ action: ContractAction, reason: String = "") throws {
        mutation.record.contract.state = try ContractTransitions.next(from: mutation.record.contract.state, on: action, reason: reason)
    }
}

/// One change to a contract record in progress: the record, the events it emits (chained as
/// they are emitted), the messages to send after the save and an error to throw after it.
struct Mutation: Sendable {
    var record: ContractRecord
    let now: Date
    var events: [AuditEvent] = []
    var outbox: [NotificationMessage] = []
    var deferredError: ContractError?
    var anchorRequested = false
    var recordChanged = false
    var completed: Contract?

    init(record: ContractRecord, now: Date) {
        self.record = record
        self.now = now
    }

    var contract: Contract {
        get { record.contract }
        set { record.contract = newValue; recordChanged = true }
    }

    /// Changes one participant; `change` gets the mutation's time.
    mutating func updateParticipant(_ id: ParticipantID, _ change: (inout Participant, Date) -> Void) {
        let now = self.now
        contract.update(id) { change(&$0, now) }
    }

    /// Records `error` to be thrown after the save and returns it (`throw mutation.fail(…)`).
    mutating func fail(_ error: ContractError) -> ContractError {
        deferredError = error
        return error
    }

    mutating func emit(_ action: AuditAction, actor: AuditActor, participant: ParticipantID? = nil, request: RequestInfo? = nil,
                       details: [String: String] = [:]) {
        let event = AuditEvent.chained(after: record.headHash, sequence: record.headSequence + 1, contractID: record.contract.id,
                                       contractVersion: record.contract.version, time: now, actor: actor, action: action,
                                       participantID: participant, request: request, details: details)
        record.headSequence = event.sequence
        record.headHash = event.hash
        events.append(event)
    }

    mutating func notify(_ kind: NotificationKind, _ participant: Participant, text: String, link: InvitationLink? = nil,
                         code: String? = nil, channel: NotificationChannel = .email) {
        let recipient = channel == .sms ? (participant.phone ?? participant.email) : participant.email
        outbox.append(NotificationMessage(kind: kind, channel: channel, recipient: recipient, contractID: record.contract.id,
                                          participantID: participant.id, title: record.contract.title, text: text,
                                          link: link?.description, oneTimePassword: code, createdAt: now))
    }
}
