/// Breaks text into lines that fit a width, with Japanese line-breaking rules (禁則処理, after
/// JIS X 4051 in a simplified form).
///
/// - 行頭禁則: a character of ``noLineStart`` (closing brackets, 、。, small kana, ー, !?…)
///   never begins a line; the character before it moves to the next line with it (追い出し),
///   so no line is wider than asked.
/// - 行末禁則: a character of ``noLineEnd`` (opening brackets 「『（【 “ ( [ …) never ends a line.
/// - Latin text breaks at spaces: a run of ASCII letters, digits and punctuation (a word, a
///   number such as `1,100,000`) is not split while a space or another break opportunity is
///   on the line. A word wider than the whole line is split where it overflows.
/// - Between two Japanese characters (or Japanese and Latin) a line may break anywhere else.
///
/// Spaces at a break are dropped; `\n` is a forced break. A word longer than the line is split
/// where the 禁則 rules allow; when nothing is allowed (a line full of opening brackets, say),
/// the line breaks where it overflows.
public enum PDFLineBreaker {
    /// Characters that must not begin a line (行頭禁則).
    public static let noLineStart: Set<Character> = [
        "、", "。", "，", "．", "）", "」", "』", "】", "〕", "］", "｝", "〉", "》", "〙", "〗", "”", "’",
        "・", "ー", "：", "；", "！", "？", "‐", "゠", "–", "〜", "ゝ", "ゞ", "ヽ", "ヾ", "々", "〻",
        "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ゎ", "ゕ", "ゖ",
        "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "ヮ", "ヵ", "ヶ", "ㇰ", "ㇱ", "ㇲ", "ㇳ",
        ")", "]", "}", ",", ".", ":", ";", "!", "?", "%", "％", "‰", "℃",
    ]

    /// Characters that must not end a line (行末禁則).
    public static let noLineEnd: Set<Character> = [
        "「", "『", "（", "【", "〔", "［", "｛", "〈", "《", "〘", "〖", "“", "‘", "(", "[", "{", "¥", "￥", "$", "＄", "#", "＃", "№",
    ]

    /// Whether a line may break between `before` and `after`.
    public static func canBreak(between before: Character, and after: Character) -> Bool {
        if noLineStart.contains(after) || noLineEnd.contains(before) { return false }
        if before == " " || after == " " { return true }
        return !(isLatinWordCharacter(before) && isLatinWordCharacter(after))
    }

    /// Visible ASCII: letters, digits and the punctuation that belongs to a word or number.
    static func isLatinWordCharacter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii > 0x20 && ascii < 0x7F
    }

    /// The lines of `text` no wider than `width`, measuring each character with `advance`
    /// (advances add up: the fonts here have no kerning).
    ///
    /// - Throws: whatever `advance` throws (for a font, ``PDFError`` `unsupportedFont`).
    public static func lines(of text: String, width: Double, advance: (Character) throws -> Double) throws -> [String] {
        var cache: [Character: Double] = [:]
        func measure(_ character: Character) throws -> Double {
            if let known = cache[character] { return known }
            let value = try advance(character)
            cache[character] = value
            return value
        }
        var lines: [String] = []
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {  // "\r\n" is one Character
            let characters = Array(paragraph)
            var start = 0
            while start < characters.count {
                var end = start, used = 0.0
                while end < characters.count {
                    let next = try measure(characters[end])
                    if used + next > width, end > start, characters[end] != " " { break }
                    used += next
                    end += 1
                }
                if end < characters.count {
                    end = breakPosition(in: characters, from: start, overflowingAt: end)
                }
                lines.append(String(characters[start..<end]).trimmingTrailingSpaces())
                start = end
                while start < characters.count, characters[start] == " " { start += 1 }
            }
            if characters.isEmpty { lines.append("") }
        }
        return lines
    }

    /// Where to end a line that starts at `start` and overflows at `overflow`: the last allowed
    /// break at or before `overflow`; failing that (a word longer than the line), the last
    /// break that keeps the 禁則 rules, splitting the word; failing that, `overflow` itself.
    static func breakPosition(in characters: [Character], from start: Int, overflowingAt overflow: Int) -> Int {
        for rule in [canBreak(between:and:), keepsKinsoku(between:and:)] {
            var candidate = overflow
            while candidate > start {
                if rule(characters[candidate - 1], characters[candidate]) { return candidate }
                candidate -= 1
            }
        }
        return overflow
    }

    static func keepsKinsoku(between before: Character, and after: Character) -> Bool {
        !noLineStart.contains(after) && !noLineEnd.contains(before)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
