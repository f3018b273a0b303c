import ArgumentParser
import CMSCore
import ContractModel
import Foundation
import LegalRetention
import TimestampClient

/// `econtract archive renew [--apply] [--horizon 12m] [--tsa URL] [--as-of DATE] [--json]`.
struct ArchiveRenewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew", abstract: "List (or, with --apply, renew) the evidence records whose protection ends before the horizon.",
        discussion: """
            Dry run by default: prints what is due (unsealed records, archive timestamps whose TSA certificate ends, hash algorithms \
            reaching their sunset, PDFs whose PAdES timestamps end). With --apply, seals and renews in batches, one TSA call per batch; \
            an interrupted run is finished by running it again (no record renewed twice, none skipped).
            """)

    @OptionGroup var options: ArchiveOptions
    @Flag(help: "Renew (default: dry run).") var apply = false
    @Option(help: "How far ahead: 12m (months), 2y, 90d.") var horizon: String = "12m"
    @Option(name: .customLong("sunset"), help: "A hash-algorithm sunset ALGORITHM=YYYY-MM-DD:SUCCESSOR, e.g. sha256=2031-01-01:sha512 (repeatable).")
    var sunsets: [String] = []
    @Flag(name: .customLong("pades-per-file"), help: "List PDFs whose PAdES timestamps end for per-file `pdf ltv` renewal instead of covering them by evidence records.")
    var padesPerFile = false
    @Option(name: .customLong("batch-size"), help: "Records per batch (one TSA call each).") var batchSize: Int = 100_000
    @Flag(help: "Report progress on stderr.") var progress = false

    func run() async throws {
        try await runArchive {
            let policy = PreservationPolicy(horizon: try Self.parseHorizon(horizon), hashAlgorithmSunsets: try sunsets.map(Self.parseSunset),
                                            padesRenewal: padesPerFile ? .padesLTAPerFile : .evidenceRecord, batchSize: batchSize)
            let archive = try await options.open()
            let asOf = archive.clock.now()
            guard apply else {
                let plan = try await archive.renewalPlan(asOf: asOf, policy: policy)
                try options.output(plan) { Self.describe(plan, policy: policy, applied: false) }
                return
            }
            let (tsa, note) = try archiveTimestampAuthority(options)
            let show = progress
            let outcome = try await archive.renew(asOf: asOf, policy: policy, authority: tsa) { step in
                if show { FileHandle.standardError.write(Data("renew: \(step.kind.rawValue) \(step.stage.rawValue) \(step.done)/\(step.total)\n".utf8)) }
            }
            try options.output(outcome) {
                Self.describe(outcome.plan, policy: policy, applied: true)
                    + "\nsealed \(outcome.sealed), timestamp-renewed \(outcome.timestampRenewed), hash-tree-renewed \(outcome.hashTreeRenewed); "
                    + "\(outcome.timestampCalls) TSA call(s)\(outcome.resumedInterruptedBatch ? "; finished an interrupted batch first" : "")\(note)"
            }
        }
    }

    static func describe(_ plan: RenewalPlan, policy: PreservationPolicy, applied: Bool) -> String {
        var lines = ["\(plan.recordsScanned) records, horizon \(formatISO8601(plan.horizonEnd)): \(plan.candidates.count) to renew"
                     + (applied ? "" : " (dry run; --apply renews with \(plan.timestampCalls(batchSize: policy.batchSize)) TSA call(s))")]
        for candidate in plan.candidates {
            lines.append("  \(candidate.recordID.rawValue)  \(candidate.action.rawValue)  "
                         + candidate.reasons.map { "\($0.kind.rawValue)\($0.until.map { " \(formatISO8601($0))" } ?? "")" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    static func parseHorizon(_ text: String) throws -> DateComponents {
        guard let unit = text.last, let value = Int(text.dropLast()), value > 0 else {
            throw ArchiveError(.invalidArgument, "--horizon must be like 12m, 2y or 90d, got '\(text)'")
        }
        switch unit {
        case "m": return DateComponents(month: value)
        case "y": return DateComponents(year: value)
        case "d": return DateComponents(day: value)
        default: throw ArchiveError(.invalidArgument, "--horizon must end in m, y or d, got '\(text)'")
        }
    }

    static func parseSunset(_ text: String) throws -> HashAlgorithmSunset {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let rest = parts.count == 2 ? parts[1].split(separator: ":", maxSplits: 1).map(String.init) : []
        guard parts.count == 2, rest.count == 2, let algorithm = DigestAlgorithm(name: parts[0]), let successor = DigestAlgorithm(name: rest[1]),
              algorithm != successor else {
            throw ArchiveError(.invalidArgument, "--sunset must be ALGORITHM=YYYY-MM-DD:SUCCESSOR (sha256, sha384, sha512), got '\(text)'")
        }
        let day = try CivilDate(archiveInput: rest[0])
        return HashAlgorithmSunset(algorithm: algorithm, sunset: Date(timeIntervalSince1970: TimeInterval(day.daysSince1970) * 86_400), successor: successor)
    }
}

/// The TSA for the archive's sealing and renewal: `--tsa URL`, else the sandbox TSA, kept in
/// ARCHIVE/sandbox unless `--sandbox` names another folder.
func archiveTimestampAuthority(_ archive: ArchiveOptions) throws -> (any TimestampAuthority, String) {
    // One `--tsa` for an archive command: the access log's anchors and the evidence records use
    // the same TSA, and without it the same sandbox TSA in ARCHIVE/sandbox.
    var options = ERSAuthorityOptions()
    options.tsa = archive.tsa
    options.sandbox = URL(fileURLWithPath: archive.directory).appendingPathComponent("sandbox").path
    return try ERSAuthority.make(options, algorithm: .sha256)
}
