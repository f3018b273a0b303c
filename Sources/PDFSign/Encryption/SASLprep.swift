import Foundation

/// The SASLprep profile of stringprep (RFC 4013, on RFC 3454), which ISO 32000-2 §7.6.4.3.2
/// applies to the passwords of revision 6 (and 5) standard security handlers.
///
/// Steps, in RFC 4013 §2 order: map (non-ASCII spaces → SPACE, table B.1 → nothing),
/// normalise with Unicode NFKC, reject prohibited output (tables C.1.2–C.9), then check
/// bidirectional text (RFC 3454 §6). Unassigned code points are allowed: a password is a
/// "query" string (RFC 3454 §7).
enum SASLprep {
    /// `password` prepared for use as a PDF password.
    ///
    /// - Throws: ``PDFError/Code/invalidPassword`` naming the offending code point (never the
    ///   password) when it contains a prohibited character or breaks the bidi rule.
    static func prepare(_ password: String) throws -> String {
        var mapped = String.UnicodeScalarView()
        for scalar in password.unicodeScalars {
            // U+200B is in both tables; B.1 wins, as in other SASLprep implementations.
            if StringprepTables.contains(StringprepTables.mappedToNothing, scalar) { continue }
            mapped.append(StringprepTables.contains(StringprepTables.nonASCIISpace, scalar) ? " " : scalar)
        }
        let normalized = String(mapped).precomposedStringWithCompatibilityMapping
        let scalars = Array(normalized.unicodeScalars)
        for scalar in scalars where StringprepTables.contains(StringprepTables.prohibited, scalar) {
            throw PDFError(.invalidPassword, "the password contains the prohibited character \(codePoint(scalar)) (RFC 4013 §2.3)")
        }
        try checkBidi(scalars)
        return normalized
    }

    /// RFC 3454 §6: a string with any RandALCat character has no LCat character and starts
    /// and ends with a RandALCat character.
    private static func checkBidi(_ scalars: [Unicode.Scalar]) throws {
        let hasRandAL = scalars.contains { StringprepTables.contains(StringprepTables.randALCat, $0) }
        guard hasRandAL else { return }
        if let l = scalars.first(where: { StringprepTables.contains(StringprepTables.lCat, $0) }) {
            throw PDFError(.invalidPassword, "the password mixes right-to-left and left-to-right characters (\(codePoint(l))) (RFC 3454 §6)")
        }
        guard let first = scalars.first, let last = scalars.last,
              StringprepTables.contains(StringprepTables.randALCat, first), StringprepTables.contains(StringprepTables.randALCat, last)
        else {
            throw PDFError(.invalidPassword, "a right-to-left password must start and end with a right-to-left character (RFC 3454 §6)")
        }
    }

    private static func codePoint(_ scalar: Unicode.Scalar) -> String {
        "U+" + String(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
