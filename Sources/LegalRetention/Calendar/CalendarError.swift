/// An error thrown by the calendar, business-day and timestamp-deadline types.
///
/// Like `PDFError`, a struct holding an opaque ``Code`` and a readable reason: new codes can
/// be added without breaking callers, and equality compares the code only.
public struct CalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable, comparable code.
    public let code: Code
    /// A readable explanation of this particular failure.
    public let reason: String

    /// Creates an error with a code and a reason.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `CalendarError.<code>: <reason>`.
    public var description: String { "CalendarError.\(code): \(reason)" }

    /// Errors are equal when their codes are equal.
    public static func == (lhs: CalendarError, rhs: CalendarError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// An opaque, extensible error code. Compare with `==` against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// The code's name.
        public var description: String { name }

        /// A computed date falls after 9999-12-31 (for example the end of a very long period).
        /// Text or fields that are not a date are refused by `CivilDate` itself with
        /// `ContractError.Code.invalidDate`.
        public static let invalidDate = Code("invalidDate")
        /// The holiday rules are implemented for ``JapaneseHolidayCalendar/supportedYears`` only.
        public static let unsupportedYear = Code("unsupportedYear")
        /// A caller-supplied count or setting is out of range (for example a negative number of days).
        public static let invalidArgument = Code("invalidArgument")
        /// The calendar's configuration closes every day of a long span (for example all seven weekdays).
        public static let noBusinessDay = Code("noBusinessDay")
    }
}
