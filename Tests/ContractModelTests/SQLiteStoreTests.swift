import ContractModel
import ContractStoreSQLite
import Foundation
import GRDB
import Testing

/// Tampering with the SQLite rows directly, and reopening after an interrupted transaction.
@Suite struct SQLiteStoreTests {
    /// A completed contract in a fresh SQLite store: 7 events, anchored at the last.
    static func completedContract() async throws -> (Harness, ContractID, URL) {
        let harness = try await Harness(.sqlite)
        let p1 = ParticipantID("p1")
        let (contract, links) = try await harness.createAndSend([Harness.witness("p1")])
        try await harness.passEmailOTP(links[p1]!, p1)
        _ = try await harness.workflow.signAsWitness(links[p1]!, instruction: harness.instruction(contract))
        return (harness, contract.id, harness.directory!.appendingPathComponent("contracts.sqlite"))
    }

    enum RowTamper: String, CaseIterable, Sendable { case editDetails, editAction, deleteRow, swapRows, truncate, garbageColumn }

    @Test(arguments: RowTamper.allCases)
    func tamperedRowsAreNamed(_ tamper: RowTamper) async throws {
        let (harness, id, path) = try await Self.completedContract()
        #expect(try await harness.workflow.verifyAuditTrail(id, by: ContractFixtures.owner).isIntact)
        let statement: String
        let expected: (AuditBreakKind?, Int?)
        switch tamper {
        case .editDetails:
            statement = "UPDATE audit_events SET ip_address = '203.0.113.66' WHERE sequence = 3"
            expected = (.hashMismatch, 3)
        case .editAction:
            statement = "UPDATE audit_events SET action = 'declined' WHERE sequence = 6"
            expected = (.hashMismatch, 6)
        case .deleteRow:
            statement = "DELETE FROM audit_events WHERE sequence = 4"
            expected = (.missingEvent, 4)
        case .swapRows:
            statement = "UPDATE audit_events SET sequence = -1 WHERE sequence = 3; UPDATE audit_events SET sequence = 3 WHERE sequence = 4; UPDATE audit_events SET sequence = 4 WHERE sequence = -1"
            expected = (.hashMismatch, 3)
        case .truncate:
            statement = "DELETE FROM audit_events WHERE sequence >= 6"
            expected = (.truncated, 6)
        case .garbageColumn:
            statement = "UPDATE audit_events SET time = 'yesterday', contract_version = 'one' WHERE sequence = 2"
            expected = (nil, nil)
        }
        // Another connection, as an attacker with file access would use.
        let attacker = try DatabaseQueue(path: path.path)
        try await attacker.write { db in try db.execute(sql: statement) }
        try attacker.close()
        if tamper == .garbageColumn {
            let error = await #expect(throws: ContractError.self) { try await harness.workflow.verifyAuditTrail(id, by: ContractFixtures.owner) }
            #expect(error?.code == .storageFailure && error?.reason.contains("audit event 2") == true)
            return
        }
        let result = try await harness.workflow.verifyAuditTrail(id, by: ContractFixtures.owner)
        #expect(result.problem?.kind == expected.0)
        #expect(result.problem?.sequence == expected.1)
    }

    /// A writer killed inside a transaction (SIGKILL to a `sqlite3` child holding BEGIN … INSERT)
    /// leaves no trace: the store reopens with the committed state, and the flow goes on.
    @Test func reopensAfterInterruptedTransaction() async throws {
        let sqlite = "/usr/bin/sqlite3"
        guard FileManager.default.isExecutableFile(atPath: sqlite) else {
            print("SKIPPED reopensAfterInterruptedTransaction: \(sqlite) not found")
            return
        }
        let harness = try await Harness(.sqlite)
        let p1 = ParticipantID("p1"), p2 = ParticipantID("p2")
        let (contract, links) = try await harness.createAndSend([Harness.witness("p1"), Harness.witness("p2")])
        let path = harness.directory!.appendingPathComponent("contracts.sqlite").path
        let before = try await harness.store.events(of: contract.id)

        let child = Process()
        child.executableURL = URL(fileURLWithPath: sqlite)
        child.arguments = [path]
        let input = Pipe(), output = Pipe()
        child.standardInput = input
        child.standardOutput = output
        try child.run()
        let script = """
            BEGIN IMMEDIATE;
            UPDATE contracts SET version = version + 1, state = 'completed' WHERE id = '\(contract.id.rawValue)';
            INSERT INTO audit_events VALUES ('\(contract.id.rawValue)', \(before.count + 1), '2026-11-18T00:00:00.000Z', 'system', 'completed', NULL, 1, NULL, NULL, '{}', 'x', 'y');
            SELECT 'inside';

            """
        input.fileHandleForWriting.write(Data(script.utf8))
        // Wait until the child has run the statements inside its open transaction.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("inside") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)

        // Reopen from scratch, as a restarted process would.
        let reopened = try SQLiteContractStore(path: path)
        let stored = try await reopened.load(contract.id)
        #expect(stored.record.contract.state == .sent)
        #expect(try await reopened.events(of: contract.id) == before)
        #expect(try await reopened.contractIDs(in: [.completed]).isEmpty)

        // The flow continues on the reopened store.
        let workflow = ContractWorkflow(dependencies: .init(
            store: reopened, documents: try SQLiteDocumentStore(directory: harness.directory!.appendingPathComponent("documents"), database: reopened),
            notifier: harness.notifier, signingEngine: PDFSignerContractEngine(witnessKey: try ContractFixtures.witnessKey()),
            accessPolicy: OrganisationAccessPolicy(members: [ContractFixtures.organisation: [UserID("alice"): .owner]]), clock: harness.clock))
        for (participant, link) in [(p1, links[p1]!), (p2, links[p2]!)] {
            _ = try await workflow.openInvitation(link)
            try await workflow.requestOTP(link, factor: .emailOTP)
            let code = try #require(await harness.notifier.lastCode(for: participant))
            try await workflow.verifyOTP(link, factor: .emailOTP, code: code)
            _ = try await workflow.signAsWitness(link, instruction: harness.instruction(contract))
        }
        #expect(try await workflow.contract(contract.id, by: ContractFixtures.owner).state == .completed)
        #expect(try await workflow.verifyAuditTrail(contract.id, by: ContractFixtures.owner).isIntact)
    }
}
