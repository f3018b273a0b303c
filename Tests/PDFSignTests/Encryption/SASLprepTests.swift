@testable import PDFSign
import Testing

@Suite("SASLprep (RFC 4013) for revision 5/6 passwords")
struct SASLprepTests {
    /// RFC 4013 §3 examples, plus the space mapping of §2.1.
    @Test("RFC 4013 §3 examples map and normalise", arguments: [
        ("I\u{00AD}X", "IX"),       // SOFT HYPHEN mapped to nothing
        ("user", "user"),
        ("USER", "USER"),           // case is preserved
        ("\u{00AA}", "a"),          // NFKC
        ("\u{2168}", "IX"),         // NFKC
        ("pass\u{00A0}word", "pass word"),  // non-ASCII space → SPACE
        ("a\u{200B}b", "ab"),       // ZERO WIDTH SPACE mapped to nothing (B.1)
        ("ｐａｓｓ", "pass"),       // full-width forms, NFKC
        ("\u{05D0}\u{05D1}", "\u{05D0}\u{05D1}"),  // right-to-left only is fine
    ])
    func maps(input: String, expected: String) throws {
        #expect(try SASLprep.prepare(input) == expected)
    }

    @Test("prohibited characters and bad bidi are typed errors", arguments: [
        "\u{0007}",                 // control character (C.2.1)
        "a\u{E000}",                // private use (C.3)
        "\u{FFFF}",                 // non-character (C.4)
        "\u{0627}\u{0031}",         // RandALCat must also end the string (RFC 3454 §6)
        "\u{05D0}a\u{05D0}",        // RandALCat with LCat
        "x\u{200E}",                // LEFT-TO-RIGHT MARK (C.8)
    ])
    func prohibited(input: String) {
        #expect(throws: PDFError(.invalidPassword, "")) { try SASLprep.prepare(input) }
    }

    @Test("the error names the code point, never the password")
    func errorHidesPassword() {
        do {
            _ = try SASLprep.prepare("secret\u{0007}")
            Issue.record("a control character was accepted")
        } catch let error as PDFError {
            #expect(error.reason.contains("U+0007"))
            #expect(!error.reason.contains("secret"))
        } catch {
            Issue.record("untyped error \(error)")
        }
    }
}
