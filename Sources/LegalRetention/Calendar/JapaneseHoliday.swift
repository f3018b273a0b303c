import ContractModel

/// A day off under the 国民の祝日に関する法律 (祝日法, 昭和23年法律第178号) or a special law.
public struct JapaneseHoliday: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The day.
    public let date: CivilDate
    /// Which holiday it is.
    public let name: JapaneseHolidayName
    /// For a 振替休日, the Sunday holiday it replaces; otherwise `nil`.
    public let substitutes: CivilDate?

    /// Creates a holiday entry.
    public init(date: CivilDate, name: JapaneseHolidayName, substitutes: CivilDate? = nil) {
        self.date = date
        self.name = name
        self.substitutes = substitutes
    }

    /// `YYYY-MM-DD 名称`.
    public var description: String { "\(date) \(name.japaneseName)" }
}

/// The holidays the calendar knows, with the law that makes each one a day off.
///
/// Raw values are stable English identifiers for JSON; ``japaneseName`` is the statutory name.
public enum JapaneseHolidayName: String, CaseIterable, Hashable, Sendable, Codable {
    /// 元日, 1月1日 (祝日法 第2条).
    case newYearsDay
    /// 成人の日, the second Monday of January (since 2000; 1月15日 before).
    case comingOfAgeDay
    /// 建国記念の日, 2月11日 (the day fixed by 政令).
    case nationalFoundationDay
    /// 天皇誕生日: 12月23日 through 2018, 2月23日 since 2020 (平成29年法律第63号 附則); none in 2019.
    case emperorsBirthday
    /// 春分の日, the day of the vernal equinox (春分日) announced in the 官報 each February.
    case vernalEquinoxDay
    /// 昭和の日, 4月29日 (since 2007).
    case showaDay
    /// みどりの日: 4月29日 through 2006, 5月4日 since 2007.
    case greeneryDay
    /// 憲法記念日, 5月3日.
    case constitutionMemorialDay
    /// こどもの日, 5月5日.
    case childrensDay
    /// 海の日: 7月20日 1996–2002, the third Monday of July since 2003; moved in 2020 and 2021.
    case marineDay
    /// 山の日, 8月11日 (since 2016); moved in 2020 and 2021.
    case mountainDay
    /// 敬老の日: 9月15日 through 2002, the third Monday of September since 2003.
    case respectForTheAgedDay
    /// 秋分の日, the day of the autumnal equinox (秋分日).
    case autumnalEquinoxDay
    /// 体育の日, the second Monday of October (2000–2019).
    case healthAndSportsDay
    /// スポーツの日, the second Monday of October since 2020; moved in 2020 and 2021.
    case sportsDay
    /// 文化の日, 11月3日.
    case cultureDay
    /// 勤労感謝の日, 11月23日.
    case laborThanksgivingDay
    /// 天皇の即位の日, 2019年5月1日 (平成30年法律第99号).
    case enthronementDay
    /// 即位礼正殿の儀の行われる日, 2019年10月22日 (平成30年法律第99号).
    case enthronementCeremonyDay
    /// 振替休日: the nearest following day that is not a 国民の祝日, when a 国民の祝日 falls on a
    /// Sunday (祝日法 第3条第2項; the next day only, before 2007).
    case substituteHoliday
    /// 国民の休日: a day between two 国民の祝日 (祝日法 第3条第3項; before 2007, not a Sunday
    /// or a 振替休日).
    case citizensHoliday

    /// The statutory Japanese name.
    public var japaneseName: String {
        switch self {
        case .newYearsDay: "元日"
        case .comingOfAgeDay: "成人の日"
        case .nationalFoundationDay: "建国記念の日"
        case .emperorsBirthday: "天皇誕生日"
        case .vernalEquinoxDay: "春分の日"
        case .showaDay: "昭和の日"
        case .greeneryDay: "みどりの日"
        case .constitutionMemorialDay: "憲法記念日"
        case .childrensDay: "こどもの日"
        case .marineDay: "海の日"
        case .mountainDay: "山の日"
        case .respectForTheAgedDay: "敬老の日"
        case .autumnalEquinoxDay: "秋分の日"
        case .healthAndSportsDay: "体育の日"
        case .sportsDay: "スポーツの日"
        case .cultureDay: "文化の日"
        case .laborThanksgivingDay: "勤労感謝の日"
        case .enthronementDay: "天皇の即位の日"
        case .enthronementCeremonyDay: "即位礼正殿の儀の行われる日"
        case .substituteHoliday: "振替休日"
        case .citizensHoliday: "国民の休日"
        }
    }

    /// Whether the day is a 国民の祝日 itself (祝日法 第2条, or deemed one by a special law),
    /// as opposed to a 休日 that the 祝日法 第3条 derives from them.
    public var isNationalHoliday: Bool { self != .substituteHoliday && self != .citizensHoliday }
}
