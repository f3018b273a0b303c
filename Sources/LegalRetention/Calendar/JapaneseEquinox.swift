import ContractModel

/// The days of the equinoxes in Japan Standard Time, by the approximation widely used for
/// calendars (the formula derived from the 国立天文台's ephemerides):
///
///     day = int(A + 0.242194 × (Y − 1980) − int((Y − B) / 4))
///
/// with A = 20.8357 / 23.2588 (vernal / autumnal) and B = 1983 for 1900–1979, A = 20.8431 /
/// 23.2488 and B = 1980 for 1980–2099, and A = 21.8510 / 24.2488, B = 1980 for 2100–2150.
///
/// The legal dates are those the 国立天文台 announces in the 官報 (暦要項) each February for the
/// following year; for years not yet announced the formula is a prediction.
/// Computed in integer millionths, so no floating-point rounding can move a day.
public enum JapaneseEquinox {
    /// The years the formula covers.
    public static let supportedYears: ClosedRange<Int> = 1900...2150

    /// The day in March of the vernal equinox (春分日), or `nil` outside ``supportedYears``.
    public static func vernal(year: Int) -> CivilDate? {
        day(year: year, march: true).flatMap { try? CivilDate(year: year, month: 3, day: $0) }
    }

    /// The day in September of the autumnal equinox (秋分日), or `nil` outside ``supportedYears``.
    public static func autumnal(year: Int) -> CivilDate? {
        day(year: year, march: false).flatMap { try? CivilDate(year: year, month: 9, day: $0) }
    }

    private static func day(year: Int, march: Bool) -> Int? {
        let base: Int, leapOrigin: Int
        switch year {
        case 1900...1979: (base, leapOrigin) = (march ? 20_835_700 : 23_258_800, 1983)
        case 1980...2099: (base, leapOrigin) = (march ? 20_843_100 : 23_248_800, 1980)
        case 2100...2150: (base, leapOrigin) = (march ? 21_851_000 : 24_248_800, 1980)
        default: return nil
        }
        // Swift's integer division truncates toward zero, as the formula's int() does.
        let millionths = base + 242_194 * (year - 1980) - 1_000_000 * ((year - leapOrigin) / 4)
        return millionths / 1_000_000
    }
}
