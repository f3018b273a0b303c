/// A corporate form (会社の種類・法人格) written beside a 取引先's name, such as 株式会社 in
/// 株式会社山田商事 or 山田商事(株).
///
/// Search ignores it (``CounterpartyNormaliser/counterparty(_:)``), so 山田商事 finds both; the
/// record keeps which form was written.
public struct CorporateForm: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The form's canonical name (株式会社, 合同会社, Inc., …).
    public let rawValue: String
    /// Every spelling recognised (abbreviations, enclosed and squared characters).
    public let spellings: [String]

    /// A form by its canonical name (custom forms recognise only that spelling).
    public init(rawValue: String) {
        self = Self.known.first { $0.rawValue == rawValue } ?? CorporateForm(rawValue, [rawValue])
    }

    private init(_ name: String, _ spellings: [String]) {
        rawValue = name
        self.spellings = spellings
    }

    /// The canonical name.
    public var description: String { rawValue }
    /// Equal by name.
    public static func == (lhs: CorporateForm, rhs: CorporateForm) -> Bool { lhs.rawValue == rhs.rawValue }
    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    /// Encodes the name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    /// Decodes a name.
    public init(from decoder: any Decoder) throws { self.init(rawValue: try decoder.singleValueContainer().decode(String.self)) }

    /// 株式会社 ((株), ㈱, ㍿, カブシキガイシャ).
    public static let kabushikiKaisha = CorporateForm("株式会社", ["株式会社", "(株)", "㈱", "㍿", "カブシキガイシャ", "カブシキカイシャ"])
    /// 有限会社 ((有), ㈲).
    public static let yugenKaisha = CorporateForm("有限会社", ["有限会社", "(有)", "㈲"])
    /// 合同会社 ((同)).
    public static let godoKaisha = CorporateForm("合同会社", ["合同会社", "(同)"])
    /// 合資会社 ((資)).
    public static let goshiKaisha = CorporateForm("合資会社", ["合資会社", "(資)"])
    /// 合名会社 ((名)).
    public static let gomeiKaisha = CorporateForm("合名会社", ["合名会社", "(名)"])
    /// 一般社団法人 ((一社)).
    public static let ippanShadanHojin = CorporateForm("一般社団法人", ["一般社団法人", "(一社)"])
    /// 一般財団法人 ((一財)).
    public static let ippanZaidanHojin = CorporateForm("一般財団法人", ["一般財団法人", "(一財)"])
    /// 公益社団法人 ((公社)).
    public static let koekiShadanHojin = CorporateForm("公益社団法人", ["公益社団法人", "(公社)"])
    /// 公益財団法人 ((公財)).
    public static let koekiZaidanHojin = CorporateForm("公益財団法人", ["公益財団法人", "(公財)"])
    /// 特定非営利活動法人 (NPO法人).
    public static let npoHojin = CorporateForm("特定非営利活動法人", ["特定非営利活動法人", "NPO法人"])
    /// 医療法人.
    public static let iryoHojin = CorporateForm("医療法人", ["医療法人", "(医)"])
    /// 学校法人.
    public static let gakkoHojin = CorporateForm("学校法人", ["学校法人", "(学)"])
    /// 社会福祉法人.
    public static let shakaiFukushiHojin = CorporateForm("社会福祉法人", ["社会福祉法人", "(福)"])
    /// Co., Ltd.
    public static let companyLimited = CorporateForm("Co., Ltd.", ["Co., Ltd.", "Co.,Ltd.", "Co. Ltd.", "Co.Ltd."])
    /// Inc.
    public static let incorporated = CorporateForm("Inc.", ["Inc.", "Incorporated"])
    /// LLC.
    public static let limitedLiabilityCompany = CorporateForm("LLC", ["LLC", "L.L.C."])
    /// Ltd.
    public static let limited = CorporateForm("Ltd.", ["Ltd.", "Limited"])

    /// The forms recognised by default.
    public static let known: [CorporateForm] = [
        kabushikiKaisha, yugenKaisha, godoKaisha, goshiKaisha, gomeiKaisha, ippanShadanHojin, ippanZaidanHojin, koekiShadanHojin,
        koekiZaidanHojin, npoHojin, iryoHojin, gakkoHojin, shakaiFukushiHojin, companyLimited, incorporated, limitedLiabilityCompany, limited,
    ]
}
