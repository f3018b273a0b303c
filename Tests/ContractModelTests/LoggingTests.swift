import ContractModel
import Foundation
import Logging
import Testing

/// The workflow's logging: routine events at debug (nothing at info or above in a normal flow),
/// and no secret (invitation token, OTP, access code) at any level.
@Suite struct LoggingTests {
    /// Collects every entry, at every level.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(level: Logger.Level, text: String)] = []
        func add(_ level: Logger.Level, _ text: String) { lock.withLock { entries.append((level, text)) } }
        var all: [(level: Logger.Level, text: String)] { lock.withLock { entries } }
    }

    struct CollectingHandler: LogHandler {
        let collected: Collected
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            let all = self.metadata.merging(metadata ?? [:]) { $1 }
            collected.add(level, "\(message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
        }
    }

    @Test func routineFlowLogsNothingAtInfoAndNoSecrets() async throws {
        let collected = Collected()
        let logger = Logger(label: "test.contract") { _ in CollectingHandler(collected: collected) }
        let made = try await StoreKind.memory.make()
        let harness = try Harness(store: made.contracts, documents: made.documents, logger: logger)
        let otp = Harness.witness("otp"), code = Harness.witness("code", policy: .accessCode)
        let (contract, links) = try await harness.createAndSend([otp, code], accessCodes: [code.id: "secret-access-code-42"])
        try await harness.passEmailOTP(links[otp.id]!, otp.id)
        try await harness.workflow.verifyAccessCode(links[code.id]!, code: "secret-access-code-42")
        _ = try await harness.workflow.signAsWitness(links[otp.id]!, instruction: harness.instruction(contract))
        _ = try await harness.workflow.signAsWitness(links[code.id]!, instruction: harness.instruction(contract))
        #expect(try await harness.workflow.contract(contract.id, by: ContractFixtures.owner).state == .completed)

        let entries = collected.all
        #expect(entries.contains { $0.level == .debug && $0.text.hasPrefix("signed") }, "routine events are still logged, at debug")
        #expect(entries.filter { $0.level >= .info }.isEmpty, "\(entries.filter { $0.level >= .info })")
        let otpCode = try #require(await harness.notifier.lastCode(for: otp.id))
        let secrets = links.values.map(\.description) + links.values.map { $0.description.components(separatedBy: "~").last ?? "" } + [otpCode, "secret-access-code-42"]
        for entry in entries {
            for secret in secrets where !secret.isEmpty {
                #expect(!entry.text.contains(secret), "a secret in the log: \(entry.text)")
            }
        }
    }
}
