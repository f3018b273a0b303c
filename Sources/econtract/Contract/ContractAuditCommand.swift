import ContractDefaults
import ArgumentParser
import ContractModel
import Foundation

/// `econtract contract audit ID [--verify]`: the audit trail, and its hash-chain and anchor check.
struct ContractAuditCommand: AsyncParsableCommand, ContractSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print a contract's audit trail; --verify checks the hash chain and anchors (exit 1 naming the first bad event).")

    @OptionGroup var options: ContractStoreOptions

    @Argument(help: "The contract id.")
    var id: String

    @Flag(name: .long, help: "Verify the hash chain and the RFC 3161 anchors of its head.")
    var verify = false

    /// The JSON of `audit --verify`.
    struct Verification: Codable {
        var contractID: ContractID
        var intact: Bool
        var events: Int
        var anchors: Int
        var problem: AuditTrailBreak?
    }

    func run() async throws {
        try await runReportingErrors {
            let environment = try options.open()
            let contractID = ContractID(id)
            let trail = try await environment.workflow.auditTrail(contractID, by: ContractEnvironment.caller)
            guard verify else {
                try options.output(AuditTrailExport(events: trail.events, anchors: trail.anchors)) {
                    trail.events.map(Self.line).joined(separator: "\n")
                        + trail.anchors.map { "\nanchor: head of event \($0.sequence) (\($0.headHash.prefix(16))…) timestamped \(formatISO8601($0.time))" }.joined()
                }
                return
            }
            let result = try await environment.workflow.verifyAuditTrail(contractID, by: ContractEnvironment.caller)
            let verification = Verification(contractID: contractID, intact: result.isIntact, events: trail.events.count,
                                            anchors: trail.anchors.count, problem: result.problem)
            try options.output(verification) {
                if let problem = result.problem {
                    return "audit trail of \(contractID) is BROKEN at event \(problem.sequence) (\(problem.kind.rawValue)): \(problem.reason)"
                }
                return "audit trail of \(contractID) is intact: \(trail.events.count) events, \(trail.anchors.count) timestamp anchors"
                    + (trail.anchors.last.map { ", head anchored at event \($0.sequence) on \(formatISO8601($0.time))" } ?? "")
            }
            if !result.isIntact { throw CLIExit.invalid }
        }
    }

    static func line(_ event: AuditEvent) -> String {
        let details = event.details.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "\(event.sequence). \(formatISO8601(event.time)) \(event.action.rawValue) by \(event.actor.storageText)"
            + (event.participantID.map { " participant \($0)" } ?? "") + (details.isEmpty ? "" : " \(details)") + " hash \(event.hash.prefix(16))…"
    }
}

/// The trail as exported: events and anchors.
struct AuditTrailExport: Codable {
    var events: [AuditEvent]
    var anchors: [AuditAnchor]
}
