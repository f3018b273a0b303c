import Foundation

/// An amount of money (取引金額) as an integer number of the currency's minor units, so sums and
/// comparisons are exact: ¥1,000 is 1000 minor units of JPY, $12.34 is 1234 of USD.
public struct Money: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The amount in minor units (may be negative for a credit note).
    public let minorUnits: Int64
    /// The currency.
    public let currency: CurrencyCode

    /// An amount in minor units.
    public init(minorUnits: Int64, currency: CurrencyCode) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// An amount given in major units (`1234.5` USD), refused when it has more decimals than the
    /// currency allows or does not fit. - Throws: ``ArchiveError/Code/invalidArgument``.
    public init(_ amount: Decimal, currency: CurrencyCode) throws {
        var scaled = amount * Self.power(currency.minorUnitDigits)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled else {
            throw ArchiveError(.invalidArgument, "\(amount) has more decimals than \(currency) allows (\(currency.minorUnitDigits))")
        }
        guard rounded.magnitude < Decimal(sign: .plus, exponent: 18, significand: 1), let value = Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value),
              Decimal(value) == rounded else {
            throw ArchiveError(.invalidArgument, "\(amount) is out of range")
        }
        minorUnits = value
        self.currency = currency
    }

    /// Parses decimal text such as `1000`, `1,000` or `12.34`. - Throws: ``ArchiveError/Code/invalidArgument``.
    public init(parsing text: String, currency: CurrencyCode) throws {
        let cleaned = text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let decimal = Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX")) else {
            throw ArchiveError(.invalidArgument, "\"\(text)\" is not an amount")
        }
        try self.init(decimal, currency: currency)
    }

    /// The amount in major units.
    public var decimalValue: Decimal { Decimal(minorUnits) / Self.power(currency.minorUnitDigits) }

    /// `1000 JPY`, `12.34 USD`.
    public var description: String { "\(plainText) \(currency)" }

    /// The amount in major units as plain text (`1000`, `12.34`), as the CSV index writes it.
    public var plainText: String {
        let digits = currency.minorUnitDigits
        guard digits > 0 else { return String(minorUnits) }
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let unit = UInt64(pow(10, Double(digits)))
        let fraction = String(magnitude % unit)
        return "\(sign)\(magnitude / unit).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }

    /// The amount for people: thousands separated by commas, then the currency (`110,000 JPY`,
    /// `-1,234.50 USD`), as in the history PDF; ``plainText`` stays the machine form.
    public var displayText: String {
        let text = plainText
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : text[...]
        let integer = unsigned.prefix { $0 != "." }
        let fraction = unsigned.dropFirst(integer.count)
        var grouped = ""
        for (index, digit) in integer.enumerated() {
            if index > 0, (integer.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return "\(negative ? "-" : "")\(grouped)\(fraction) \(currency)"
    }

    static func power(_ digits: Int) -> Decimal { Decimal(sign: .plus, exponent: digits, significand: 1) }
}

/// An ISO 4217 currency code, with its number of minor-unit digits.
public struct CurrencyCode: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The three upper-case letters.
    public let rawValue: String

    /// A currency; `nil` unless three ASCII letters (lower case is accepted and upper-cased).
    public init?(rawValue: String) {
        let upper = rawValue.uppercased()
        guard upper.count == 3, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        self.rawValue = upper
    }

    /// Parses a code. - Throws: ``ArchiveError/Code/invalidArgument``.
    public init(_ text: String) throws {
        guard let code = CurrencyCode(rawValue: text) else { throw ArchiveError(.invalidArgument, "\"\(text)\" is not an ISO 4217 currency code") }
        self = code
    }

    /// Japanese yen (no minor unit).
    public static let jpy = CurrencyCode(unchecked: "JPY")
    /// US dollar.
    public static let usd = CurrencyCode(unchecked: "USD")
    /// Euro.
    public static let eur = CurrencyCode(unchecked: "EUR")

    private init(unchecked: String) { rawValue = unchecked }

    /// Minor-unit digits per ISO 4217 (0 for JPY, KRW, …; 3 for BHD, KWD, …; otherwise 2).
    public var minorUnitDigits: Int {
        switch rawValue {
        case "JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF", "PYG", "RWF": 0
        case "BHD", "KWD", "OMR", "JOD", "IQD", "LYD", "TND": 3
        default: 2
        }
    }

    /// The code.
    public var description: String { rawValue }
}
