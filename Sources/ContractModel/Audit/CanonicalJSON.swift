import Foundation

/// The canonical JSON used for audit event hashes and the witness evidence digest.
///
/// Rules (a subset of RFC 8785, JSON Canonicalization Scheme, chosen so that no floating-point
/// number ever appears):
/// - objects have their keys sorted by their UTF-16 code units (as RFC 8785 §3.2.3 requires)
///   and no whitespace anywhere;
/// - strings are escaped as RFC 8785 §3.2.2.2: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other
///   controls below U+0020 as `\u00xx` (lower-case hex), everything else as raw UTF-8;
/// - numbers are integers only, in plain decimal; amounts travel as decimal strings;
/// - dates are strings in RFC 3339 UTC with exactly three fraction digits
///   (`2026-12-02T08:31:55.123Z`), truncated to the millisecond;
/// - absent optional values are left out (never `null`).
public indirect enum CanonicalJSON: Hashable, Sendable {
    /// A string.
    case string(String)
    /// An integer.
    case integer(Int64)
    /// A Boolean.
    case bool(Bool)
    /// An array, in order.
    case array([CanonicalJSON])
    /// An object; keys are sorted when encoded.
    case object([String: CanonicalJSON])

    /// A date as an RFC 3339 UTC string with milliseconds.
    public static func date(_ date: Date) -> CanonicalJSON { .string(formatDate(date)) }

    /// The canonical UTF-8 bytes.
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.writeString(text, into: &out)
        case .integer(let value): out += Array(String(value).utf8)
        case .bool(let value): out += Array((value ? "true" : "false").utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            // Each key's UTF-16 code units are made once, not at every comparison of the sort.
            let sorted = members.map { (units: Array($0.key.utf16), key: $0.key, value: $0.value) }
                .sorted { $0.units.lexicographicallyPrecedes($1.units) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Parses what ``formatDate(_:)`` writes; `nil` for anything else.
    public static func parseDate(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        guard chars.count == 24, chars[4] == 0x2D, chars[7] == 0x2D, chars[10] == 0x54, chars[13] == 0x3A, chars[16] == 0x3A,
              chars[19] == 0x2E, chars[23] == 0x5A else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in chars[range] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millisecond = number(20..<23),
              hour < 24, minute < 60, second < 60, let civil = try? CivilDate(year: year, month: month, day: day) else { return nil }
        let seconds = Int64(civil.daysSince1970) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        let date = Date(timeIntervalSince1970: Double(seconds * 1000 + Int64(millisecond)) / 1000)
        return formatDate(date) == text ? date : nil
    }

    /// `YYYY-MM-DDThh:mm:ss.mmmZ` in UTC (proleptic Gregorian), truncated to the millisecond.
    /// Pure arithmetic on day numbers (``CivilDate``), never `Foundation.Calendar`: every audit
    /// event hash formats its time.
    public static func formatDate(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let milliseconds = ((totalMilliseconds % 1000) + 1000) % 1000
        let seconds = (totalMilliseconds - milliseconds) / 1000
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        let civil = CivilDate(daysSince1970: Int((seconds - secondOfDay) / 86_400))
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func put(_ value: Int, _ width: Int, then separator: UInt8?) {
            let digits = Array(String(value).utf8)
            if digits.count < width { out += Array(repeating: 0x30, count: width - digits.count) }
            out += digits
            if let separator { out.append(separator) }
        }
        put(civil.year, 4, then: 0x2D)
        put(civil.month, 2, then: 0x2D)
        put(civil.day, 2, then: 0x54)
        put(Int(secondOfDay / 3600), 2, then: 0x3A)
        put(Int(secondOfDay / 60 % 60), 2, then: 0x3A)
        put(Int(secondOfDay % 60), 2, then: 0x2E)
        put(Int(milliseconds), 3, then: 0x5A)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Builds a ``CanonicalJSON`` object, leaving out `nil` values.
struct CanonicalObject {
    private(set) var members: [String: CanonicalJSON] = [:]
    mutating func set(_ key: String, _ value: String?) { if let value { members[key] = .string(value) } }
    mutating func set(_ key: String, _ value: Int?) { if let value { members[key] = .integer(Int64(value)) } }
    mutating func set(_ key: String, _ value: Date?) { if let value { members[key] = .date(value) } }
    mutating func set(_ key: String, _ value: CanonicalJSON?) { if let value { members[key] = value } }
    var json: CanonicalJSON { .object(members) }
}
