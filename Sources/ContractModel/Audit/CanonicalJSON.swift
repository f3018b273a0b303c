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
            let keys = members.keys.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.write(into: &out)
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
            guard chars[range].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return Int(String(decoding: chars[range], as: UTF8.self))
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millisecond = number(20..<23) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let base = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)) else {
            return nil
        }
        let date = Date(timeIntervalSince1970: (base.timeIntervalSince1970 * 1000 + Double(millisecond)) / 1000)
        return formatDate(date) == text ? date : nil
    }

    /// `YYYY-MM-DDThh:mm:ss.mmmZ` in UTC, truncated to the millisecond.
    public static func formatDate(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let milliseconds = ((totalMilliseconds % 1000) + 1000) % 1000
        let seconds = (totalMilliseconds - milliseconds) / 1000
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2)).\(pad(Int(milliseconds), 3))Z"
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
