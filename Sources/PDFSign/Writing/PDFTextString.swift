import Foundation
import CMSCore

extension PDFString {
    /// A text string (ISO 32000-2 §7.9.2.2): printable ASCII as a literal string, anything
    /// else as UTF-16BE with a byte-order mark (written as hex).
    package static func text(_ string: String) -> PDFString {
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return PDFString(bytes: Array(string.utf8), format: .literal)
        }
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in string.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        return PDFString(bytes: bytes, format: .hex)
    }

    /// A date string (§7.9.4) in UTC: `D:YYYYMMDDHHmmSSZ`.
    ///
    /// Computed with integer arithmetic (`ASN1Time.components(of:)`), not `Calendar` and
    /// `String(format:)`, whose first use costs a command-line signature about half a
    /// millisecond of start-up.
    package static func date(_ date: Date) -> PDFString {
        let (year, month, day, hours, minutes, seconds) = ASN1Time.components(of: date)
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let text = "D:" + digits(year, 4) + digits(month, 2) + digits(day, 2)
            + digits(hours, 2) + digits(minutes, 2) + digits(seconds, 2) + "Z"
        return PDFString(bytes: Array(text.utf8), format: .literal)
    }

    /// The string decoded as a text string: UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding
    /// (read as Latin-1, which agrees on the printable range).
    package var textValue: String {
        if bytes.starts(with: [0xFE, 0xFF]) {
            var units: [UInt16] = []
            var index = 2
            while index + 1 < bytes.count {
                units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: bytes.dropFirst(3), as: UTF8.self) }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }

    /// The string read as a date (§7.9.4: `D:YYYYMMDDHHmmSSOHH'mm`, every part after the year
    /// optional); `nil` when it is not one.
    package var dateValue: Date? {
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        if text.hasPrefix("D:") { text = text.dropFirst(2) }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard digits.count >= 4, digits.count <= 14, digits.count % 2 == 0 else { return nil }
        func part(_ offset: Int, _ length: Int, default value: Int) -> Int {
            let start = digits.index(digits.startIndex, offsetBy: offset, limitedBy: digits.endIndex) ?? digits.endIndex
            let end = digits.index(start, offsetBy: length, limitedBy: digits.endIndex) ?? digits.endIndex
            return start == end ? value : Int(digits[start..<end]) ?? value
        }
        var components = DateComponents(
            year: part(0, 4, default: 0), month: part(4, 2, default: 1), day: part(6, 2, default: 1),
            hour: part(8, 2, default: 0), minute: part(10, 2, default: 0), second: part(12, 2, default: 0))
        var offsetSeconds = 0
        let zone = text.dropFirst(digits.count)
        if let sign = zone.first, sign == "+" || sign == "-" {
            let numbers = zone.dropFirst().split(whereSeparator: { $0 == "'" }).compactMap { Int($0) }
            offsetSeconds = ((numbers.first ?? 0) * 3600 + (numbers.dropFirst().first ?? 0) * 60) * (sign == "-" ? -1 : 1)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        components.calendar = calendar
        guard (1...12).contains(components.month ?? 0), (1...31).contains(components.day ?? 0),
              let date = calendar.date(from: components) else { return nil }
        return date.addingTimeInterval(TimeInterval(-offsetSeconds))
    }
}
