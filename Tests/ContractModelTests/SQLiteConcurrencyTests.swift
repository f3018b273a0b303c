import ContractModel
import ContractStoreSQLite
import Foundation
import GRDB
import PDFSign
import Testing

/// The version read the workflow makes before each step runs on a reader of the pool, never
/// behind the writer: a read queued on the writer waits for every save in progress, and one made
/// from inside a save would deadlock (as an earlier, lost attempt at this change did with
/// participants signing at once).
@Suite struct SQLiteConcurrencyTests {
    /// Runs `wait` on a thread of its own (never blocking the concurrency pool) and resumes after it.
    static func off(_ wait: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                wait()
                continuation.resume()
            }
        }
    }

    /// While another connection's task holds the writer inside a transaction, `version(of:)`,
    /// `load` and the document index still answer (with the last committed state).
    @Test(.timeLimit(.minutes(5))) func readsAnswerWhileTheWriterIsHeld() async throws {
        let harness = try await Harness(.sqlite)
        let store = try #require(harness.store as? SQLiteContractStore)
        let (contract, _) = try await harness.createAndSend([Harness.witness("p1")])
        let committed = try await store.version(of: contract.id)
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let writer = Task.detached {
            try await store.pool.write { db -> Bool in
                try db.execute(sql: "UPDATE contracts SET state = state WHERE id = ?", arguments: [contract.id.rawValue])
                started.signal()
                // Released by the reads below; a read queued behind this write would never come,
                // so the wait gives up after a minute and reports it.
                return release.wait(timeout: .now() + 60) == .success
            }
        }
        await Self.off { started.wait() }
        let version = try await store.version(of: contract.id)
        let loaded = try await store.load(contract.id)
        let indexed = try await harness.documents.contains(contract.document.sha256)
        release.signal()
        #expect(try await writer.value, "the reads waited for the writer")
        #expect(version == committed && loaded.version == committed)
        #expect(indexed)
    }

    /// Six participants of one parallel group sign at once through two workflows on one SQLite
    /// file (as two processes would), while a third task keeps asking the version: every
    /// signature lands, the contract completes and the trail verifies.
    @Test(.timeLimit(.minutes(10))) func concurrentSignersOnTwoWorkflows() async throws {
        let harness = try await Harness(.sqlite)
        let directory = try #require(harness.directory)
        let ids = (1...6).map { "c\($0)" }
        let participants = ids.map { Harness.witness($0, policy: .accessCode) }
        let codes = Dictionary(uniqueKeysWithValues: participants.map { ($0.id, "code-\($0.id.rawValue)") })
        let (contract, links) = try await harness.createAndSend(participants, accessCodes: codes)
        let database = try SQLiteContractStore(path: directory.appendingPathComponent("contracts.sqlite").path)
        let other = ContractWorkflow(dependencies: .init(
            store: database, documents: try SQLiteDocumentStore(directory: directory.appendingPathComponent("documents"), database: database),
            notifier: harness.notifier, signingEngine: PDFSignerContractEngine(witnessKey: try ContractFixtures.witnessKey()),
            accessPolicy: OrganisationAccessPolicy(members: [ContractFixtures.organisation: [UserID("alice"): .owner]]), clock: harness.clock))
        let workflows = [harness.workflow, other]
        for (index, participant) in participants.enumerated() {
            try await workflows[index % 2].verifyAccessCode(links[participant.id]!, code: codes[participant.id]!)
        }
        let instruction = harness.instruction(contract)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, participant) in participants.enumerated() {
                let workflow = workflows[index % 2], link = links[participant.id]!
                group.addTask { _ = try await workflow.signAsWitness(link, instruction: instruction) }
            }
            group.addTask {
                for _ in 0..<50 { _ = try await database.version(of: contract.id) }
            }
            try await group.waitForAll()
        }
        #expect(try await harness.workflow.contract(contract.id, by: ContractFixtures.owner).state == .completed)
        let pdf = try await harness.workflow.document(contract.id, by: ContractFixtures.owner)
        let report = await PDFSignatureValidator().validate(try PDFDocument(bytes: pdf))
        #expect(report.signatures.count == 6 && report.signatures.allSatisfy(\.intact))
        #expect(try await harness.store.events(of: contract.id).filter { $0.action == .signed }.count == 6)
        #expect(try await other.verifyAuditTrail(contract.id, by: ContractFixtures.owner).isIntact)
    }
}
