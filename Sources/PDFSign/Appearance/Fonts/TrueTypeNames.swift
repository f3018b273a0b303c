/// Reading the `name` table.
enum TrueTypeNames {
    /// The PostScript name (name ID 6), from a Windows (UTF-16BE) or Macintosh record, kept to
    /// printable ASCII other than PDF delimiters, `%` and `#`.
    static func postScriptName(in name: SFNTReader) throws -> String? {
        let count = Int(try name.uint16(2)), storage = Int(try name.uint16(4))
        var fallback: String?
        for index in 0..<count {
            let record = 6 + index * 12
            let platform = try name.uint16(record), nameID = try name.uint16(record + 6)
            guard nameID == 6 else { continue }
            let length = Int(try name.uint16(record + 8)), offset = Int(try name.uint16(record + 10))
            let bytes = Array(name.bytes[try name.range(storage + offset, length, "a name record")])
            let text: String
            if platform == 3 || platform == 0 {
                let units = stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
                text = String(decoding: units, as: UTF16.self)
            } else {
                text = String(decoding: bytes, as: UTF8.self)
            }
            let cleaned = String(text.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && !"()<>[]{}/%#".unicodeScalars.contains($0) })
            if cleaned.isEmpty { continue }
            if platform == 3 { return cleaned }
            fallback = fallback ?? cleaned
        }
        return fallback
    }
}
