/// Bounds-checked big-endian reads from font data; every failure is a ``PDFError`` with
/// `unsupportedFont`, so hostile font files never trap.
struct SFNTReader {
    let bytes: [UInt8]

    /// The range `offset..<offset+length`, checked against the data.
    func range(_ offset: Int, _ length: Int, _ what: @autoclosure () -> String) throws -> Range<Int> {
        guard offset >= 0, length >= 0, offset <= bytes.count, length <= bytes.count - offset else {
            throw PDFError(.unsupportedFont, "\(what()) (\(length) bytes at \(offset)) lies outside the font data (\(bytes.count) bytes)")
        }
        return offset..<(offset + length)
    }

    func uint8(_ offset: Int) throws -> UInt8 {
        bytes[try range(offset, 1, "a byte").lowerBound]
    }

    func uint16(_ offset: Int) throws -> UInt16 {
        let r = try range(offset, 2, "a 16-bit field")
        return UInt16(bytes[r.lowerBound]) << 8 | UInt16(bytes[r.lowerBound + 1])
    }

    func int16(_ offset: Int) throws -> Int16 { Int16(bitPattern: try uint16(offset)) }

    func uint32(_ offset: Int) throws -> UInt32 {
        let r = try range(offset, 4, "a 32-bit field")
        return r.reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[$1]) }
    }

    func tag(_ offset: Int) throws -> String {
        let r = try range(offset, 4, "a table tag")
        return String(decoding: bytes[r], as: UTF8.self)
    }
}

/// Big-endian writes for building font tables.
extension Array where Element == UInt8 {
    mutating func appendUInt16(_ value: UInt16) { append(UInt8(value >> 8)); append(UInt8(value & 0xFF)) }
    mutating func appendInt16(_ value: Int16) { appendUInt16(UInt16(bitPattern: value)) }
    mutating func appendUInt32(_ value: UInt32) {
        append(UInt8(value >> 24)); append(UInt8((value >> 16) & 0xFF)); append(UInt8((value >> 8) & 0xFF)); append(UInt8(value & 0xFF))
    }
    mutating func setUInt16(_ value: UInt16, at offset: Int) {
        self[offset] = UInt8(value >> 8); self[offset + 1] = UInt8(value & 0xFF)
    }
    mutating func setUInt32(_ value: UInt32, at offset: Int) {
        self[offset] = UInt8(value >> 24); self[offset + 1] = UInt8((value >> 16) & 0xFF)
        self[offset + 2] = UInt8((value >> 8) & 0xFF); self[offset + 3] = UInt8(value & 0xFF)
    }
}
