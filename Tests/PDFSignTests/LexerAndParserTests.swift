@testable import PDFSign
import Testing

@Suite("Lexer and object parser (ISO 32000-2 §7.2–7.3)")
struct LexerAndParserTests {
    static func tokens(_ text: String) throws -> [PDFToken] {
        var lexer = PDFLexer(source: PDFMemoryByteSource(Array(text.utf8)))
        var result: [PDFToken] = []
        while true {
            let token = try lexer.next()
            if token == .endOfInput { return result }
            result.append(token)
        }
    }

    static func parse(_ text: String) throws -> PDFObject {
        try PDFObjectParser.parse(Array(text.utf8))
    }

    @Test("numbers: .5, -.5, +3, 4., overflow to real")
    func numbers() throws {
        #expect(try Self.tokens("123 -17 +3 .5 -.5 4. 0.25 --2 99999999999999999999") == [
            .integer(123), .integer(-17), .integer(3), .real(0.5), .real(-0.5), .real(4), .real(0.25), .integer(-2), .real(1e20),
        ])
        #expect(try Self.tokens("1.2.3") == [.keyword(Array("1.2.3".utf8))])
    }

    @Test("names with #xx escapes, keywords, comments, delimiters")
    func namesAndKeywords() throws {
        #expect(try Self.tokens("/A#20B/C /Lime#20Green /") == [.name(PDFName("A B")), .name("C"), .name("Lime Green"), .name(PDFName(bytes: []))])
        #expect(try Self.tokens("true % comment\n false null obj R") == [
            .keyword(Array("true".utf8)), .keyword(Array("false".utf8)), .keyword(Array("null".utf8)), .keyword(Array("obj".utf8)), .keyword(Array("R".utf8)),
        ])
        #expect(try Self.tokens("[<<>>]{}") == [.arrayStart, .dictionaryStart, .dictionaryEnd, .arrayEnd, .keyword(Array("{".utf8)), .keyword(Array("}".utf8))])
    }

    @Test("literal strings: nesting, escapes, octal, continuations, EOL normalization")
    func literalStrings() throws {
        func string(_ text: String) throws -> [UInt8] {
            guard case .string(let value) = try Self.parse(text) else { throw PDFError(.malformedSyntax, "not a string") }
            #expect(value.format == .literal)
            return value.bytes
        }
        #expect(try string("(a (nested) string)") == Array("a (nested) string".utf8))
        #expect(try string(#"(\n\r\t\b\f\(\)\\)"#) == [0x0A, 0x0D, 0x09, 0x08, 0x0C, 0x28, 0x29, 0x5C])
        #expect(try string(#"(\101\53\0053\7)"#) == [0x41, 0x2B, 0x05, 0x33, 0x07])
        #expect(try string("(line\\\ncontinued\\\r\nagain)") == Array("linecontinuedagain".utf8))
        #expect(try string("(a\r\nb\rc)") == Array("a\nb\nc".utf8))
        #expect(try string(#"(\q)"#) == Array("q".utf8))
        #expect(throws: PDFError(.malformedSyntax, "")) { try Self.parse("(unterminated") }
    }

    @Test("hex strings: whitespace, odd digit count, invalid characters")
    func hexStrings() throws {
        #expect(try Self.parse("<48 65 6C6C 6F7>") == .string(PDFString(bytes: [0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x70], format: .hex)))
        #expect(try Self.parse("<>") == .string(PDFString(bytes: [], format: .hex)))
        #expect(throws: PDFError(.malformedSyntax, "")) { try Self.parse("<4G>") }
    }

    @Test("arrays, dictionaries and references")
    func containers() throws {
        let object = try Self.parse("<< /Type /Page /Kids [1 0 R 2 0 R] /N 5 /A [1 2 R] /D << /X null /Y true >> /E >>")
        guard case .dictionary(let dictionary) = object else {
            Issue.record("not a dictionary")
            return
        }
        #expect(dictionary.name("Type") == "Page")
        #expect(dictionary["Kids"] == .array([.reference(PDFObjectReference(1, 0)), .reference(PDFObjectReference(2, 0))]))
        #expect(dictionary.integer("N") == 5)
        #expect(dictionary["A"] == .array([.reference(PDFObjectReference(1, 2))]))
        #expect(dictionary["D"]?.dictionaryValue?["Y"] == .bool(true))
        #expect(dictionary["E"] == .null)
    }

    @Test("nesting depth is limited")
    func depthLimit() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: PDFError(.limitExceeded, "")) { try Self.parse(deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try Self.parse(ok).arrayValue != nil)
    }

    @Test("garbage gets a PDFError, never a crash")
    func garbage() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 5, 64, 1024] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            do { _ = try PDFObjectParser.parse(bytes) } catch is PDFError {} catch { Issue.record("untyped \(error)") }
        }
    }
}
