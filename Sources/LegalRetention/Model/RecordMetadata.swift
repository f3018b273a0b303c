import ContractModel
import Foundation

/// A record's identifier: random, URL-safe, never reused.
public struct ArchiveRecordID: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible, Comparable {
    /// The identifier's text.
    public let rawValue: String
    /// Wraps `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps `rawValue`.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// A new random identifier (`r` and 32 lower-case hex digits).
    public static func random() -> ArchiveRecordID { ArchiveRecordID("r" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")) }
    /// The text.
    public var description: String { rawValue }
    /// Text order.
    public static func < (lhs: ArchiveRecordID, rhs: ArchiveRecordID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// 書類の種類: what kind of transaction document a record is.
public struct DocumentType: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The type's name as written (契約書, 請求書, …).
    public let rawValue: String
    /// A type by name.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A type by name.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The name.
    public var description: String { rawValue }
    /// 契約書 (contract).
    public static let contract = DocumentType("契約書")
    /// 請求書 (invoice).
    public static let invoice = DocumentType("請求書")
    /// 領収書 (receipt).
    public static let receipt = DocumentType("領収書")
    /// 見積書 (quotation).
    public static let quotation = DocumentType("見積書")
    /// 注文書 (purchase order).
    public static let purchaseOrder = DocumentType("注文書")
    /// 納品書 (delivery note).
    public static let deliveryNote = DocumentType("納品書")
}

/// 取引先: the counterparty as written, with its search key and corporate form.
public struct Counterparty: Hashable, Codable, Sendable {
    /// The name exactly as given (株式会社ﾔﾏﾀﾞ商事).
    public let name: String
    /// The normalised name without its corporate form (ヤマダ商事): what search matches.
    public let searchKey: String
    /// The corporate form written with the name, if any.
    public let corporateForm: CorporateForm?

    /// A counterparty. - Throws: ``ArchiveError/Code/invalidArgument`` for an empty name.
    public init(_ name: String) throws {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ArchiveError(.invalidArgument, "the counterparty (取引先) is empty") }
        self.name = trimmed
        (searchKey, corporateForm) = CounterpartyNormaliser.counterparty(trimmed)
    }

    /// A counterparty as an index stored it (name, key and form computed at ingest), without
    /// normalising the name again.
    package init(stored name: String, searchKey: String, corporateForm: CorporateForm?) {
        self.name = name
        self.searchKey = searchKey
        self.corporateForm = corporateForm
    }
}

/// The metadata a record is searched and retained by: the 検索要件 fields (取引年月日, 取引金額,
/// 取引先) and the rest an archive needs.
public struct RecordMetadata: Hashable, Codable, Sendable {
    /// 取引年月日.
    public var transactionDate: CivilDate
    /// 取引金額.
    public var amount: Money
    /// 取引先.
    public var counterparty: Counterparty
    /// 書類の種類.
    public var documentType: DocumentType
    /// A title (件名), searchable by substring.
    public var title: String
    /// When the document was received (or issued), for the timestamp deadline check.
    public var receivedDate: CivilDate?
    /// The end of the fiscal year the transaction belongs to; `nil` takes it from the
    /// ``RetentionPolicy``'s fiscal-year end.
    public var fiscalYearEnd: CivilDate?
    /// Whether the fiscal year has a tax loss carried forward (欠損金), which extends retention to 10 years.
    public var hasLossCarryforward: Bool
    /// App-defined fields (部門, 案件番号, …), searchable by exact value.
    public var customFields: [String: String]

    /// Metadata.
    public init(transactionDate: CivilDate, amount: Money, counterparty: Counterparty, documentType: DocumentType = .contract,
                title: String = "", receivedDate: CivilDate? = nil, fiscalYearEnd: CivilDate? = nil, hasLossCarryforward: Bool = false,
                customFields: [String: String] = [:]) {
        self.transactionDate = transactionDate
        self.amount = amount
        self.counterparty = counterparty
        self.documentType = documentType
        self.title = title
        self.receivedDate = receivedDate
        self.fiscalYearEnd = fiscalYearEnd
        self.hasLossCarryforward = hasLossCarryforward
        self.customFields = customFields
    }
}
