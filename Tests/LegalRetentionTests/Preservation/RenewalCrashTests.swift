import CMSCore
import ContractModel
import EvidenceRecords
import Foundation
import LegalRetention
import LegalRetentionSQLite
import Testing
import TimestampClient

/// Must-show "resumes after SIGKILL": `econtract archive renew --apply` (our own process) is
/// killed at a stage of its second batch, run again, and then every record has exactly one
/// renewal, the TSA was called once per batch in all, and every evidence record verifies.
@Suite(.serialized) struct RenewalCrashTests {
    static let count = 600, batch = 200
    /// (stage line after which the kill comes): before the TSA call, after the token is persisted, after a batch is stored.
    static let killPoints = ["renew: timestampRenewal started 200/600", "renew: timestampRenewal stamped 200/600", "renew: timestampRenewal stored 200/600"]

    static var cli: URL { URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("econtract") }

    /// An archive in the CLI's layout, its records sealed by the sandbox TSA.
    static func makeArchive(_ root: URL, sandbox: URL) async throws {
        let index = try SQLiteArchiveIndex(path: root.appendingPathComponent("index.sqlite").path)
        let archive = ArchiveService(index: index, blobs: try FileBlobStore(directory: root.appendingPathComponent("blobs")),
                                     keys: try SoftwareKeyFileProvider(directory: root.appendingPathComponent("keys")),
                                     clock: ManualContractClock(ArchiveFixtures.fixedNow), actor: "tester")
        for number in 0..<count {
            _ = try await archive.ingest(ArchiveFixtures.document("record \(number)"), fileName: "r\(number).pdf",
                                         metadata: try ArchiveFixtures.metadata("2026-03-10", Int64(number + 1), "株式会社テスト"))
        }
        let pki = try SandboxPKI.openOrCreate(at: sandbox)
        let tsa = LocalTimestampAuthority(key: try pki.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 1, 1])
        #expect(try await archive.sealPending(authority: tsa).sealed == count)
    }

    @Test(arguments: killPoints)
    func killedMidRenewalResumesWithoutRenewingTwiceOrSkipping(_ marker: String) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.cli.path) else {
            print("SKIPPED the renewal crash test: \(Self.cli.path) is not built (swift build --build-tests)")
            return
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("renew-crash-\(UUID().uuidString)")
        let root = work.appendingPathComponent("archive"), sandbox = root.appendingPathComponent("sandbox") // the CLI's default sandbox TSA
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try await Self.makeArchive(root, sandbox: sandbox)

        let arguments = ["archive", "renew", "--archive", root.path, "--apply", "--horizon", "100y", "--as-of", "2027-01-10",
                         "--batch-size", String(Self.batch), "--progress", "--json"]
        let killed = try await Self.runAndKill(Self.cli, arguments, killAfter: marker)
        let stampedBeforeKill = killed.components(separatedBy: "\n").filter { $0.contains(" stamped ") }.count
        let landed = !killed.contains("stored 600/600")
        print("kill after '\(marker)': \(landed ? "killed mid-run" : "the child finished first"); \(stampedBeforeKill) TSA call(s) before")

        let rerun = try Self.run(Self.cli, arguments)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let outcome = try JSONDecoder.iso.decode(RenewalOutcome.self, from: Data(rerun.stdout.utf8))
        // Every record renewed exactly once, under one token per batch, no TSA call made twice.
        let index = try SQLiteArchiveIndex(path: root.appendingPathComponent("index.sqlite").path)
        let stored = try await index.evidence(after: nil, limit: 10 * Self.count)
        #expect(stored.count == Self.count)
        #expect(stored.allSatisfy { $0.renewals == 1 }, "a record was renewed twice or skipped")
        var renewalTokens = Set<[UInt8]>()
        for item in stored {
            let record = try EvidenceRecord(derEncoded: item.evidenceRecord)
            #expect(record.archiveTimeStamps.count == 2)
            renewalTokens.insert(record.archiveTimeStamps[1].timeStamp.derEncoded)
        }
        #expect(renewalTokens.count == Self.count / Self.batch)
        // Killed after "started", the call may have been made and its token stored before "stamped" was printed: then the count is one short.
        let calls = stampedBeforeKill + outcome.timestampCalls, batches = Self.count / Self.batch
        #expect(marker.contains("started") ? (calls == batches || calls == batches - 1) : calls == batches, "TSA calls: \(stampedBeforeKill) + \(outcome.timestampCalls)")
        if marker.contains("stamped"), landed { #expect(outcome.resumedInterruptedBatch) }
        // Every evidence record verifies against its document.
        let verify = try Self.run(Self.cli, ["archive", "verify", "--archive", root.path, "--as-of", "2027-01-10", "--json"])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(!verify.stdout.contains("evidenceRecord"), "\(verify.stdout)")
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let child = Process(), out = Pipe(), err = Pipe()
        child.executableURL = executable
        child.arguments = arguments
        child.standardOutput = out
        child.standardError = err
        try child.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        return (child.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// Runs `executable` and sends SIGKILL as soon as its stderr shows the line `marker`. Returns its stderr.
    static func runAndKill(_ executable: URL, _ arguments: [String], killAfter marker: String) async throws -> String {
        let child = Process(), stderr = Pipe()
        child.executableURL = executable
        child.arguments = arguments
        child.standardOutput = FileHandle.nullDevice
        child.standardError = stderr
        try child.run()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var seen = Data()
                while !String(decoding: seen, as: UTF8.self).contains(marker + "\n") {
                    let chunk = stderr.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    seen += chunk
                }
                if child.isRunning { kill(child.processIdentifier, SIGKILL) }
                child.waitUntilExit()
                seen += stderr.fileHandleForReading.readDataToEndOfFile()
                continuation.resume(returning: String(decoding: seen, as: UTF8.self))
            }
        }
    }
}

extension JSONDecoder {
    static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
