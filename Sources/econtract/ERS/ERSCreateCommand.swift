import ArgumentParser
import CMSCore
import EvidenceRecords
import Foundation
import TimestampClient

/// `econtract ers create [--tsa URL] --out DIR FILE…`: one record per file, one TSA call in all.
struct ERSCreateCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Write DIR/<file name>.ers for each file, all under one timestamp (one TSA call)."
    )

    @Option(name: .long, help: "Folder for the evidence records.")
    var out: String

    @Option(name: .long, help: "Hash algorithm: sha256, sha384 or sha512.")
    var digest: String = "sha256"

    @OptionGroup var authority: ERSAuthorityOptions

    @Argument(help: "The files to protect.")
    var files: [String]

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await runReportingErrors {
            guard !files.isEmpty else { throw ValidationError("give at least one file") }
            let names = files.map { URL(fileURLWithPath: $0).lastPathComponent + ".ers" }
            if let duplicate = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                throw ValidationError("two files would both be written as \(duplicate); protect them in separate runs")
            }
            let algorithm = try parseDigest(digest)
            let groups = try files.map { DataObjectGroup(digests: [try FileDigest.digest(ofFileAt: $0, algorithm: algorithm)]) }
            let (tsa, note) = try ERSAuthority.make(authority, algorithm: algorithm)
            let records = try await EvidenceRecordBuilder(authority: tsa, algorithm: algorithm).records(for: groups)
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw CMSError(.invalidArgument, "cannot create \(out): \(error.localizedDescription)")
            }
            for (name, record) in zip(names, records) {
                try writeFile(URL(fileURLWithPath: out).appendingPathComponent(name).path, try record.derEncoded())
            }
            let time = records.first?.latestTimestampTime.map(formatISO8601) ?? "?"
            print("\(records.count) evidence record(s) written to \(out) under one timestamp at \(time) (\(algorithm))\(note)")
        }
    }
}

/// The TSA for `ers create` / `ers renew`.
enum ERSAuthority {
    /// The sandbox TSA of the sandbox PKI in `directory` (created on first use).
    static func sandboxTSA(_ directory: URL) throws -> LocalTimestampAuthority {
        let sandbox = try SandboxPKI.openOrCreate(at: directory)
        return LocalTimestampAuthority(key: try sandbox.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 1, 1])
    }

    static func make(_ options: ERSAuthorityOptions, algorithm: DigestAlgorithm) throws -> (any TimestampAuthority, String) {
        if let url = options.tsa {
            return (HTTPTimestampAuthority(url: try parseHTTPURL(url, option: "--tsa"), digestAlgorithm: algorithm), "")
        }
        let tsa = try sandboxTSA(URL(fileURLWithPath: options.sandbox))
        let root = URL(fileURLWithPath: options.sandbox).appendingPathComponent(SandboxPKI.rootFileName).path
        return (tsa, "; sandbox TSA (not a real one): verify with --trust \(root)")
    }
}
