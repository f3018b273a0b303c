/// Splits PDF bytes into tokens, starting at any offset of a ``PDFByteSource``.
struct PDFLexer {
    var reader: PDFByteReader
    /// The offset of the next byte to read.
    var position: Int
    /// The offset where the last token returned by ``next()`` started.
    private(set) var tokenStart: Int = 0
    let limits: PDFParsingLimits

    init(source: any PDFByteSource, position: Int = 0, limits: PDFParsingLimits = PDFParsingLimits()) {
        self.reader = PDFByteReader(source: source)
        self.position = position
        self.limits = limits
    }

    init(reader: PDFByteReader, position: Int, limits: PDFParsingLimits) {
        self.reader = reader
        self.position = position
        self.limits = limits
    }

    private mutating func peekByte() throws -> UInt8? { try reader.byte(at: position) }

    /// Skips whitespace and comments.
    mutating func skipWhitespaceAndComments() throws {
        while let byte = try peekByte() {
            if PDFCharacterClass.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "%") {
                while let c = try peekByte(), c != 0x0A, c != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// Returns the next token without consuming it.
    mutating func peek() throws -> PDFToken {
        let saved = position
        let savedStart = tokenStart
        defer {
            position = saved
            tokenStart = savedStart
        }
        return try next()
    }

    /// Reads the next token.
    mutating func next() throws -> PDFToken {
        try skipWhitespaceAndComments()
        tokenStart = position
        guard let byte = try peekByte() else { return .endOfInput }
        switch byte {
        case UInt8(ascii: "["):
            position += 1
            return .arrayStart
        case UInt8(ascii: "]"):
            position += 1
            return .arrayEnd
        case UInt8(ascii: "{"), UInt8(ascii: "}"):
            position += 1
            return .keyword([byte])
        case UInt8(ascii: "<"):
            if try reader.byte(at: position + 1) == UInt8(ascii: "<") {
                position += 2
                return .dictionaryStart
            }
            return .string(try readHexString())
        case UInt8(ascii: ">"):
            if try reader.byte(at: position + 1) == UInt8(ascii: ">") {
                position += 2
                return .dictionaryEnd
            }
            throw PDFError(.malformedSyntax, "unexpected '>' at \(position)")
        case UInt8(ascii: "("):
            return .string(try readLiteralString())
        case UInt8(ascii: ")"):
            throw PDFError(.malformedSyntax, "unexpected ')' at \(position)")
        case UInt8(ascii: "/"):
            return .name(try readName())
        default:
            return try readRegularRun()
        }
    }

    // MARK: - Numbers and keywords

    private mutating func readRegularRun() throws -> PDFToken {
        var bytes: [UInt8] = []
        var length = 0
        while let byte = try peekByte(), PDFCharacterClass.isRegular(byte) {
            if bytes.count < 64 { bytes.append(byte) }
            length += 1
            position += 1
        }
        if length <= 64, let number = Self.parseNumber(bytes) { return number }
        return .keyword(bytes)
    }

    /// Parses `[+-]digits[.digits]`, `.5`, `-.5`, `4.`; tolerates repeated leading signs
    /// (`--5` reads as -5, as Acrobat does). Integers beyond 64 bits become reals.
    static func parseNumber(_ bytes: [UInt8]) -> PDFToken? {
        var index = 0
        var negative = false
        while index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            if bytes[index] == UInt8(ascii: "-") { negative = true }
            index += 1
        }
        var integerDigits: [UInt8] = []
        var fractionDigits: [UInt8] = []
        var isReal = false
        while index < bytes.count {
            let byte = bytes[index]
            if PDFCharacterClass.isDigit(byte) {
                if isReal { fractionDigits.append(byte) } else { integerDigits.append(byte) }
            } else if byte == UInt8(ascii: "."), !isReal {
                isReal = true
            } else {
                return nil
            }
            index += 1
        }
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return nil }
        if !isReal, let value = Int64(String(decoding: integerDigits, as: UTF8.self)) {
            return .integer(negative ? -value : value)
        }
        let text = (integerDigits.isEmpty ? "0" : String(decoding: integerDigits, as: UTF8.self)) + "."
            + (fractionDigits.isEmpty ? "0" : String(decoding: fractionDigits, as: UTF8.self))
        guard let value = Double(text) else { return nil }
        return .real(negative ? -value : value)
    }

    // MARK: - Names

    private mutating func readName() throws -> PDFName {
        position += 1  // '/'
        var bytes: [UInt8] = []
        while let byte = try peekByte(), PDFCharacterClass.isRegular(byte) {
            if byte == UInt8(ascii: "#"),
               let h = try reader.byte(at: position + 1), let hi = PDFCharacterClass.hexValue(h),
               let l = try reader.byte(at: position + 2), let lo = PDFCharacterClass.hexValue(l) {
                bytes.append(hi << 4 | lo)
                position += 3
            } else {
                bytes.append(byte)
                position += 1
            }
            guard bytes.count <= 65_536 else { throw PDFError(.limitExceeded, "name longer than 64 KiB at \(tokenStart)") }
        }
        return PDFName(bytes: bytes)
    }

    // MARK: - Strings

    private mutating func readLiteralString() throws -> PDFString {
        position += 1  // '('
        var bytes: [UInt8] = []
        var depth = 1
        while true {
            guard let byte = try peekByte() else {
                throw PDFError(.malformedSyntax, "unterminated literal string starting at \(tokenStart)")
            }
            position += 1
            switch byte {
            case UInt8(ascii: "("):
                depth += 1
                bytes.append(byte)
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return PDFString(bytes: bytes, format: .literal) }
                bytes.append(byte)
            case 0x0D:
                // An unescaped end-of-line (CR or CR LF) is read as LF.
                if try peekByte() == 0x0A { position += 1 }
                bytes.append(0x0A)
            case UInt8(ascii: "\\"):
                guard let escaped = try peekByte() else { continue }
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case 0x0D:
                    if try peekByte() == 0x0A { position += 1 }  // line continuation
                case 0x0A:
                    break  // line continuation
                case 0x30...0x37:
                    var value = Int(escaped - 0x30)
                    for _ in 0..<2 {
                        guard let next = try peekByte(), next >= 0x30, next <= 0x37 else { break }
                        value = value * 8 + Int(next - 0x30)
                        position += 1
                    }
                    bytes.append(UInt8(truncatingIfNeeded: value))
                default:
                    bytes.append(escaped)  // \( \) \\ and unknown escapes: the character itself
                }
            default:
                bytes.append(byte)
            }
            guard bytes.count <= limits.maxStringLength else {
                throw PDFError(.limitExceeded, "string longer than \(limits.maxStringLength) bytes at \(tokenStart)")
            }
        }
    }

    private mutating func readHexString() throws -> PDFString {
        position += 1  // '<'
        var bytes: [UInt8] = []
        var high: UInt8?
        while true {
            guard let byte = try peekByte() else {
                throw PDFError(.malformedSyntax, "unterminated hex string starting at \(tokenStart)")
            }
            position += 1
            if byte == UInt8(ascii: ">") { break }
            if PDFCharacterClass.isWhitespace(byte) { continue }
            guard let value = PDFCharacterClass.hexValue(byte) else {
                throw PDFError(.malformedSyntax, "invalid character 0x\(String(byte, radix: 16)) in hex string at \(position - 1)")
            }
            if let h = high {
                bytes.append(h << 4 | value)
                high = nil
                guard bytes.count <= limits.maxStringLength else {
                    throw PDFError(.limitExceeded, "string longer than \(limits.maxStringLength) bytes at \(tokenStart)")
                }
            } else {
                high = value
            }
        }
        if let h = high { bytes.append(h << 4) }  // odd digit count: final digit followed by 0
        return PDFString(bytes: bytes, format: .hex)
    }
}
