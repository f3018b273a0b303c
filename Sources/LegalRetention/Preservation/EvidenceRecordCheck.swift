import CMSCore
import EvidenceRecords
import Foundation
import PDFSign
import TimestampClient

extension ArchiveFinding.Kind {
    /// The record's evidence record does not verify against its document (a failure).
    public static let evidenceRecord = ArchiveFinding.Kind(rawValue: "evidenceRecord")
    /// The record's protection must be renewed before the horizon (a warning).
    public static let renewSoon = ArchiveFinding.Kind(rawValue: "renewSoon")
}

/// The ``ArchiveRecordCheck`` for evidence records: verifies each record's evidence record
/// against its decrypted document (integrity, or trust with `timestamps`), and lists records
/// whose protection must be renewed before the horizon (warnings, see ``ArchiveService/renewalPlan(asOf:policy:)``).
public struct EvidenceRecordCheck: ArchiveRecordCheck {
    /// The archive (for its evidence records and documents).
    public let archive: ArchiveService
    /// The time judged (the archive's clock by default).
    public var asOf: Date
    /// The horizon and sunset table.
    public var policy: PreservationPolicy
    /// How archive timestamps are judged; `nil`: integrity only (hash trees and token signatures).
    public var timestamps: TimestampVerificationPolicy?

    /// A check at `asOf` under `policy`.
    public init(archive: ArchiveService, asOf: Date? = nil, policy: PreservationPolicy = PreservationPolicy(), timestamps: TimestampVerificationPolicy? = nil) {
        self.archive = archive
        self.asOf = asOf ?? archive.clock.now()
        self.policy = policy
        self.timestamps = timestamps
    }

    public func check(_ record: ArchiveRecord, validation: PDFValidationReport?) async -> [ArchiveFinding] {
        do {
            let preservation = try archive.preservationIndex()
            // Not sealed yet (ingested since the last sealing): `archive renew` lists it; nothing to verify.
            guard let stored = try await preservation.evidence(for: [record.id]).first else { return [] }
            let evidence = try ArchiveService.parse(stored, record.id)
            let sunsets = Dictionary(policy.hashAlgorithmSunsets.map { ($0.algorithm, $0.sunset) }, uniquingKeysWith: min)
                .merging(EvidenceRecordVerificationPolicy.defaultHashAlgorithmSunsets, uniquingKeysWith: min)
            let verifier = EvidenceRecordVerifier(policy: EvidenceRecordVerificationPolicy(timestamps: timestamps, validationTime: asOf, hashAlgorithmSunsets: sunsets))
            let report = await verifier.verify(evidence, dataObjects: [.bytes(try await archive.decrypt(record))])
            var findings: [ArchiveFinding] = []
            if !report.isValid {
                findings.append(ArchiveFinding(kind: .evidenceRecord, recordID: record.id,
                                               detail: "\(report.indication.rawValue)\(report.subIndication.map { "/\($0.rawValue)" } ?? "")"))
            }
            for candidate in ArchiveService.candidates(stored, asOf: asOf, horizonEnd: policy.horizonEnd(from: asOf), policy: policy) {
                let due = candidate.dueBy.map { ISO8601DateFormatter().string(from: $0) } ?? "-"
                findings.append(ArchiveFinding(kind: .renewSoon, recordID: record.id,
                                               detail: "\(candidate.action.rawValue) due by \(due) (\(candidate.reasons.map(\.kind.rawValue).joined(separator: ", ")))",
                                               isFailure: false))
            }
            return findings
        } catch {
            return [ArchiveFinding(kind: .evidenceRecord, recordID: record.id, detail: "\(error)")]
        }
    }
}
