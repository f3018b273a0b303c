import Foundation

/// The search key of a 取引先 or a title: the same text written differently gets the same key.
///
/// Steps, in order (``searchKey(_:)``):
/// 1. half-width katakana become full-width, voiced and semi-voiced marks composed (ｶﾞ → ガ,
///    ﾊﾟ → パ) before anything else, because Foundation's NFKC on Linux leaves some of them
///    decomposed;
/// 2. NFKC (full-width Latin and digits become ASCII, ㈱ becomes (株), ㍿ becomes 株式会社);
/// 3. any base kana followed by a combining voiced mark (U+3099/U+309A) is composed;
/// 4. case folding (lower case);
/// 5. hiragana become katakana;
/// 6. dashes, minus signs and long-vowel marks (`-‐‑‒–—―−ー─━`) become `ー`;
/// 7. white space, `・` and `･` are removed.
///
/// ``counterparty(_:)`` then separates the corporate form (株式会社, (株), 有限会社, 合同会社,
/// 一般社団法人, Inc., Co., Ltd., …) from the name: each spelling, longest first, is removed once
/// from the start and once from the end (前株 or 後株) when something remains, then Japanese
/// spellings anywhere inside. A name that is only a form keeps it.
public enum CounterpartyNormaliser {
    /// The normalised key of any text (no corporate-form removal).
    public static func searchKey(_ text: String) -> String {
        let widened = composeHalfWidthKana(text)
        let nfkc = widened.precomposedStringWithCompatibilityMapping
        let composed = composeCombiningMarks(nfkc)
        var out = String.UnicodeScalarView()
        for scalar in composed.lowercased().unicodeScalars {
            let value = scalar.value
            if scalar.properties.isWhitespace || value == 0x30FB || value == 0xFF65 || value == 0x00B7 { continue }
            if dashes.contains(value) { out.append("ー"); continue }
            if (0x3041...0x3096).contains(value) || value == 0x309D || value == 0x309E, let katakana = Unicode.Scalar(value + 0x60) {
                out.append(katakana)
                continue
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// The name without its corporate form, normalised, and the form found (if any).
    public static func counterparty(_ text: String) -> (key: String, form: CorporateForm?) {
        var key = searchKey(text)
        var found: CorporateForm?
        for (pattern, form) in formPatterns {
            if key.hasPrefix(pattern), key.count > pattern.count {
                key.removeFirst(pattern.count)
                found = found ?? form
            }
            if key.hasSuffix(pattern), key.count > pattern.count {
                key.removeLast(pattern.count)
                found = found ?? form
            }
        }
        // Japanese forms also in the middle (山田(株)東京支店); Latin ones only at either end, so "zinc" keeps its "inc".
        for (pattern, form) in formPatterns where !pattern.allSatisfy(\.isASCII) && key.contains(pattern) {
            let removed = key.replacingOccurrences(of: pattern, with: "")
            guard !removed.isEmpty else { continue }
            key = removed
            found = found ?? form
        }
        return (key, found)
    }

    static let dashes: Set<UInt32> = [0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x30FC, 0xFF70, 0xFF0D, 0x2500, 0x2501, 0xFE63, 0x2043]

    /// Corporate-form spellings after ``searchKey(_:)`` (so `(株)`, `㈱` and `（株）` are one entry), longest first.
    static let formPatterns: [(String, CorporateForm)] = {
        var table: [(String, CorporateForm)] = []
        for form in CorporateForm.known {
            for spelling in form.spellings { table.append((searchKey(spelling), form)) }
        }
        return table.sorted { $0.0.count > $1.0.count }
    }()

    static func composeHalfWidthKana(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0xFF9E || value == 0xFF9F, let last = out.last, let combined = compose(last, voiced: value == 0xFF9E) {
                out.removeLast()
                out.append(combined)
                continue
            }
            if (0xFF61...0xFF9F).contains(value), let mapped = halfWidth[value] {
                out.append(mapped)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func composeCombiningMarks(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0x3099 || scalar.value == 0x309A || scalar.value == 0x309B || scalar.value == 0x309C,
               let last = out.last, let combined = compose(last, voiced: scalar.value == 0x3099 || scalar.value == 0x309B) {
                out.removeLast()
                out.append(combined)
                continue
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// `base` with a (semi-)voiced mark, if that kana exists (カ → ガ, ハ → パ, ウ → ヴ).
    static func compose(_ base: Unicode.Scalar, voiced: Bool) -> Unicode.Scalar? {
        let value = base.value
        if voiced {
            if value == 0x30A6 { return "ヴ" }
            if value == 0x3046 { return "ゔ" }
            if voicedBases.contains(value) || voicedBases.contains(value + 0x60) { return Unicode.Scalar(value + 1) }
        } else if semiVoicedBases.contains(value) || semiVoicedBases.contains(value + 0x60) {
            return Unicode.Scalar(value + 2)
        }
        return nil
    }

    /// Katakana whose voiced form is the next code point (カキクケコサシスセソタチツテトハヒフヘホ).
    static let voicedBases: Set<UInt32> = [0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD,
                                           0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB]
    /// Katakana whose semi-voiced form is two code points on (ハヒフヘホ).
    static let semiVoicedBases: Set<UInt32> = [0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB]

    /// Half-width katakana (U+FF61…U+FF9F) to full width.
    static let halfWidth: [UInt32: Unicode.Scalar] = {
        let full = Array("。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜".unicodeScalars)
        var table: [UInt32: Unicode.Scalar] = [:]
        for (offset, scalar) in full.enumerated() { table[0xFF61 + UInt32(offset)] = scalar }
        return table
    }()
}
