import Foundation
@testable import PDFSign
import Testing

@Suite("Composer: Japanese line breaking (禁則処理) and Latin words")
struct LineBreakerTests {
    /// Every character one unit wide, so widths are character counts.
    static func lines(_ text: String, width: Double) throws -> [String] {
        try PDFLineBreaker.lines(of: text, width: width) { _ in 1 }
    }

    @Test("行頭禁則: closing punctuation and small kana never start a line; the character before moves along (追い出し)")
    func noLineStart() throws {
        #expect(try Self.lines("あいうえお、かきく", width: 5) == ["あいうえ", "お、かきく"])
        #expect(try Self.lines("あいうえ」。かき", width: 4) == ["あいう", "え」。か", "き"])
        #expect(try Self.lines("ああああっと", width: 4) == ["あああ", "あっと"])
        #expect(try Self.lines("ああああー", width: 4) == ["あああ", "あー"])
    }

    @Test("行末禁則: opening brackets never end a line; they move to the next one")
    func noLineEnd() throws {
        #expect(try Self.lines("あいう「えお」か", width: 4) == ["あいう", "「えお」", "か"])
        #expect(try Self.lines("金額は（税込）です", width: 4) == ["金額は", "（税込）", "です"])
        #expect(try Self.lines("価格 $100 です", width: 4) == ["価格", "$100", "です"])
        for opening in ["「", "『", "（", "【", "〔", "［", "｛", "〈", "《", "“", "‘", "(", "[", "{"] {
            #expect(PDFLineBreaker.noLineEnd.contains(Character(opening)), "\(opening)")
            let lines = try Self.lines("あああ\(opening)いい", width: 4)
            #expect(lines == ["あああ", "\(opening)いい"], "\(opening): \(lines)")
        }
    }

    @Test("Latin words break at spaces, not mid-word; numbers stay whole; spaces at breaks are dropped")
    func latinWords() throws {
        #expect(try Self.lines("The quick brown fox", width: 12) == ["The quick", "brown fox"])
        #expect(try Self.lines("契約金額は1,100,000円です", width: 10) == ["契約金額は", "1,100,000円", "です"])
        #expect(try Self.lines("PDF署名 PAdES-B-LTA", width: 12) == ["PDF署名", "PAdES-B-LTA"])
        #expect(try Self.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"], "a word longer than a line is split where it overflows")
        #expect(try Self.lines("2026. 本契約", width: 4) == ["202", "6. 本", "契約"], "…but not before closing punctuation")
    }

    @Test("forced breaks and empty lines are kept; no line is wider than asked")
    func forcedBreaks() throws {
        #expect(try Self.lines("甲\n\n乙", width: 10) == ["甲", "", "乙"])
        #expect(try Self.lines("甲\r\n\r\n乙", width: 10) == ["甲", "", "乙"])  // CRLF: one Character each
        #expect(try Self.lines("", width: 10) == [""])
        let text = String(repeating: "本契約（以下「本契約」という。）は、甲及び乙の合意により成立する。Signed with PAdES B-LTA, 2026. ", count: 8)
        for width in stride(from: 3.0, through: 41, by: 1) {
            let lines = try Self.lines(text, width: width)
            #expect(lines.allSatisfy { Double($0.count) <= width }, "width \(width)")
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " }, "nothing lost at width \(width)")
            for line in lines.dropLast() where line.count > 1 {
                #expect(!PDFLineBreaker.noLineEnd.contains(line.last!), "\(line) ends with an opening bracket at width \(width)")
            }
            for line in lines.dropFirst() where !line.isEmpty {
                #expect(!PDFLineBreaker.noLineStart.contains(line.first!), "\(line) starts with closing punctuation at width \(width)")
            }
        }
    }

    @Test("with IPAex Gothic: real advances, lines within the width, no kinsoku violation", .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func realFont() throws {
        let text = "第5条（電子署名）本契約は電子契約により締結し、甲は当事者型の電子署名を、乙は立会人型の電子署名を付す。「認定タイムスタンプ」を付与し、長期署名（PAdES B-LTA）として保存する。"
        let font = try PDFEmbeddedFont(font: try JapaneseTestFont.load(), texts: [text])
        for width in [60.0, 97.5, 150, 233] {
            let lines = try PDFLineBreaker.lines(of: text, width: width) { try font.width(of: String($0), fontSize: 10.5) }
            #expect(try lines.allSatisfy { try font.width(of: $0, fontSize: 10.5) <= width })
            #expect(lines.dropFirst().allSatisfy { !PDFLineBreaker.noLineStart.contains($0.first!) }, "\(lines)")
            #expect(lines.dropLast().allSatisfy { !PDFLineBreaker.noLineEnd.contains($0.last!) }, "\(lines)")
            #expect(lines.contains { $0.contains("B-LTA") || $0.contains("PAdES") })
        }
    }
}
