import ContractModel
import ContractStoreSQLite
import Foundation
import PDFSign
import Testing

/// Must-show "crash": our own process (ContractStoreProbe on SQLite) is killed with SIGKILL in the
/// middle of a flow — while it signs one of three witness participants, at several delays into
/// that signature — and the store reopens consistent: the trail verifies, no half-applied
/// transition (signed participants, `signed` events and signatures in the newest PDF agree), no
/// lost signed PDF, and a fresh workflow completes the flow.
@Suite struct CrashTests {
    /// (the child's line after which the kill comes, delay after it in ms): during a signature,
    /// or between two.
    static let killPoints: [(String, Int)] = [("signing p1", 0), ("signing p1", 8), ("signing p2", 2), ("signing p2", 20), ("signed p2", 0),
                                             ("signing p3", 0), ("signing p3", 12), ("signing p3", 40), ("signing p3", 150)]

    @Test(arguments: killPoints)
    func killedMidFlowReopensConsistentAndCompletes(_ point: (String, Int)) async throws {
        let probe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ContractStoreProbe")
        #expect(FileManager.default.isExecutableFile(atPath: probe.path), "build it first: swift build --build-tests")
        guard FileManager.default.isExecutableFile(atPath: probe.path) else { return }

        let harness = try await Harness(.sqlite)
        let directory = try #require(harness.directory)
        let participants = ["p1", "p2", "p3"].map { Harness.witness($0, policy: .accessCode) }
        let codes = Dictionary(uniqueKeysWithValues: participants.map { ($0.id, "code-\($0.id.rawValue)") })
        let (contract, links) = try await harness.createAndSend(participants, accessCodes: codes)
        _ = try ContractFixtures.witnessKey()  // the PKI exists before the child opens it

        var input = "sha256 \(contract.document.sha256)\n"
        for participant in participants { input += "sign \(links[participant.id]!) \(codes[participant.id]!)\n" }
        let output = try await Self.runAndKill(probe, [ContractFixtures.pki.directory.path, "--sqlite", directory.path], input: input + "go\n",
                                               killAfter: point.0, delay: point.1)
        let reportedSigned = output.split(separator: "\n").filter { $0.hasPrefix("signed p") }.count
        #expect(!output.contains("error"), "\(output)")

        // Reopen as after a restart: a new store connection and a new workflow.
        let database = try SQLiteContractStore(path: directory.appendingPathComponent("contracts.sqlite").path)
        let reopened = try Harness(store: database, documents: try SQLiteDocumentStore(directory: directory.appendingPathComponent("documents"), database: database),
                                   directory: directory)
        let owner = ContractFixtures.owner
        #expect(try await reopened.workflow.verifyAuditTrail(contract.id, by: owner).isIntact)
        let stored = try await database.load(contract.id)
        let events = try await database.events(of: contract.id)
        #expect(stored.record.headSequence == events.last?.sequence)
        #expect(stored.record.headHash == events.last?.hash)
        let signedParticipants = Set(stored.record.contract.participants.filter { $0.state == .signed }.map(\.id))
        let signedEvents = Set(events.filter { $0.action == .signed }.compactMap(\.participantID))
        #expect(signedParticipants == signedEvents)
        #expect(signedParticipants.count >= reportedSigned, "the child said it signed \(reportedSigned)")
        let index = Int(String(point.0.last!))!
        #expect(signedParticipants.count <= (point.0.hasPrefix("signing") ? index : index + 1))
        print("crash point '\(point.0)'+\(point.1) ms: the child reported \(reportedSigned) signed, the reopened store has \(signedParticipants.count)" +
              (output.contains("signed \(contract.id.rawValue)") ? " (the child finished before the kill)" : " (killed)"))
        // No lost signed PDF: the newest revision is there, intact, with one signature per signed participant.
        let pdf = try await reopened.workflow.document(contract.id, by: owner)
        if signedParticipants.isEmpty {
            #expect(stored.record.contract.latestRevision.sha256 == contract.document.sha256)
        } else {
            let report = await PDFSignatureValidator().validate(try PDFDocument(bytes: pdf))
            #expect(report.signatures.count == signedParticipants.count)
            #expect(report.signatures.allSatisfy { $0.intact })
        }

        // The flow continues with the links that were not used.
        for participant in participants where !signedParticipants.contains(participant.id) {
            try await reopened.workflow.verifyAccessCode(links[participant.id]!, code: codes[participant.id]!)
            _ = try await reopened.workflow.signAsWitness(links[participant.id]!, instruction: reopened.instruction(contract))
        }
        let done = try await reopened.workflow.contract(contract.id, by: owner)
        #expect(done.state == .completed)
        let final = await PDFSignatureValidator().validate(try PDFDocument(bytes: try await reopened.workflow.document(contract.id, by: owner)))
        #expect(final.signatures.count == 3)
        #expect(final.signatures.allSatisfy { $0.intact })
        #expect(try await database.events(of: contract.id).filter { $0.action == .signed }.count == 3)
        #expect(try await reopened.workflow.verifyAuditTrail(contract.id, by: owner).isIntact)
    }

    /// Runs `executable`, writes `input`, and sends SIGKILL `delay` ms after the child prints the
    /// line `marker` (or lets it finish if it never does). Returns what it printed. Waits on a
    /// dispatch thread, never on the cooperative pool.
    static func runAndKill(_ executable: URL, _ arguments: [String], input: String, killAfter marker: String, delay: Int) async throws -> String {
        let child = Process(), stdin = Pipe(), stdout = Pipe()
        child.executableURL = executable
        child.arguments = arguments
        child.standardInput = stdin
        child.standardOutput = stdout
        try child.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var seen = Data()
                while !String(decoding: seen, as: UTF8.self).contains(marker + "\n") {
                    let chunk = stdout.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    seen += chunk
                }
                if child.isRunning {
                    if delay > 0 { usleep(UInt32(delay * 1000)) }
                    kill(child.processIdentifier, SIGKILL)
                }
                child.waitUntilExit()
                seen += stdout.fileHandleForReading.readDataToEndOfFile()
                continuation.resume(returning: String(decoding: seen, as: UTF8.self))
            }
        }
    }
}
