@testable import PDFSign
import Testing

@Suite("Stream filters (ISO 32000-2 §7.4)")
struct FilterTests {
    static func decode(_ data: [UInt8], _ filter: PDFName, _ parameters: PDFDictionary? = nil, limits: PDFDecodeLimits = PDFDecodeLimits()) throws -> [UInt8] {
        try PDFFilterPipeline.decode(data, filters: [(filter, parameters)], limits: limits).bytes
    }

    @Test("ASCIIHexDecode")
    func asciiHex() throws {
        #expect(try Self.decode(Array("48656C6C6F>".utf8), "ASCIIHexDecode") == Array("Hello".utf8))
        #expect(try Self.decode(Array("4 8\n6>".utf8), "AHx") == [0x48, 0x60])
        #expect(throws: PDFError(.corruptStreamData, "")) { try Self.decode(Array("4X>".utf8), "ASCIIHexDecode") }
    }

    @Test("ASCII85Decode")
    func ascii85() throws {
        #expect(try Self.decode(Array("87cURD_*#4DfTZ)+T~>".utf8), "ASCII85Decode") == Array("Hello, World!".utf8))
        #expect(try Self.decode(Array("<~z@:E^~>".utf8), "A85") == [0, 0, 0, 0] + Array("abc".utf8))
        #expect(try Self.decode(Array("87cU\nRD_*#4 DfTZ)+T~>".utf8), "A85") == Array("Hello, World!".utf8))
        #expect(throws: PDFError(.corruptStreamData, "")) { try Self.decode(Array("s8W-\"~>".utf8), "A85") }
        #expect(throws: PDFError(.corruptStreamData, "")) { try Self.decode(Array("ab{~>".utf8), "A85") }
    }

    @Test("RunLengthDecode")
    func runLength() throws {
        let input: [UInt8] = [2] + Array("abc".utf8) + [254, UInt8(ascii: "x"), 128, 5]
        #expect(try Self.decode(input, "RunLengthDecode") == Array("abcxxx".utf8))
    }

    @Test("LZWDecode: the ISO 32000 example, EarlyChange 0 and 1")
    func lzw() throws {
        let encoded: [UInt8] = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01]
        #expect(try Self.decode(encoded, "LZWDecode") == [45, 45, 45, 45, 45, 65, 45, 45, 45, 66])
        #expect(try Self.decode(encoded, "LZW", PDFDictionary(["EarlyChange": .integer(0)])) == [45, 45, 45, 45, 45, 65, 45, 45, 45, 66])
    }

    @Test("LZWDecode: long input crosses code-width changes")
    func lzwLong() throws {
        // Encode with a reference encoder, then decode.
        var generator = SplitMix(seed: 42)
        let input = (0..<20_000).map { _ in UInt8(truncatingIfNeeded: generator.next() % 7) }
        for early in [true, false] {
            let encoded = LZWReferenceEncoder.encode(input, earlyChange: early)
            #expect(try LZWDecoder.decode(encoded, earlyChange: early, limit: 1 << 20) == input)
        }
    }

    @Test("FlateDecode round trip and PNG/TIFF predictors")
    func flate() throws {
        let text = Array(String(repeating: "PDF signing ", count: 200).utf8)
        #expect(try Self.decode(try FlateEncoder.encode(text), "FlateDecode") == text)
        // PNG predictors: rows of 3 bytes, filters None, Sub, Up, Average, Paeth.
        let rows: [UInt8] = [0, 1, 2, 3, 1, 1, 1, 1, 2, 1, 1, 1, 3, 0, 0, 0, 4, 1, 1, 1]
        let parameters = PDFDictionary(["Predictor": .integer(15), "Columns": .integer(3)])
        let decoded = try Self.decode(try FlateEncoder.encode(rows), "Fl", parameters)
        // Row 1: 1 2 3; Row 2 (Sub): 1 2 3; Row 3 (Up): 2 3 4; Row 4 (Avg, raw 0): 1 2 3 → (0+2)/2=1, (1+3)/2=2, (2+4)/2=3;
        // Row 5 (Paeth, raw 1): a=0,b=1,c=0 → p=1 → b → 2; a=2,b=2,c=1 → p=3 → pa=1,pb=1 → a → 3; a=3,b=3,c=2 → 4.
        #expect(decoded == [1, 2, 3, 1, 2, 3, 2, 3, 4, 1, 2, 3, 2, 3, 4])
        let tiff = PDFDictionary(["Predictor": .integer(2), "Columns": .integer(3)])
        #expect(try Self.decode(try FlateEncoder.encode([1, 1, 1, 5, 1, 1]), "FlateDecode", tiff) == [1, 2, 3, 5, 6, 7])
        #expect(throws: PDFError(.corruptStreamData, "")) { try Self.decode([1, 2, 3, 4, 5], "FlateDecode") }
    }

    @Test("filter chains, image filters pass through, unknown filters are refused")
    func chains() throws {
        let text = Array("chained".utf8)
        let hex = Array((try FlateEncoder.encode(text)).map { String(format2: $0) }.joined().utf8) + [UInt8(ascii: ">")]
        let result = try PDFFilterPipeline.decode(hex, filters: [("ASCIIHexDecode", nil), ("FlateDecode", nil)])
        #expect(result.bytes == text && result.isFullyDecoded)
        let image = try PDFFilterPipeline.decode(hex, filters: [("ASCIIHexDecode", nil), ("DCTDecode", nil)])
        #expect(image.remainingFilters == ["DCTDecode"])
        #expect(throws: PDFError(.unsupportedFilter, "")) { try Self.decode([1], "NoSuchDecode") }
        let dictionary = PDFDictionary(["Filter": .array([.name("AHx"), .name("Fl")]), "DecodeParms": .array([.null, .dictionary(PDFDictionary(["Predictor": .integer(1)]))])])
        let chain = try PDFFilterPipeline.filterChain(of: dictionary)
        #expect(chain.map(\.0) == ["AHx", "Fl"])
        #expect(chain[0].1 == nil && chain[1].1 != nil)
    }

    @Test("decompression bombs hit limitExceeded")
    func bombs() throws {
        let zeros = [UInt8](repeating: 0, count: 2 << 20)
        let bomb = try FlateEncoder.encode(zeros, level: 9)
        let small = PDFDecodeLimits(maxDecodedBytes: 1 << 20, maxExpansionRatio: 100, expansionFloor: 1024)
        #expect(throws: PDFError(.limitExceeded, "")) { try Self.decode(bomb, "FlateDecode", limits: small) }
        // Ratio limit: 20 MiB of zeros (~20 KiB compressed) is above 100× and above the 16 MiB floor.
        let big = try FlateEncoder.encode([UInt8](repeating: 0, count: 20 << 20), level: 9)
        #expect(throws: PDFError(.limitExceeded, "")) { try Self.decode(big, "FlateDecode") }
        #expect(throws: PDFError(.limitExceeded, "")) { try Self.decode([0, 0x41, 200, 0x42], "RunLengthDecode", limits: PDFDecodeLimits(maxDecodedBytes: 2, maxExpansionRatio: 1, expansionFloor: 0)) }
    }
}

extension String {
    init(format2 byte: UInt8) {
        let digits = Array("0123456789ABCDEF")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}

/// A deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A straightforward LZW encoder (PDF variant) to produce test vectors.
enum LZWReferenceEncoder {
    static func encode(_ input: [UInt8], earlyChange: Bool) -> [UInt8] {
        var output: [UInt8] = []
        var bitBuffer: UInt64 = 0
        var bitCount = 0
        var codeLength = 9
        func emit(_ code: Int) {
            bitBuffer = (bitBuffer << UInt64(codeLength)) | UInt64(code)
            bitCount += codeLength
            while bitCount >= 8 {
                output.append(UInt8(truncatingIfNeeded: bitBuffer >> UInt64(bitCount - 8)))
                bitCount -= 8
            }
        }
        var table: [[UInt8]: Int] = [:]
        func reset() {
            table = [:]
            for i in 0..<256 { table[[UInt8(i)]] = i }
        }
        reset()
        var nextCode = 258
        emit(256)
        var current: [UInt8] = []
        func updateLength() {
            let threshold = nextCode - 1 + (earlyChange ? 1 : 0)
            codeLength = threshold >= 2048 ? 12 : threshold >= 1024 ? 11 : threshold >= 512 ? 10 : 9
        }
        for byte in input {
            let candidate = current + [byte]
            if table[candidate] != nil {
                current = candidate
                continue
            }
            emit(table[current] ?? 0)
            table[candidate] = nextCode
            nextCode += 1
            updateLength()
            current = [byte]
            if nextCode >= 4094 {
                emit(table[current] ?? 0)
                current = []
                emit(256)
                reset()
                nextCode = 258
                codeLength = 9
            }
        }
        if !current.isEmpty {
            emit(table[current] ?? 0)
            nextCode += 1
            updateLength()
        }
        emit(257)
        if bitCount > 0 { output.append(UInt8(truncatingIfNeeded: bitBuffer << UInt64(8 - bitCount))) }
        return output
    }
}
