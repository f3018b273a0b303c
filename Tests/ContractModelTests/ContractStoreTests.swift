import ContractModel
import ContractStoreSQLite
import Crypto
import Foundation
import GRDB
import PDFSign
import Testing

/// The same bodies run against every store implementation.
@Suite(.dropsPostgresSchemas) struct ContractStoreTests {
    @Test(arguments: StoreKind.allCases)
    func optimisticConcurrency(_ kind: StoreKind) async throws {
        let harness = try await Harness(kind)
        let (contract, _) = try await harness.createAndSend([Harness.witness("p1")])
        let stored = try await harness.store.load(contract.id)
        var record = stored.record
        record.contract.title = "changed"
        let next = try await harness.store.save(record, appending: [], expectedVersion: stored.version)
        #expect(next == stored.version + 1)
        let conflict = await #expect(throws: ContractError.self) { try await harness.store.save(record, appending: [], expectedVersion: stored.version) }
        #expect(conflict?.code == .versionConflict)
        #expect(try await harness.store.load(contract.id).record.contract.title == "changed")
        let missing = await #expect(throws: ContractError.self) { try await harness.store.load(ContractID("nope")) }
        #expect(missing?.code == .notFound)
        #expect(try await harness.store.contractIDs(in: [.sent]) == [contract.id])
        #expect(try await harness.store.contractIDs(in: [.draft]).isEmpty)
        // A save that would duplicate an event is refused whole: the record is unchanged too.
        let events = try await harness.store.events(of: contract.id)
        var again = try await harness.store.load(contract.id)
        again.record.contract.title = "should not stick"
        await #expect(throws: ContractError.self) { try await harness.store.save(again.record, appending: [events[0]], expectedVersion: again.version) }
        #expect(try await harness.store.load(contract.id).record.contract.title == "changed")
        #expect(try await harness.store.events(of: contract.id) == events)
    }

    @Test(arguments: StoreKind.allCases)
    func documentsAreContentAddressed(_ kind: StoreKind) async throws {
        let harness = try await Harness(kind)
        let bytes = ContractFixtures.pdf(text: "doc")
        let hash = try await harness.documents.put(bytes)
        #expect(hash == sha256Hex(bytes))
        #expect(try await harness.documents.put(bytes) == hash)
        #expect(try await harness.documents.get(hash) == bytes)
        #expect(try await harness.documents.contains(hash))
        let missing = await #expect(throws: ContractError.self) { try await harness.documents.get(String(repeating: "0", count: 64)) }
        #expect(missing?.code == .notFound)
    }

    /// Correction, sequential order groups and completion, through the whole workflow.
    @Test(arguments: StoreKind.allCases)
    func sequentialGroupsCorrectionAndSchedule(_ kind: StoreKind) async throws {
        let harness = try await Harness(kind)
        let first = Harness.witness("p1", group: 1), second = Harness.witness("p2", group: 2)
        let (contract, links) = try await harness.createAndSend([first, second], deadline: ContractFixtures.start.addingTimeInterval(10 * 86400))
        #expect(Set(links.keys) == [first.id])
        // Correcting re-invites with new links; the old link is revoked.
        let corrected = try await harness.workflow.correct(contract.id, pdf: ContractFixtures.pdf(text: "Contract v2"), reason: "金額訂正", by: ContractFixtures.owner)
        let old = await #expect(throws: ContractError.self) { try await harness.workflow.openInvitation(links[first.id]!) }
        #expect(old?.code == .linkRevoked)
        let v2 = try await harness.workflow.contract(contract.id, by: ContractFixtures.owner)
        #expect(v2.version == 2 && v2.history.map(\.version) == [1] && v2.state == .sent)
        let link1 = try #require(corrected.first { $0.participantID == first.id }?.link)
        try await harness.passEmailOTP(link1, first.id)
        // Signing with the hash of version 1's document is refused.
        let stale = await #expect(throws: ContractError.self) { try await harness.workflow.signAsWitness(link1, instruction: harness.instruction(contract)) }
        #expect(stale?.code == .invalidArgument)
        _ = try await harness.workflow.signAsWitness(link1, instruction: harness.instruction(v2))
        let link2 = try #require(await harness.notifier.messages.last { $0.participantID == second.id && $0.kind == .invitation }?.link)
        // A reminder goes to p2 three days later; the deadline then expires the contract.
        harness.clock.advance(by: 3 * 86400)
        let due = try await harness.workflow.processDue(at: harness.clock.now())
        #expect(due.reminded.map(\.participantID) == [second.id] && due.expired.isEmpty)
        harness.clock.advance(by: 8 * 86400)
        let expiry = try await harness.workflow.processDue(at: harness.clock.now())
        #expect(expiry.expired == [contract.id])
        let expiredLink = await #expect(throws: ContractError.self) { try await harness.workflow.openInvitation(try InvitationLink(link2)) }
        #expect(expiredLink?.code == .linkRevoked)
        let final = try await harness.workflow.contract(contract.id, by: ContractFixtures.owner)
        #expect(final.state == .expired)
        #expect(try await harness.workflow.verifyAuditTrail(contract.id, by: ContractFixtures.owner).isIntact)
    }

    /// 10 participants of one parallel group sign at once; all 10 signatures land, one after the other.
    @Test(arguments: StoreKind.allCases)
    func tenConcurrentSigners(_ kind: StoreKind) async throws {
        let harness = try await Harness(kind)
        let ids = (1...10).map { "s\($0)" }
        let participants = ids.map { Harness.witness($0, policy: .accessCode) }
        let codes = Dictionary(uniqueKeysWithValues: participants.map { ($0.id, "code-\($0.id.rawValue)") })
        let (contract, links) = try await harness.createAndSend(participants, accessCodes: codes)
        for participant in participants { try await harness.workflow.verifyAccessCode(links[participant.id]!, code: codes[participant.id]!) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for participant in participants {
                let link = links[participant.id]!, instruction = harness.instruction(contract)
                group.addTask { _ = try await harness.workflow.signAsWitness(link, instruction: instruction) }
            }
            try await group.waitForAll()
        }
        let done = try await harness.workflow.contract(contract.id, by: ContractFixtures.owner)
        #expect(done.state == .completed)
        let pdf = try await harness.workflow.document(contract.id, by: ContractFixtures.owner)
        let report = await PDFSignatureValidator().validate(try PDFDocument(bytes: pdf))
        #expect(report.signatures.count == 10)
        #expect(report.signatures.allSatisfy { $0.intact })
        #expect(Set(report.signatures.map(\.field)) == Set(ids.map { "Signature-v1-\($0)" }))
        let events = try await harness.store.events(of: contract.id)
        #expect(events.filter { $0.action == .signed }.count == 10)
        #expect(try await harness.workflow.verifyAuditTrail(contract.id, by: ContractFixtures.owner).isIntact)
    }
}

func sha256Hex(_ bytes: [UInt8]) -> String {
    // Independent of the module's own hex helper.
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}
