import Foundation

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
    package static func date(_ date: Date) -> PDFString {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let text = String(format: "D:%04d%02d%02d%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
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
}
