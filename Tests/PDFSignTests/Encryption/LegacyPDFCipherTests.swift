@testable import PDFSign
import Testing

@Suite("LegacyPDFCipher.RC4 (RFC 6229 test vectors)")
struct LegacyPDFCipherTests {
    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    /// RFC 6229 §2: keystream bytes at offsets 0, 16, 240 and 4096 for a 40-bit and a 128-bit key.
    @Test("keystream matches RFC 6229", arguments: [
        ("0102030405", [(0, "b2396305f03dc027ccc3524a0a1118a8"), (16, "6982944f18fc82d589c403a47a0d0919"),
                        (240, "28cb1132c96ce286421dcaadb8b69eae"), (4096, "ff25b58995996707e51fbdf08b34d875")]),
        ("0102030405060708090a0b0c0d0e0f10", [(0, "9ac7cc9a609d1ef7b2932899cde41b97"), (16, "5248c4959014126a6e8a84f11d1a9e1c"),
                                              (240, "065902e4b620f6cc36c8589f66432f2b"), (4096, "a36a4c301ae8ac13610ccbc12256cacc")]),
    ])
    func rfc6229(key: String, expected: [(Int, String)]) {
        let keystream = LegacyPDFCipher.RC4.process([UInt8](repeating: 0, count: 4112), key: Self.hex(key))
        for (offset, bytes) in expected {
            #expect(Array(keystream[offset..<offset + 16]) == Self.hex(bytes), "offset \(offset)")
        }
    }

    @Test("processing in pieces equals processing at once, and a second pass decrypts")
    func streaming() {
        let key = Self.hex("0102030405")
        let plain = Array("The quick brown fox jumps over the lazy dog".utf8)
        var cipher = LegacyPDFCipher.RC4(key: key)
        let pieces = cipher.process(Array(plain[0..<10])) + cipher.process(Array(plain[10...]))
        #expect(pieces == LegacyPDFCipher.RC4.process(plain, key: key))
        #expect(LegacyPDFCipher.RC4.process(pieces, key: key) == plain)
    }
}
