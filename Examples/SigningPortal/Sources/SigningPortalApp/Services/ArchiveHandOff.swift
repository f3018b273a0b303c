import ContractDefaults
import ContractModel
import Foundation
import LegalRetention

/// The last completion step: hands the B-LTA PDF to the LegalRetention archive with the
/// contract's 取引年月日 (default: the completion day in Japan), 取引金額 (default ¥0) and 取引先
/// (default: the first participant's organisation or name).
public struct ArchiveHandOff: ContractCompletionHandler {
    /// The archive.
    public let archive: ArchiveService
    /// Where the B-LTA step wrote its files (`completed/`).
    public let completedDirectory: URL

    /// A hand-off.
    public init(archive: ArchiveService, completedDirectory: URL) {
        self.archive = archive
        self.completedDirectory = completedDirectory
    }

    /// Ingests the contract (idempotent: the contract id is the import key).
    public func contractCompleted(_ completed: CompletedContract) async throws {
        let contract = completed.contract
        let folder = completedDirectory.appendingPathComponent(contract.id.rawValue)
        let pdf = LTACompletionStep.file(in: folder).flatMap { FileManager.default.contents(atPath: $0) }.map(Array.init) ?? completed.document
        let metadata = try Self.recordMetadata(contract, completedAt: contract.completedAt ?? Date())
        if try await archive.index.record(importKey: contract.id.rawValue) != nil { return }
        _ = try await archive.ingest(pdf, fileName: contract.document.fileName, metadata: metadata, importKey: contract.id.rawValue)
    }

    /// The archive's metadata for a contract.
    static func recordMetadata(_ contract: Contract, completedAt: Date) throws -> RecordMetadata {
        let meta = contract.metadata
        let amount: Money
        if let value = meta.amount {
            amount = try Money(value.value, currency: try CurrencyCode(value.currency))
        } else {
            amount = Money(minorUnits: 0, currency: try CurrencyCode("JPY"))
        }
        let name = meta.counterparty ?? contract.participants.first.map { $0.organisation ?? $0.name } ?? "不明"
        return RecordMetadata(transactionDate: meta.transactionDate ?? CivilDate(japanStandardTimeOf: completedAt), amount: amount,
                              counterparty: try Counterparty(name), documentType: .contract, title: contract.title)
    }
}
