/// Why an audit trail failed verification.
public enum AuditBreakKind: String, Hashable, Codable, Sendable {
    /// An event's content does not match its hash (edited).
    case hashMismatch
    /// An event's previous-hash link does not match the event before it (inserted or replaced).
    case brokenLink
    /// A sequence number is missing (deleted).
    case missingEvent
    /// A sequence number appears out of order or twice (reordered or duplicated).
    case outOfOrder
    /// The trail ends before an anchored event (truncated).
    case truncated
    /// An anchored event's hash differs from the anchor (the trail was rewritten after anchoring).
    case anchorMismatch
    /// An anchor's timestamp token does not verify over its head.
    case invalidAnchor
    /// An event belongs to another contract.
    case foreignEvent
}

/// The first problem found in an audit trail.
public struct AuditTrailBreak: Hashable, Codable, Sendable {
    /// What is wrong.
    public var kind: AuditBreakKind
    /// The sequence number of the first bad event (for ``AuditBreakKind/missingEvent`` and
    /// ``AuditBreakKind/truncated``, the first missing one).
    public var sequence: Int
    /// A readable explanation.
    public var reason: String
}

/// The outcome of ``AuditTrailVerifier/verify(_:anchors:contractID:)``.
public enum AuditVerificationResult: Hashable, Sendable {
    /// Every event links and hashes correctly and every anchor matches.
    case intact(eventCount: Int, headHash: String, anchoredThrough: Int?)
    /// The first problem.
    case broken(AuditTrailBreak)

    /// Whether the trail is intact.
    public var isIntact: Bool { if case .intact = self { return true } else { return false } }
    /// The problem, if any.
    public var problem: AuditTrailBreak? { if case .broken(let problem) = self { return problem } else { return nil } }
}

/// Checks an audit trail's hash chain and its anchors.
public struct AuditTrailVerifier: Sendable {
    /// Checks anchor tokens (`nil`: anchors are compared with the chain but their tokens are not checked).
    public var anchoring: (any AuditAnchoring)?

    /// A verifier.
    public init(anchoring: (any AuditAnchoring)? = nil) { self.anchoring = anchoring }

    /// Verifies `events` (in stored order) against `anchors`.
    ///
    /// Reports the first bad event: edited (hash), deleted (sequence gap), reordered (sequence
    /// out of order), inserted (broken link), or a trail truncated before an anchored event.
    public func verify(_ events: [AuditEvent], anchors: [AuditAnchor], contractID: ContractID) async -> AuditVerificationResult {
        var previous = AuditEvent.genesisHash
        let present = Set(events.map(\.sequence))
        for (index, event) in events.enumerated() {
            let expected = index + 1
            if event.contractID != contractID {
                return .broken(.init(kind: .foreignEvent, sequence: event.sequence, reason: "event \(event.sequence) belongs to contract \(event.contractID)"))
            }
            if event.sequence > expected, present.contains(expected) {
                return .broken(.init(kind: .outOfOrder, sequence: expected, reason: "event \(event.sequence) appears where event \(expected) belongs"))
            }
            if event.sequence > expected {
                return .broken(.init(kind: .missingEvent, sequence: expected, reason: "event \(expected) is missing (next stored is \(event.sequence))"))
            }
            if event.sequence < expected {
                return .broken(.init(kind: .outOfOrder, sequence: event.sequence, reason: "event \(event.sequence) appears at position \(expected)"))
            }
            if event.computedHash() != event.hash {
                return .broken(.init(kind: .hashMismatch, sequence: event.sequence, reason: "event \(event.sequence) does not match its hash (edited)"))
            }
            if event.previousHash != previous {
                return .broken(.init(kind: .brokenLink, sequence: event.sequence, reason: "event \(event.sequence) does not link to event \(event.sequence - 1)"))
            }
            previous = event.hash
        }
        for anchor in anchors.sorted(by: { $0.sequence < $1.sequence }) {
            guard anchor.sequence >= 1 else {
                return .broken(.init(kind: .invalidAnchor, sequence: anchor.sequence, reason: "an anchor names no event"))
            }
            guard anchor.sequence <= events.count else {
                return .broken(.init(kind: .truncated, sequence: events.count + 1,
                                     reason: "the trail ends at event \(events.count) but event \(anchor.sequence) was anchored"))
            }
            let event = events[anchor.sequence - 1]
            guard event.hash == anchor.headHash else {
                // The chain is self-consistent but differs from what was anchored: find the first changed event
                // is impossible without the original, so the anchored one is named.
                return .broken(.init(kind: .anchorMismatch, sequence: anchor.sequence, reason: "event \(anchor.sequence) differs from the anchored head"))
            }
            if let anchoring, let head = Hex.decode(anchor.headHash), await !anchoring.verify(token: anchor.timestampToken, headHash: head) {
                return .broken(.init(kind: .invalidAnchor, sequence: anchor.sequence, reason: "the timestamp over event \(anchor.sequence) does not verify"))
            }
        }
        return .intact(eventCount: events.count, headHash: previous, anchoredThrough: anchors.map(\.sequence).max())
    }
}
