import ArgumentParser
import ContractModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LegalRetention
import LegalRetentionSQLite

/// Options every `econtract archive` subcommand shares.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .customLong("archive"), help: "The archive folder (index.sqlite, blobs/, keys/).")
    var directory: String = "archive"

    @Option(help: "The key-encryption-key folder (default: ARCHIVE/keys; keep it out of the archive's backups).")
    var keys: String?

    @Option(help: "Who is operating (recorded in the access log, corrections and deletions).")
    var actor: String = ProcessInfo.processInfo.environment["USER"] ?? "cli"

    @Option(name: .customLong("as-of"), help: "Judge retention on this day (YYYY-MM-DD) and record times at its noon (JST), instead of today.")
    var asOf: String?

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: "RFC 3161 TSA URL for the access log's anchors and the evidence records (default: the sandbox TSA in ARCHIVE/sandbox).")
    var tsa: String?

    @Option(name: .customLong("anchor-every"), help: "Timestamp the access log's head every N events.")
    var anchorEvery: Int = 100

    @Flag(name: .customLong("no-anchor"), help: "Do not timestamp the access log.")
    var noAnchor = false

    /// The day judged, if given.
    func asOfDay() throws -> CivilDate? { try asOf.map { try CivilDate(archiveInput: $0) } }

    /// Opens the archive under an exclusive lock (held until the process exits) and sweeps orphan
    /// blobs (safe: no other process writes while the lock is held).
    func open() async throws -> ArchiveService {
        let root = URL(fileURLWithPath: directory)
        do { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) } catch {
            throw ArchiveError(.storageFailure, "cannot create \(directory): \(error)")
        }
        let lock = openLockFile(root.appendingPathComponent(".lock").path)
        guard lock >= 0, flock(lock, LOCK_EX) == 0 else { throw ArchiveError(.storageFailure, "cannot lock \(directory)") }
        let index = try SQLiteArchiveIndex(path: root.appendingPathComponent("index.sqlite").path)
        let blobs = try FileBlobStore(directory: root.appendingPathComponent("blobs"))
        let provider = try SoftwareKeyFileProvider(directory: keys.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("keys"))
        var clock: any ContractClock = SystemContractClock()
        if let day = try asOfDay() {
            clock = FixedArchiveClock(time: Date(timeIntervalSince1970: TimeInterval(day.daysSince1970) * 86_400 + 3 * 3600))
        }
        let service = ArchiveService(index: index, blobs: blobs, keys: provider, clock: clock, actor: actor,
                                     anchoring: try ArchiveAnchoringFactory.make(self, root: root), anchorInterval: anchorEvery)
        try await service.sweepOrphans(olderThan: nil)
        return service
    }

    /// Prints `value` as JSON with `--json`, else `text()`.
    func output<T: Encodable>(_ value: T, _ text: () -> String) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(value), as: UTF8.self))
        } else {
            print(text())
        }
    }
}

func openLockFile(_ path: String) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, O_CREAT | O_RDWR, 0o600)
    #else
    Darwin.open(path, O_CREAT | O_RDWR, 0o600)
    #endif
}

struct FixedArchiveClock: ContractClock {
    let time: Date
    func now() -> Date { time }
}

/// A record as the CLI prints it (no wrapped key).
struct RecordView: Codable {
    var id: String
    var version: Int
    var sha256: String
    var byteCount: Int
    var fileName: String
    var transactionDate: String
    var amount: String
    var currency: String
    var counterparty: String
    var counterpartyKey: String
    var corporateForm: String?
    var documentType: String
    var title: String
    var receivedDate: String?
    var fiscalYearEnd: String?
    var lossCarryforward: Bool
    var customFields: [String: String]
    var retentionEnd: String
    var legalHold: String?
    var disposed: Bool

    init(_ record: ArchiveRecord) {
        let m = record.metadata
        id = record.id.rawValue
        version = record.version
        sha256 = record.document.sha256
        byteCount = record.document.byteCount
        fileName = record.document.fileName
        transactionDate = m.transactionDate.description
        amount = m.amount.plainText
        currency = m.amount.currency.rawValue
        counterparty = m.counterparty.name
        counterpartyKey = m.counterparty.searchKey
        corporateForm = m.counterparty.corporateForm?.rawValue
        documentType = m.documentType.rawValue
        title = m.title
        receivedDate = m.receivedDate?.description
        fiscalYearEnd = m.fiscalYearEnd?.description
        lossCarryforward = m.hasLossCarryforward
        customFields = m.customFields
        retentionEnd = record.retentionEnd.description
        legalHold = record.legalHold?.reason
        disposed = record.disposedAt != nil
    }

    var line: String { "\(id)  \(transactionDate)  \(amount) \(currency)  \(counterparty)  \(documentType)  \(title)  sha256:\(sha256.prefix(16))…" }
}

/// Runs `body`, reporting ``ArchiveError``s on stderr: refusals and failures exit 1, bad input 2.
func runArchive(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ArchiveError {
        FileHandle.standardError.write(Data("error: \(error.reason) [ArchiveError.\(error.code)]\n".utf8))
        throw [.invalidArgument, .notFound].contains(error.code) ? CLIExit.badInput : CLIExit.invalid
    } catch let exit as ExitCode {
        throw exit
    } catch {
        try await runReportingErrors { throw error }
    }
}

/// Metadata options shared by `ingest` (and parsed the same way by `import --csv`).
func makeMetadata(date: String, amount: String, currency: String, counterparty: String, type: String?, received: String?, title: String?,
                  fiscalYearEnd: String?, loss: Bool, fields: [String]) throws -> RecordMetadata {
    let code = try CurrencyCode(currency.isEmpty ? "JPY" : currency)
    var custom: [String: String] = [:]
    for field in fields {
        guard let equals = field.firstIndex(of: "="), equals != field.startIndex else { throw ArchiveError(.invalidArgument, "--field must be NAME=VALUE") }
        custom[String(field[..<equals])] = String(field[field.index(after: equals)...])
    }
    return RecordMetadata(transactionDate: try CivilDate(archiveInput: date), amount: try Money(parsing: amount, currency: code), counterparty: try Counterparty(counterparty),
                          documentType: DocumentType(type.flatMap { $0.isEmpty ? nil : $0 } ?? DocumentType.contract.rawValue), title: title ?? "",
                          receivedDate: try received.flatMap { $0.isEmpty ? nil : try CivilDate(archiveInput: $0) },
                          fiscalYearEnd: try fiscalYearEnd.map { try CivilDate(archiveInput: $0) }, hasLossCarryforward: loss, customFields: custom)
}
