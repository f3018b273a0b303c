import ContractModel
import Foundation

/// A search (可視性の検索要件): every condition set is combined with AND; results come in
/// 取引年月日 order (then ingest order), one page at a time.
///
/// Counterparty and title conditions are substrings of the normalised text
/// (``CounterpartyNormaliser``), of any length, including one or two characters.
public struct ArchiveQuery: Hashable, Codable, Sendable {
    /// 取引年月日 on or after.
    public var from: CivilDate?
    /// 取引年月日 on or before.
    public var to: CivilDate?
    /// 取引金額 at least (in ``currency``).
    public var minimumAmount: Money?
    /// 取引金額 at most (in ``currency``).
    public var maximumAmount: Money?
    /// Only amounts in this currency (implied by an amount bound).
    public var currency: CurrencyCode?
    /// A substring of the counterparty's normalised name (its corporate form ignored).
    public var counterparty: String?
    /// 書類の種類.
    public var documentType: DocumentType?
    /// A substring of the normalised title.
    public var titleContains: String?
    /// Custom fields that must have exactly these values.
    public var customFields: [String: String]
    /// Page size (1…1000).
    public var limit: Int
    /// Records to skip.
    public var offset: Int

    /// A query; every condition is optional.
    public init(from: CivilDate? = nil, to: CivilDate? = nil, minimumAmount: Money? = nil, maximumAmount: Money? = nil,
                currency: CurrencyCode? = nil, counterparty: String? = nil, documentType: DocumentType? = nil, titleContains: String? = nil,
                customFields: [String: String] = [:], limit: Int = 100, offset: Int = 0) {
        self.from = from
        self.to = to
        self.minimumAmount = minimumAmount
        self.maximumAmount = maximumAmount
        self.currency = currency
        self.counterparty = counterparty
        self.documentType = documentType
        self.titleContains = titleContains
        self.customFields = customFields
        self.limit = limit
        self.offset = offset
    }

    /// The query as an index runs it: normalised substrings (empty ones dropped), the currency
    /// taken from the amount bounds. - Throws: ``ArchiveError/Code/invalidArgument``.
    public func resolved() throws -> ResolvedArchiveQuery {
        guard (1...1000).contains(limit), offset >= 0 else { throw ArchiveError(.invalidArgument, "limit must be 1…1000 and offset ≥ 0") }
        let currencies = Set([minimumAmount?.currency, maximumAmount?.currency, currency].compactMap { $0 })
        guard currencies.count <= 1 else { throw ArchiveError(.invalidArgument, "the amount bounds and currency disagree") }
        let key = counterparty.map { CounterpartyNormaliser.counterparty($0).key }.flatMap { $0.isEmpty ? nil : $0 }
        let title = titleContains.map(CounterpartyNormaliser.searchKey).flatMap { $0.isEmpty ? nil : $0 }
        return ResolvedArchiveQuery(from: from, to: to, minimumMinorUnits: minimumAmount?.minorUnits, maximumMinorUnits: maximumAmount?.minorUnits,
                                    currency: currencies.first, counterpartyKey: key, documentType: documentType, titleKey: title,
                                    customFields: customFields, limit: limit, offset: offset)
    }
}

/// An ``ArchiveQuery`` ready for an ``ArchiveIndex``: substrings normalised, amounts in minor units.
public struct ResolvedArchiveQuery: Hashable, Sendable {
    /// 取引年月日 on or after.
    public var from: CivilDate?
    /// 取引年月日 on or before.
    public var to: CivilDate?
    /// Minor units at least.
    public var minimumMinorUnits: Int64?
    /// Minor units at most.
    public var maximumMinorUnits: Int64?
    /// The currency, if restricted.
    public var currency: CurrencyCode?
    /// Substring of the counterparty's search key.
    public var counterpartyKey: String?
    /// 書類の種類.
    public var documentType: DocumentType?
    /// Substring of the title's search key.
    public var titleKey: String?
    /// Exact custom-field values.
    public var customFields: [String: String]
    /// Page size.
    public var limit: Int
    /// Records skipped.
    public var offset: Int
}

/// One page of results.
public struct ArchiveSearchPage: Hashable, Codable, Sendable {
    /// The records on this page.
    public var records: [ArchiveRecord]
    /// Whether more records match after this page.
    public var hasMore: Bool
    /// A page.
    public init(records: [ArchiveRecord], hasMore: Bool) {
        self.records = records
        self.hasMore = hasMore
    }
}
