import ArgumentParser
import CMSCore
import EvidenceRecords
import Foundation
import TimestampClient

/// `econtract ers renew FILE.ers [--tsa URL] [--rehash sha512 --data FILE…]`, in place.
struct ERSRenewCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "renew",
        abstract: "Renew evidence records in place (one TSA call for all): a new timestamp, or with --rehash a new hash tree.",
        discussion: "Each record is replaced atomically; with --rehash, give the protected file of each record with --data, in the same order."
    )

    @Argument(help: "The evidence record(s) to renew.")
    var records: [String]

    @Option(name: .long, help: "Start a new chain with this hash algorithm (sha256, sha384, sha512) over the data and the previous sequence.")
    var rehash: String?

    @Option(name: .long, help: "With --rehash: the protected file of each record, in order (repeatable).")
    var data: [String] = []

    @OptionGroup var authority: ERSAuthorityOptions

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await runReportingErrors {
            guard !records.isEmpty else { throw ValidationError("give at least one .ers file") }
            let parsed = try records.map { try EvidenceRecord(derEncoded: try readFile($0)) }
            let renewed: [EvidenceRecord]
            if let rehash {
                let algorithm = try parseDigest(rehash)
                guard data.count == records.count else {
                    throw ValidationError("--rehash needs one --data file per record (\(records.count) records, \(data.count) files)")
                }
                let objects = try data.map { [DataObject.digests([algorithm: try FileDigest.digest(ofFileAt: $0, algorithm: algorithm)])] }
                // Refuse to bind a record to a file it does not protect.
                for (index, record) in parsed.enumerated() {
                    let check = await EvidenceRecordVerifier().verify(record, dataObjects: [.bytes(try readFile(data[index]))])
                    guard check.isIntact else {
                        throw CMSError(.invalidArgument, "\(records[index]) does not protect \(data[index]) (\(check.checks.first { $0.outcome == .failed }?.detail ?? "not intact"))")
                    }
                }
                let (tsa, note) = try ERSAuthority.make(authority, algorithm: algorithm)
                renewed = try await EvidenceRecordRenewer(authority: tsa).renewHashTrees(parsed, dataObjects: objects, algorithm: algorithm)
                print("renewed the hash trees of \(records.count) record(s) with \(algorithm) (one TSA call)\(note)")
            } else {
                guard data.isEmpty else { throw ValidationError("--data is only used with --rehash") }
                let (tsa, note) = try ERSAuthority.make(authority, algorithm: .sha256)
                renewed = try await EvidenceRecordRenewer(authority: tsa).renewTimestamps(parsed)
                print("renewed the timestamps of \(records.count) record(s) (one TSA call)\(note)")
            }
            for (path, record) in zip(records, renewed) { try writeFile(path, try record.derEncoded()) }
        }
    }
}
