import Foundation

/// The search keys the 電子帳簿保存法 (Electronic Books Act) asks an archive to keep for a
/// transaction document: 取引年月日, 取引金額 and 取引先, plus the document kind, the term
/// and free custom fields.
public struct ArchiveMetadata: Hashable, Codable, Sendable {
    /// 取引年月日: the transaction date.
    public var transactionDate: CivilDate?
    /// 取引金額: the transaction amount.
    public var amount: MonetaryAmount?
    /// 取引先: the counterparty's name.
    public var counterparty: String?
    /// 書類の種類: the kind of document.
    public var documentKind: DocumentKind
    /// 契約期間 and 自動更新: the contract's term.
    public var term: ContractTerm?
    /// Host-defined fields (name → value).
    public var customFields: [String: String]

    /// Metadata; everything but the kind is optional.
    public init(transactionDate: CivilDate? = nil, amount: MonetaryAmount? = nil, counterparty: String? = nil,
                documentKind: DocumentKind = .contract, term: ContractTerm? = nil, customFields: [String: String] = [:]) {
        self.transactionDate = transactionDate
        self.amount = amount
        self.counterparty = counterparty
        self.documentKind = documentKind
        self.term = term
        self.customFields = customFields
    }
}

/// 取引金額: an exact decimal amount and its ISO 4217 currency code.
///
/// The amount is encoded as a decimal string (`"1100000"`, `"12.50"`) so that no JSON
/// reader turns it into a binary floating-point number.
public struct MonetaryAmount: Hashable, Codable, Sendable {
    /// The amount.
    public var value: Decimal
    /// The ISO 4217 code (`JPY`, `USD`).
    public var currency: String

    /// An amount; throws ``ContractError/Code/invalidArgument`` unless `currency` is three upper-case letters.
    public init(_ value: Decimal, currency: String) throws {
        guard currency.count == 3, currency.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw ContractError(.invalidArgument, "currency must be an ISO 4217 code such as JPY")
        }
        self.value = value
        self.currency = currency
    }

    private enum CodingKeys: String, CodingKey { case value, currency }

    /// Decodes `{"currency": "JPY", "value": "1100000"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .value)
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: container, debugDescription: "not a decimal")
        }
        try self.init(value, currency: try container.decode(String.self, forKey: .currency))
    }

    /// Encodes the value as a decimal string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(NSDecimalNumber(decimal: value).description(withLocale: Locale(identifier: "en_US_POSIX")), forKey: .value)
        try container.encode(currency, forKey: .currency)
    }
}

/// 書類の種類: what the document is. Encoded as its Japanese name; anything else is ``other(_:)``.
public enum DocumentKind: Hashable, Codable, Sendable {
    /// 契約書: a contract.
    case contract
    /// 発注書: a purchase order.
    case purchaseOrder
    /// 請求書: an invoice.
    case invoice
    /// 見積書: a quotation.
    case quotation
    /// 納品書: a delivery note.
    case deliveryNote
    /// 領収書: a receipt.
    case receipt
    /// Any other kind, by name.
    case other(String)

    /// The Japanese name (契約書, 発注書, …), or the other kind's own name.
    public var japaneseName: String {
        switch self {
        case .contract: "契約書"
        case .purchaseOrder: "発注書"
        case .invoice: "請求書"
        case .quotation: "見積書"
        case .deliveryNote: "納品書"
        case .receipt: "領収書"
        case .other(let name): name
        }
    }

    /// The kind named `name` (a Japanese name maps to its case; anything else is ``other(_:)``).
    public init(japaneseName name: String) {
        let known: [DocumentKind] = [.contract, .purchaseOrder, .invoice, .quotation, .deliveryNote, .receipt]
        self = known.first { $0.japaneseName == name } ?? .other(name)
    }

    /// Decodes the Japanese name.
    public init(from decoder: any Decoder) throws {
        self.init(japaneseName: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the Japanese name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(japaneseName)
    }
}

/// 契約期間 and 自動更新: the period a contract runs and whether it renews itself.
public struct ContractTerm: Hashable, Codable, Sendable {
    /// The first day of the term.
    public var start: CivilDate
    /// The last day of the term (`nil`: open-ended).
    public var end: CivilDate?
    /// 自動更新: whether the contract renews automatically at the end of the term.
    public var autoRenewal: Bool
    /// The length of each renewal in months, when it renews.
    public var renewalMonths: Int?

    /// A term; throws ``ContractError/Code/invalidArgument`` when it ends before it starts.
    public init(start: CivilDate, end: CivilDate? = nil, autoRenewal: Bool = false, renewalMonths: Int? = nil) throws {
        if let end, end < start { throw ContractError(.invalidArgument, "the term ends (\(end)) before it starts (\(start))") }
        if let renewalMonths, renewalMonths <= 0 { throw ContractError(.invalidArgument, "renewalMonths must be positive") }
        self.start = start
        self.end = end
        self.autoRenewal = autoRenewal
        self.renewalMonths = renewalMonths
    }
}
