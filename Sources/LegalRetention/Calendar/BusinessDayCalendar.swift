import ContractModel

/// Which days an office is open: by default Monday to Friday except the Japanese public holidays
/// (``JapaneseHolidayCalendar``) and the year-end closure of 12月29日 through 1月3日 that most
/// Japanese companies and the 行政機関の休日に関する法律 (第1条第1項第3号) observe.
///
/// Every setting can be changed: closed weekdays, whether public holidays close, the days of
/// the year that close every year, and single extra closed or open days (an open day overrides
/// every other rule).
public struct BusinessDayCalendar: Hashable, Sendable, Codable {
    /// Weekdays on which the office is closed.
    public var closedWeekdays: Set<Weekday>
    /// Whether Japanese public holidays (国民の祝日 and 休日) close the office.
    public var closesPublicHolidays: Bool
    /// Days closed every year (by default 12/29, 12/30, 12/31, 1/1, 1/2 and 1/3).
    public var annualClosures: Set<MonthDay>
    /// Single days closed besides the rules (for example a company holiday).
    public var extraClosedDates: Set<CivilDate>
    /// Single days open although a rule would close them (for example a working Saturday).
    public var extraOpenDates: Set<CivilDate>
    /// The public holidays used when ``closesPublicHolidays`` is set.
    public var holidays: JapaneseHolidayCalendar

    /// The year-end closure, 12月29日 through 1月3日.
    public static let yearEndClosure: Set<MonthDay> = [
        MonthDay(12, 29), MonthDay(12, 30), MonthDay(12, 31), MonthDay(1, 1), MonthDay(1, 2), MonthDay(1, 3),
    ]

    /// Monday to Friday, closed on public holidays and from 12月29日 to 1月3日.
    public static let japaneseStandard = BusinessDayCalendar()

    /// Creates a calendar; the defaults are ``japaneseStandard``.
    public init(
        closedWeekdays: Set<Weekday> = [.saturday, .sunday], closesPublicHolidays: Bool = true,
        annualClosures: Set<MonthDay> = BusinessDayCalendar.yearEndClosure,
        extraClosedDates: Set<CivilDate> = [], extraOpenDates: Set<CivilDate> = [],
        holidays: JapaneseHolidayCalendar = JapaneseHolidayCalendar()
    ) {
        self.closedWeekdays = closedWeekdays
        self.closesPublicHolidays = closesPublicHolidays
        self.annualClosures = annualClosures
        self.extraClosedDates = extraClosedDates
        self.extraOpenDates = extraOpenDates
        self.holidays = holidays
    }

    /// Why the office is closed on a day.
    public enum Closure: Hashable, Sendable {
        /// One of ``BusinessDayCalendar/closedWeekdays``.
        case weekday(Weekday)
        /// A Japanese public holiday.
        case publicHoliday(JapaneseHoliday)
        /// One of ``BusinessDayCalendar/annualClosures``.
        case annualClosure(MonthDay)
        /// One of ``BusinessDayCalendar/extraClosedDates``.
        case extraClosedDate
    }

    /// Why the office is closed on `date`, or `nil` when it is a business day. A public holiday
    /// is reported before a weekday or annual closure.
    ///
    /// - Throws: ``CalendarError`` with code ``CalendarError/Code/unsupportedYear`` when public
    ///   holidays close and the year is outside ``JapaneseHolidayCalendar/supportedYears``.
    public func closure(on date: CivilDate) throws -> Closure? {
        try closure(on: date, holidays: closesPublicHolidays ? holidays.holidays(in: date.year) : [])
    }

    /// Whether `date` is a business day.
    ///
    /// - Throws: as ``closure(on:)``.
    public func isBusinessDay(_ date: CivilDate) throws -> Bool { try closure(on: date) == nil }

    private func closure(on date: CivilDate, holidays: [JapaneseHoliday]) -> Closure? {
        if extraOpenDates.contains(date) { return nil }
        if let holiday = holidays.first(where: { $0.date == date }) { return .publicHoliday(holiday) }
        if closedWeekdays.contains(date.weekday) { return .weekday(date.weekday) }
        let monthDay = MonthDay(date.month, date.day)
        if annualClosures.contains(monthDay) { return .annualClosure(monthDay) }
        if extraClosedDates.contains(date) { return .extraClosedDate }
        return nil
    }

    /// Visits days one by one from `start` in `step` direction (±1), passing each day and
    /// whether it is a business day, until `body` returns false. Caches each year's holidays.
    private func walk(from start: CivilDate, step: Int, _ body: (CivilDate, Bool) -> Bool) throws {
        var cachedYear = Int.min, yearHolidays: [JapaneseHoliday] = []
        var date = start, closedRun = 0
        while true {
            if date.year != cachedYear {
                cachedYear = date.year
                yearHolidays = closesPublicHolidays ? try holidays.holidays(in: date.year) : []
            }
            let open = closure(on: date, holidays: yearHolidays) == nil
            closedRun = open ? 0 : closedRun + 1
            guard closedRun <= 3660 else {
                throw CalendarError(.noBusinessDay, "no business day in the ten years from \(start): the configuration closes every day")
            }
            if !body(date, open) { return }
            date = date.adding(days: step)
        }
    }

    /// The number of business days after `start` up to and including `end`: 0 when `end` is
    /// `start` or earlier. Receiving on 2024-12-27 (a Friday), 2025-01-06 is 1 business day later.
    ///
    /// - Throws: as ``closure(on:)``.
    public func businessDays(after start: CivilDate, through end: CivilDate) throws -> Int {
        guard start < end else { return 0 }
        var count = 0
        try walk(from: start.adding(days: 1), step: 1) { date, open in
            if open { count += 1 }
            return date < end
        }
        return count
    }

    /// The day `count` business days after `date` (before it when `count` is negative); `date`
    /// itself when `count` is 0, even if it is closed. Seven business days after 2024-12-27
    /// is 2025-01-15.
    ///
    /// - Throws: ``CalendarError`` with code ``CalendarError/Code/invalidArgument`` when
    ///   `|count|` exceeds 36,500, ``CalendarError/Code/noBusinessDay`` when the configuration
    ///   closes every day, or as ``closure(on:)``.
    public func adding(businessDays count: Int, to date: CivilDate) throws -> CivilDate {
        guard (-36_500...36_500).contains(count) else {
            throw CalendarError(.invalidArgument, "\(count) business days is out of range (at most 36,500 either way)")
        }
        guard count != 0 else { return date }
        var remaining = abs(count), result = date
        try walk(from: date.adding(days: count > 0 ? 1 : -1), step: count > 0 ? 1 : -1) { day, open in
            if open { remaining -= 1 }
            result = day
            return remaining > 0
        }
        return result
    }

    /// `date` when it is a business day, otherwise the next one.
    ///
    /// - Throws: as ``adding(businessDays:to:)``.
    public func businessDay(onOrAfter date: CivilDate) throws -> CivilDate {
        try isBusinessDay(date) ? date : adding(businessDays: 1, to: date)
    }
}

/// A day of the year without a year (`12-29`), for closures that recur every year. Encoded as
/// `"MM-DD"`.
public struct MonthDay: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The month, 1 through 12.
    public let month: Int
    /// The day, 1 through 31.
    public let day: Int

    /// Creates a month and day (not checked; a day that never occurs, such as 2-30, never matches).
    public init(_ month: Int, _ day: Int) {
        self.month = month
        self.day = day
    }

    /// `MM-DD`.
    public var description: String { (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)" }

    /// Decodes `"MM-DD"`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }), let month = Int(parts[0]), let day = Int(parts[1]),
              (1...12).contains(month), (1...31).contains(day) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text.debugDescription) is not MM-DD")
        }
        self.init(month, day)
    }

    /// Encodes `"MM-DD"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
