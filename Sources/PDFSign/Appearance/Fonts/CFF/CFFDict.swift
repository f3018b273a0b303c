/// A CFF DICT (Adobe TN #5176 §4): operands followed by an operator, in order. Operands are
/// kept as their bytes (for copying) and as numbers (for reading offsets and counts).
struct CFFDict: Sendable {
    /// One operator with its operands.
    struct Entry: Sendable {
        /// The operator: 0…21, or 1200 + b for the escaped operator `12 b`.
        let op: Int
        let operands: [Double]
        /// The operand bytes as they were encoded.
        let operandBytes: ArraySlice<UInt8>
    }

    static let ros = 1230, charset = 15, encoding = 16, charStrings = 17, privateDict = 18, subrs = 19
    static let fdArray = 1236, fdSelect = 1237, cidCount = 1234, uniqueID = 13, xuid = 14, charstringType = 1206
    static let fontBBox = 5

    let entries: [Entry]

    /// The operands of the first entry with `op`.
    func operands(_ op: Int) -> [Double]? { entries.first { $0.op == op }?.operands }

    /// An integer operand that must be a usable offset or count.
    func integer(_ op: Int, at position: Int = 0, what: String) throws -> Int? {
        guard let operands = operands(op) else { return nil }
        guard position < operands.count, let value = Int(exactly: operands[position]), value >= 0 else {
            throw PDFError(.unsupportedFont, "the CFF \(what) operand is missing or not a non-negative integer")
        }
        return value
    }

    /// Parses the DICT in `bytes`.
    init(_ bytes: ArraySlice<UInt8>, what: String) throws {
        var entries: [Entry] = []
        var operands: [Double] = []
        var operandStart = bytes.startIndex
        var index = bytes.startIndex
        func byte(_ at: Int) throws -> Int {
            guard at < bytes.endIndex else { throw PDFError(.unsupportedFont, "the CFF \(what) DICT ends inside an operand") }
            return Int(bytes[at])
        }
        while index < bytes.endIndex {
            let b0 = Int(bytes[index])
            switch b0 {
            case 0...21:
                var op = b0
                if b0 == 12 { op = 1200 + (try byte(index + 1)); index += 1 }
                index += 1
                entries.append(Entry(op: op, operands: operands, operandBytes: bytes[operandStart..<(index - (op >= 1200 ? 2 : 1))]))
                operands = []
                operandStart = index
                guard entries.count <= 4096 else { throw PDFError(.unsupportedFont, "the CFF \(what) DICT has more than 4096 entries") }
            case 28:
                operands.append(Double(Int16(bitPattern: UInt16(try byte(index + 1)) << 8 | UInt16(try byte(index + 2)))))
                index += 3
            case 29:
                var value: UInt32 = 0
                for k in 1...4 { value = value << 8 | UInt32(try byte(index + k)) }
                operands.append(Double(Int32(bitPattern: value)))
                index += 5
            case 30:
                var text = "", done = false
                index += 1
                while !done {
                    let b = try byte(index)
                    index += 1
                    for nibble in [b >> 4, b & 0xF] where !done {
                        switch nibble {
                        case 0...9: text += String(nibble)
                        case 0xA: text += "."
                        case 0xB: text += "E"
                        case 0xC: text += "E-"
                        case 0xE: text += "-"
                        case 0xF: done = true
                        default: throw PDFError(.unsupportedFont, "the CFF \(what) DICT has a real number with a reserved nibble")
                        }
                    }
                    guard text.count <= 64 else { throw PDFError(.unsupportedFont, "the CFF \(what) DICT has an overlong real number") }
                }
                operands.append(Double(text) ?? 0)
            case 32...246:
                operands.append(Double(b0 - 139)); index += 1
            case 247...250:
                operands.append(Double((b0 - 247) * 256 + (try byte(index + 1)) + 108)); index += 2
            case 251...254:
                operands.append(Double(-(b0 - 251) * 256 - (try byte(index + 1)) - 108)); index += 2
            default:
                throw PDFError(.unsupportedFont, "the CFF \(what) DICT has reserved byte \(b0)")
            }
            guard operands.count <= 513 else { throw PDFError(.unsupportedFont, "the CFF \(what) DICT has more than 513 operands") }
        }
        guard operands.isEmpty else { throw PDFError(.unsupportedFont, "the CFF \(what) DICT ends with operands but no operator") }
        self.entries = entries
    }

    /// Encodes an operator.
    static func appendOperator(_ op: Int, into output: inout [UInt8]) {
        if op >= 1200 { output += [12, UInt8(op - 1200)] } else { output.append(UInt8(op)) }
    }

    /// Encodes an integer in the fixed 5-byte form, so that offsets can be patched in later.
    static func appendFixedInteger(_ value: Int, into output: inout [UInt8]) {
        output.append(29)
        output.appendUInt32(UInt32(truncatingIfNeeded: value))
    }
}
