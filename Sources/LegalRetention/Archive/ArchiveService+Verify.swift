import ContractModel
import Foundation
import PDFSign

/// A problem (or note) ``ArchiveService/verify(validator:checks:progress:)`` found.
public struct ArchiveFinding: Hashable, Codable, Sendable {
    /// What kind.
    public struct Kind: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
        /// The kind's name.
        public let rawValue: String
        /// A kind by name (checks may add their own).
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The name.
        public var description: String { rawValue }
        /// The blob is missing or does not match its hash, or the document does not decrypt to its hash.
        public static let integrity = Kind(rawValue: "integrity")
        /// The document is a PDF whose signatures or timestamps do not validate.
        public static let signature = Kind(rawValue: "signature")
        /// A blob no record references.
        public static let orphanBlob = Kind(rawValue: "orphanBlob")
        /// The access log's hash chain or an anchor is broken.
        public static let accessLog = Kind(rawValue: "accessLog")
    }
    /// What kind.
    public var kind: Kind
    /// The record concerned, if any.
    public var recordID: ArchiveRecordID?
    /// A readable explanation.
    public var detail: String
    /// Whether it fails the verification (warnings do not).
    public var isFailure: Bool
    /// A finding.
    public init(kind: Kind, recordID: ArchiveRecordID?, detail: String, isFailure: Bool = true) {
        self.kind = kind
        self.recordID = recordID
        self.detail = detail
        self.isFailure = isFailure
    }
}

/// An extra per-record check for ``ArchiveService/verify(validator:checks:progress:)``, such as
/// the timestamp deadline check (速やかに / 事務処理規程) against a business-day calendar.
public protocol ArchiveRecordCheck: Sendable {
    /// Findings about `record`; `validation` is the PDF's validation when it is a signed PDF.
    func check(_ record: ArchiveRecord, validation: PDFValidationReport?) async -> [ArchiveFinding]
}

/// The outcome of ``ArchiveService/verify(validator:checks:progress:)``.
public struct ArchiveVerificationReport: Hashable, Codable, Sendable {
    /// Kept records checked.
    public var recordsChecked: Int
    /// Signed PDFs whose signatures were validated.
    public var signedDocuments: Int
    /// Access-log events checked.
    public var accessLogEvents: Int
    /// Everything found.
    public var findings: [ArchiveFinding]
    /// Whether no finding is a failure.
    public var passed: Bool { !findings.contains(where: \.isFailure) }
}

extension ArchiveService {
    /// Re-hashes every kept record's blob, decrypts it and re-hashes the document, validates the
    /// signatures and timestamps of signed PDFs with `validator`, runs `checks`, looks for orphan
    /// blobs, and verifies the access log's chain and anchors. `progress` gets (done, total-so-far) per record.
    public func verify(validator: PDFSignatureValidator? = PDFSignatureValidator(), checks: [any ArchiveRecordCheck] = [],
                       progress: (@Sendable (Int) -> Void)? = nil) async throws -> ArchiveVerificationReport {
        var report = ArchiveVerificationReport(recordsChecked: 0, signedDocuments: 0, accessLogEvents: 0, findings: [])
        var cursor: ArchiveRecordID?
        var referenced = Set<String>()
        while true {
            let batch = try await index.records(after: cursor, limit: 200)
            guard let last = batch.last else { break }
            for record in batch {
                referenced.insert(record.document.blobSHA256)
                report.recordsChecked += 1
                var validation: PDFValidationReport?
                do {
                    let bytes = try await decrypt(record)
                    if let validator, bytes.starts(with: Array("%PDF".utf8)), let pdf = try? PDFDocument(bytes: bytes),
                       let signatures = try? pdf.embeddedSignatures(), !signatures.isEmpty {
                        let result = await validator.validate(pdf)
                        validation = result
                        report.signedDocuments += 1
                        if !result.valid {
                            report.findings.append(ArchiveFinding(kind: .signature, recordID: record.id,
                                                                  detail: "signatures or timestamps do not validate"))
                        }
                    }
                } catch {
                    report.findings.append(ArchiveFinding(kind: .integrity, recordID: record.id, detail: "\(error)"))
                }
                for check in checks { report.findings += await check.check(record, validation: validation) }
                progress?(report.recordsChecked)
            }
            cursor = last.id
        }
        for key in try await blobs.keys(olderThan: nil) where !referenced.contains(key) {
            report.findings.append(ArchiveFinding(kind: .orphanBlob, recordID: nil, detail: "blob \(key) belongs to no kept record"))
        }
        let events = try await index.accessLog()
        report.accessLogEvents = events.count
        let result = await AuditTrailVerifier(anchoring: anchoring).verify(events, anchors: try await index.anchors(), contractID: archiveAccessLogID)
        if let problem = result.problem {
            report.findings.append(ArchiveFinding(kind: .accessLog, recordID: nil, detail: "\(problem.kind) at \(problem.sequence): \(problem.reason)"))
        }
        try await log(.verify, ["records": String(report.recordsChecked), "passed": String(report.passed)])
        return report
    }
}
