import Foundation
import LegalRetention

/// What `archive verify` prints: the report's fields, plus `timestampDeadlines` (one typed
/// ``RecordTimestampDeadline`` per record) and their tally.
struct ArchiveVerifyOutput: Encodable {
    var report: ArchiveVerificationReport
    var timestampDeadlines: [RecordTimestampDeadline]

    enum Keys: String, CodingKey { case passed, timestampDeadlines, timestampDeadlineCounts }

    func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(report.passed, forKey: .passed)
        try container.encode(timestampDeadlines, forKey: .timestampDeadlines)
        try container.encode(counts, forKey: .timestampDeadlineCounts)
    }

    /// Records per status.
    var counts: [String: Int] { Dictionary(grouping: timestampDeadlines, by: \.status.rawValue).mapValues(\.count) }

    var text: String {
        let tally = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return (["\(report.recordsChecked) records, \(report.signedDocuments) signed PDFs, \(report.accessLogEvents) access-log events: "
                 + (report.passed ? "OK" : "FAILED"), "first timestamps (施行規則 §4①二): " + (tally.isEmpty ? "none" : tally)]
                + report.findings.map { "  \($0.kind) \($0.recordID?.rawValue ?? "-"): \($0.detail)" })
            .joined(separator: "\n")
    }
}
