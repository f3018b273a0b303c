import ContractModel
import Foundation
import LegalRetention
import Testing

@Suite struct NormalisationTests {
    @Test func spellingVariantsShareOneKey() throws {
        let variants = ["株式会社ヤマダ商事", "(株)ヤマダ商事", "㈱ヤマダ商事", "㍿ヤマダ商事", "ヤマダ商事株式会社", "ﾔﾏﾀﾞ商事(株)", "やまだ商事 株式会社",
                        "（株）ヤマダ商事", "ヤマダ 商事", "株式会社　ﾔﾏﾀﾞ商事"]
        let keys = Set(try variants.map { try Counterparty($0).searchKey })
        #expect(keys == ["ヤマダ商事"])
        #expect(try Counterparty("ヤマダ商事(株)").corporateForm == .kabushikiKaisha)
        #expect(try Counterparty("有限会社サトウ").corporateForm == .yugenKaisha)
        #expect(try Counterparty("合同会社サトウ").searchKey == "サトウ")
        #expect(try Counterparty("ヤマダ商事").corporateForm == nil)
    }

    @Test func halfWidthVoicedKanaCompose() {
        #expect(CounterpartyNormaliser.searchKey("ｶﾞｷﾞｸﾞｹﾞｺﾞ") == "ガギグゲゴ")
        #expect(CounterpartyNormaliser.searchKey("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ") == "パピプペポ")
        #expect(CounterpartyNormaliser.searchKey("ｳﾞｧｲｵﾘﾝ") == "ヴァイオリン")
        // A combining mark after a full-width base (NFD input) composes too.
        #expect(CounterpartyNormaliser.searchKey("カ\u{3099}") == "ガ")
    }

    @Test func caseWidthDashesAndDotsUnify() throws {
        #expect(CounterpartyNormaliser.searchKey("ＡＢＣ Trading") == "abctrading")
        #expect(CounterpartyNormaliser.searchKey("ABC-トレーディング") == CounterpartyNormaliser.searchKey("abc―トレｰディング"))
        #expect(CounterpartyNormaliser.searchKey("ジョン・スミス") == "ジョンスミス")
        #expect(CounterpartyNormaliser.searchKey("ｼﾞｮﾝ･ｽﾐｽ") == "ジョンスミス")
        #expect(CounterpartyNormaliser.searchKey("ひらがな") == "ヒラガナ")
        // Latin forms only at either end: "zinc" keeps its "inc".
        #expect(try Counterparty("Zinc Works Inc.").searchKey == "zincworks")
    }

    @Test func daysAndRetention() throws {
        let policy = RetentionPolicy()
        let metadata = RecordMetadata(transactionDate: try CivilDate("2024-02-10"), amount: Money(minorUnits: 1, currency: .jpy),
                                      counterparty: try Counterparty("A"))
        #expect(policy.fiscalYearEnd(for: metadata) == (try CivilDate("2024-03-31")))
        #expect(policy.filingDeadline(for: metadata) == (try CivilDate("2024-05-31")))
        // Starts 2024-06-01, 7 years: last day 2031-05-31.
        #expect(policy.retentionEnd(for: metadata) == (try CivilDate("2031-05-31")))
        var loss = metadata
        loss.hasLossCarryforward = true
        #expect(policy.retentionEnd(for: loss) == (try CivilDate("2034-05-31")))
        var extended = RetentionPolicy(filingExtensionMonths: 1)
        #expect(extended.retentionEnd(for: metadata) == (try CivilDate("2031-06-30")))
        extended = RetentionPolicy(fiscalYearEndMonth: 12)
        var december = metadata
        december.transactionDate = try CivilDate("2024-12-31")
        #expect(extended.retentionEnd(for: december) == (try CivilDate("2032-02-29")))
        // Dates given to the archive (CLI, CSV, index columns) are refused with the archive's error.
        #expect(throws: ArchiveError(.invalidArgument, "")) { try CivilDate(archiveInput: "2023-02-29") }
        #expect(throws: ArchiveError(.invalidArgument, "")) { try CivilDate(archiveInput: "2023/02/28") }
        #expect(try CivilDate(archiveInput: "2023-02-28") == CivilDate("2023-02-28"))
        #expect(try CivilDate("2024-01-31").adding(months: 1) == (try CivilDate("2024-02-29")))
        #expect(try CivilDate("1970-01-01").adding(days: 20_000).description == "2024-10-04")
        #expect(try Money(parsing: "1,234.5", currency: .usd).minorUnits == 123_450)
        #expect(throws: ArchiveError.self) { try Money(parsing: "1.5", currency: .jpy) }
        // For people: grouped thousands; the plain form stays as the CSV writes it.
        #expect(Money(minorUnits: 110_000, currency: .jpy).displayText == "110,000 JPY")
        #expect(Money(minorUnits: 110_000, currency: .jpy).plainText == "110000")
        #expect(Money(minorUnits: 999, currency: .jpy).displayText == "999 JPY")
        #expect(Money(minorUnits: -1_234_567, currency: .jpy).displayText == "-1,234,567 JPY")
        #expect(Money(minorUnits: -123_450, currency: .usd).displayText == "-1,234.50 USD")
        #expect(Money(minorUnits: 5, currency: .usd).displayText == "0.05 USD")
        // A field with a line break (LF, CR or CRLF, which is one Character) or a comma is quoted.
        #expect(ArchiveCSV.line(["a\r\nb", "c\nd", "e\rf", "1,100 JPY", "plain"]) == "\"a\r\nb\",\"c\nd\",\"e\rf\",\"1,100 JPY\",plain\r\n")
        #expect(ArchiveCSV.line(["=1+1", "+1", "say \"hi\""]) == "\"=1+1\",\"+1\",\"say \"\"hi\"\"\"\r\n")
    }
}
