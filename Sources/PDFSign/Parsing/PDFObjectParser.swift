/// Parses objects and indirect objects from tokens (ISO 32000-2 §7.3).
struct PDFObjectParser {
    var lexer: PDFLexer
    var limits: PDFParsingLimits { lexer.limits }
    /// Resolves an indirect /Length; returns `nil` when it cannot be resolved.
    var lengthResolver: ((PDFObjectReference) throws -> Int?)?
    /// Finds `endstream` keywords for streams whose /Length is unusable (scans forward when `nil`).
    var endstreamIndex: PDFEndstreamIndex?

    init(
        source: any PDFByteSource, position: Int = 0, limits: PDFParsingLimits,
        endstreamIndex: PDFEndstreamIndex? = nil, lengthResolver: ((PDFObjectReference) throws -> Int?)? = nil
    ) {
        self.lexer = PDFLexer(source: source, position: position, limits: limits)
        self.endstreamIndex = endstreamIndex
        self.lengthResolver = lengthResolver
    }

    // MARK: - Direct objects

    /// Parses one object at the current position. References `n g R` are returned as references.
    mutating func parseObject(depth: Int = 0) throws -> PDFObject {
        guard depth <= limits.maxNestingDepth else {
            throw PDFError(.limitExceeded, "nesting deeper than \(limits.maxNestingDepth) at \(lexer.position)")
        }
        let token = try lexer.next()
        return try parseObject(startingWith: token, depth: depth)
    }

    private mutating func parseObject(startingWith token: PDFToken, depth: Int) throws -> PDFObject {
        switch token {
        case .integer(let value):
            // `n g R` lookahead.
            let saved = lexer.position
            if value >= 0, case .integer(let generation) = try lexer.next(), generation >= 0,
               try lexer.next().isKeyword("R"),
               let number = Int(exactly: value), let gen = Int(exactly: generation) {
                return .reference(PDFObjectReference(number, gen))
            }
            lexer.position = saved
            return .integer(value)
        case .real(let value):
            return .real(value)
        case .string(let value):
            return .string(value)
        case .name(let value):
            return .name(value)
        case .arrayStart:
            var elements: [PDFObject] = []
            while true {
                let next = try lexer.next()
                if next == .arrayEnd { return .array(elements) }
                if next == .endOfInput { throw PDFError(.malformedSyntax, "unterminated array") }
                guard depth + 1 <= limits.maxNestingDepth else {
                    throw PDFError(.limitExceeded, "nesting deeper than \(limits.maxNestingDepth) at \(lexer.tokenStart)")
                }
                elements.append(try parseObject(startingWith: next, depth: depth + 1))
                guard elements.count <= limits.maxContainerCount else {
                    throw PDFError(.limitExceeded, "array with more than \(limits.maxContainerCount) elements")
                }
            }
        case .dictionaryStart:
            return .dictionary(try parseDictionaryBody(depth: depth))
        case .keyword(let word):
            if word.elementsEqual("true".utf8) { return .bool(true) }
            if word.elementsEqual("false".utf8) { return .bool(false) }
            if word.elementsEqual("null".utf8) { return .null }
            throw PDFError(.malformedSyntax, "unexpected keyword '\(String(decoding: word, as: UTF8.self))' at \(lexer.tokenStart)")
        case .arrayEnd, .dictionaryEnd:
            throw PDFError(.malformedSyntax, "unexpected closing delimiter at \(lexer.tokenStart)")
        case .endOfInput:
            throw PDFError(.malformedSyntax, "unexpected end of input")
        }
    }

    /// Parses dictionary entries after `<<` up to and including `>>`.
    private mutating func parseDictionaryBody(depth: Int) throws -> PDFDictionary {
        var entries: [PDFDictionary.Entry] = []
        while true {
            let token = try lexer.next()
            switch token {
            case .dictionaryEnd:
                return PDFDictionary(entries)
            case .name(let key):
                let valueToken = try lexer.next()
                if valueToken == .dictionaryEnd {
                    // `/Key >>`: a key without value, read as null.
                    entries.append(.init(key: key, value: .null))
                    return PDFDictionary(entries)
                }
                guard depth + 1 <= limits.maxNestingDepth else {
                    throw PDFError(.limitExceeded, "nesting deeper than \(limits.maxNestingDepth) at \(lexer.tokenStart)")
                }
                let value = try parseObject(startingWith: valueToken, depth: depth + 1)
                entries.append(.init(key: key, value: value))
                guard entries.count <= limits.maxContainerCount else {
                    throw PDFError(.limitExceeded, "dictionary with more than \(limits.maxContainerCount) entries")
                }
            case .endOfInput:
                throw PDFError(.malformedSyntax, "unterminated dictionary")
            default:
                throw PDFError(.malformedSyntax, "dictionary key is not a name at \(lexer.tokenStart)")
            }
        }
    }

    // MARK: - Indirect objects

    /// Reads `n g obj` at the current position (after optional whitespace).
    mutating func parseObjectHeader() throws -> PDFObjectReference {
        let start = lexer.position
        guard case .integer(let number) = try lexer.next(), number >= 0,
              case .integer(let generation) = try lexer.next(), generation >= 0,
              try lexer.next().isKeyword("obj"),
              let n = Int(exactly: number), let g = Int(exactly: generation)
        else {
            throw PDFError(.malformedSyntax, "no 'n g obj' header at \(start)")
        }
        guard n <= limits.maxObjectNumber else {
            throw PDFError(.limitExceeded, "object number \(n) above \(limits.maxObjectNumber)")
        }
        return PDFObjectReference(n, g)
    }

    /// Parses `n g obj … endobj` starting at `offset` (leading whitespace allowed).
    mutating func parseIndirectObject(at offset: Int) throws -> PDFIndirectObject {
        lexer.position = offset
        try lexer.skipWhitespaceAndComments()
        let start = lexer.position
        let reference = try parseObjectHeader()
        let firstToken = try lexer.next()
        var object: PDFObject
        if firstToken.isKeyword("endobj") {
            // `n g obj endobj`: an empty object, read as null.
            return PDFIndirectObject(reference: reference, object: .null, location: .file(byteRange: start..<lexer.position))
        }
        object = try parseObject(startingWith: firstToken, depth: 0)
        if case .dictionary(let dictionary) = object, try lexer.peek().isKeyword("stream") {
            _ = try lexer.next()
            object = .stream(try readStreamData(dictionary: dictionary, objectStart: start))
        }
        let end = lexer.position
        if try lexer.peek().isKeyword("endobj") {
            _ = try lexer.next()
            return PDFIndirectObject(reference: reference, object: object, location: .file(byteRange: start..<lexer.position))
        }
        return PDFIndirectObject(reference: reference, object: object, location: .file(byteRange: start..<end), hasEndKeyword: false)
    }

    /// Called just after the `stream` keyword: finds the data range and skips `endstream`.
    private mutating func readStreamData(dictionary: PDFDictionary, objectStart: Int) throws -> PDFStream {
        // The keyword is followed by CR LF or LF (a lone CR is tolerated).
        var dataStart = lexer.position
        let reader = lexer.reader
        var scratch = reader
        if try scratch.byte(at: dataStart) == 0x0D { dataStart += 1 }
        if try scratch.byte(at: dataStart) == 0x0A { dataStart += 1 }
        let total = reader.count

        var declared: Int?
        switch dictionary["Length"] {
        case .integer(let value)?:
            declared = Int(exactly: value)
        case .reference(let reference)?:
            declared = try? lengthResolver?(reference) ?? nil
        default:
            declared = nil
        }
        if let length = declared, length >= 0, length <= total - dataStart {
            let end = dataStart + length
            lexer.position = end
            if try lexer.peek().isKeyword("endstream") {
                _ = try lexer.next()
                return PDFStream(dictionary: dictionary, dataRange: dataStart..<end)
            }
        }
        // Recovery: the data ends before the first `endstream` keyword.
        let found: Int?
        if let endstreamIndex {
            found = try endstreamIndex.first(atOrAfter: dataStart).flatMap { $0 + 9 <= total ? $0 : nil }
        } else {
            found = try reader.find(Array("endstream".utf8), from: dataStart)
        }
        guard let keyword = found else {
            throw PDFError(.malformedSyntax, "stream of object at \(objectStart) has no usable /Length and no 'endstream'")
        }
        var end = keyword
        var peekReader = reader
        if end > dataStart, try peekReader.byte(at: end - 1) == 0x0A { end -= 1 }
        if end > dataStart, try peekReader.byte(at: end - 1) == 0x0D { end -= 1 }
        lexer.position = keyword + 9
        return PDFStream(dictionary: dictionary, dataRange: dataStart..<end, lengthWasRecovered: true)
    }

    // MARK: - Whole-source helpers

    /// Parses one object from standalone bytes (for tests and small inputs).
    static func parse(_ bytes: [UInt8], limits: PDFParsingLimits = PDFParsingLimits()) throws -> PDFObject {
        var parser = PDFObjectParser(source: PDFMemoryByteSource(bytes), limits: limits)
        return try parser.parseObject()
    }
}
