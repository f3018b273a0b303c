import ContractModel
import Foundation
import Testing

@Suite struct AuditChainTests {
    static let contract = ContractID("c-1")

    static func chain(_ count: Int) -> [AuditEvent] {
        var events: [AuditEvent] = []
        var previous = AuditEvent.genesisHash
        for sequence in 1...count {
            let event = AuditEvent.chained(after: previous, sequence: sequence, contractID: contract, contractVersion: 1,
                                           time: Date(timeIntervalSince1970: 1_795_000_000 + Double(sequence) * 60.5),
                                           actor: sequence == 1 ? .member(UserID("alice")) : .participant(ParticipantID("p1")),
                                           action: sequence == 1 ? .created : .viewed, participantID: sequence == 1 ? nil : ParticipantID("p1"),
                                           request: RequestInfo(ipAddress: "192.0.2.1", userAgent: "UA \"quoted\"\n"),
                                           details: ["n": String(sequence), "名前": "山田"])
            events.append(event)
            previous = event.hash
        }
        return events
    }

    /// The canonical encoding and hash are pinned: a change to either breaks every stored trail.
    @Test func canonicalEncodingIsStable() throws {
        let event = AuditEvent.chained(after: AuditEvent.genesisHash, sequence: 1, contractID: ContractID("c-1"), contractVersion: 1,
                                       time: Date(timeIntervalSince1970: 1_795_000_000.1239), actor: .member(UserID("alice")), action: .created,
                                       request: RequestInfo(ipAddress: "192.0.2.1", userAgent: "UA \"q\"\n\u{1}"), details: ["b": "2", "a": "日本"])
        let text = String(decoding: event.canonicalEncoding, as: UTF8.self)
        #expect(text == #"{"action":"created","actor":{"id":"alice","kind":"member"},"contractID":"c-1","contractVersion":1,"details":{"a":"日本","b":"2"},"ipAddress":"192.0.2.1","sequence":1,"time":"2026-11-18T11:06:40.123Z","userAgent":"UA \"q\"\n\u0001"}"#)
        #expect(event.hash == Self.goldenHash)
        #expect(CanonicalJSON.parseDate("2026-11-18T11:06:40.123Z").map(CanonicalJSON.formatDate) == "2026-11-18T11:06:40.123Z")
        #expect(CanonicalJSON.parseDate("2026-02-30T00:00:00.000Z") == nil)
    }

    /// Computed independently: `hashlib.sha256(bytes(32) + canonical.encode()).hexdigest()` in Python.
    static let goldenHash = "2a6f3a19091a26e6878c70e263b637db2cad661b8214648260aa2d5637844332"

    @Test func intactChainVerifies() async {
        let events = Self.chain(6)
        let anchors = [AuditAnchor(sequence: 6, headHash: events[5].hash, timestampToken: Array("anchor:".utf8) + Array(hexBytes(events[5].hash)), time: .init())]
        let result = await AuditTrailVerifier(anchoring: TestAnchoring(time: .init())).verify(events, anchors: anchors, contractID: Self.contract)
        #expect(result == .intact(eventCount: 6, headHash: events[5].hash, anchoredThrough: 6))
    }

    enum Tamper: String, CaseIterable, Sendable { case edit, delete, reorder, insert, truncate, rewriteAfterAnchor, badToken }

    @Test(arguments: Tamper.allCases)
    func tamperingIsNamed(_ tamper: Tamper) async {
        var events = Self.chain(6)
        var anchors = [AuditAnchor(sequence: 6, headHash: events[5].hash, timestampToken: Array("anchor:".utf8) + hexBytes(events[5].hash), time: .init())]
        let expected: (AuditBreakKind, Int)
        switch tamper {
        case .edit:
            events[2].details["n"] = "99"
            expected = (.hashMismatch, 3)
        case .delete:
            events.remove(at: 3)
            expected = (.missingEvent, 4)
        case .reorder:
            events.swapAt(2, 3)
            expected = (.outOfOrder, 3)
        case .insert:
            // A forged event 4 with a valid hash of its own but not linked to event 3's hash.
            let forged = AuditEvent.chained(after: AuditEvent.genesisHash, sequence: 4, contractID: Self.contract, contractVersion: 1,
                                            time: .init(timeIntervalSince1970: 0), actor: .system, action: .signed)
            events.insert(forged, at: 3)
            expected = (.brokenLink, 4)
        case .truncate:
            events.removeLast(2)
            expected = (.truncated, 5)
        case .rewriteAfterAnchor:
            // Rebuild a self-consistent chain with a changed event 2: only the anchor can tell.
            var rebuilt: [AuditEvent] = []
            var previous = AuditEvent.genesisHash
            for var event in events {
                if event.sequence == 2 { event.details["n"] = "forged" }
                event = AuditEvent.chained(after: previous, sequence: event.sequence, contractID: event.contractID, contractVersion: 1, time: event.time,
                                           actor: event.actor, action: event.action, participantID: event.participantID,
                                           request: RequestInfo(ipAddress: event.ipAddress, userAgent: event.userAgent), details: event.details)
                rebuilt.append(event)
                previous = event.hash
            }
            events = rebuilt
            expected = (.anchorMismatch, 6)
        case .badToken:
            anchors[0].timestampToken = [0]
            expected = (.invalidAnchor, 6)
        }
        let result = await AuditTrailVerifier(anchoring: TestAnchoring(time: .init())).verify(events, anchors: anchors, contractID: Self.contract)
        #expect(result.problem?.kind == expected.0)
        #expect(result.problem?.sequence == expected.1)
    }

    @Test func evidenceDigestIsStable() {
        let evidence = WitnessEvidence(contractID: ContractID("c-1"), contractVersion: 1, participantID: ParticipantID("p1"), participantName: "山田 花子",
                                       participantEmail: "hanako@example.jp", invitationIssuedAt: Date(timeIntervalSince1970: 1_795_000_000),
                                       factors: [SatisfiedFactorFixture.email], instructedAt: Date(timeIntervalSince1970: 1_795_000_600),
                                       ipAddress: "198.51.100.7", userAgent: "Safari", documentSHA256: String(repeating: "ab", count: 32),
                                       consentText: "同意します")
        #expect(evidence.digestHex == Self.goldenEvidence)
        var changed = evidence
        changed.consentText = "同意しません"
        #expect(changed.digestHex != evidence.digestHex)
    }

    /// Computed independently: SHA-256 in Python of the canonical JSON written out by hand.
    static let goldenEvidence = "59ab1eaeb3cc61d24b5fd5e21e503a5e2c32708e1d41fcf245ce76542a1d34fd"
}

enum SatisfiedFactorFixture {
    static let email = SatisfiedFactor(factor: .emailOTP, verifiedAt: Date(timeIntervalSince1970: 1_795_000_300), detail: "code sent to ha…@example.jp")
}

func hexBytes(_ hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        out.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return out
}
