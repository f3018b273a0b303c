/// Upper-case hex digits for PDF hex strings (ISO 32000-2 §7.3.4.3), `#xx` name escapes and
/// the signature's /Contents, from a 256-entry table: two table bytes per input byte instead
/// of a `String(format:)` call through Foundation per byte.
enum PDFHexDigits {
    /// Entry `b` holds the two digits of byte `b`, high digit in the high byte.
    private static let table: [UInt16] = {
        let digits = Array("0123456789ABCDEF".utf8)
        return (0..<256).map { UInt16(digits[$0 >> 4]) << 8 | UInt16(digits[$0 & 0x0F]) }
    }()

    /// Appends the two digits of `byte`.
    @inline(__always)
    static func append(_ byte: UInt8, to output: inout [UInt8]) {
        let pair = table[Int(byte)]
        output.append(UInt8(truncatingIfNeeded: pair >> 8))
        output.append(UInt8(truncatingIfNeeded: pair))
    }

    /// Appends two digits per byte of `bytes`.
    static func append<Bytes: Collection<UInt8>>(_ bytes: Bytes, to output: inout [UInt8]) {
        for byte in bytes { append(byte, to: &output) }
    }

    /// The digits of `bytes` as a string.
    static func string<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var output: [UInt8] = []
        append(bytes, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
