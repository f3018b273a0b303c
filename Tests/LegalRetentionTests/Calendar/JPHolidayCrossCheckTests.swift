import ContractModel
import Foundation
import Testing
import TestSupport
@testable import LegalRetention

/// Every day of 2000–2100 against PyPI `jpholiday` (an independent implementation): the same days
/// are holidays, with the same names, the same kind (振替休日, 国民の休日) and, for a 振替休日, the
/// same holiday it replaces. Runs when a Python with `jpholiday` is found (`JPHOLIDAY_PYTHON`, else
/// the interop venv's `python`, else `python3`; `.ci/jpholiday` installs it) and says so when not.
@Suite struct JPHolidayCrossCheckTests {
    private static let script = """
        import jpholiday
        for year in range(2000, 2101):
            for day, name in jpholiday.year_holidays(year):
                print(day.isoformat(), name, sep="\\t")
        """

    /// jpholiday's names that differ from the statute's wording this calendar uses.
    private static let aliases = ["即位礼正殿の儀": "即位礼正殿の儀の行われる日"]

    private static var python: String? {
        ProcessInfo.processInfo.environment["JPHOLIDAY_PYTHON"] ?? ExternalTool.venvPath("python") ?? ExternalTool.path("python3")
    }

    @Test func everyHolidayFrom2000Through2100MatchesJPHoliday() async throws {
        guard let python = Self.python else {
            print("JPHolidayCrossCheckTests: skipped — no python (set JPHOLIDAY_PYTHON or run .ci/jpholiday)")
            return
        }
        let output = try await ExternalTool.run(python, ["-c", Self.script], timeout: .seconds(300))
        guard output.status == 0 else {
            if output.stderrText.contains("No module named 'jpholiday'") {
                print("JPHolidayCrossCheckTests: skipped — \(python) has no jpholiday (run .ci/jpholiday)")
                return
            }
            Issue.record("the jpholiday script failed: \(output.text)")
            return
        }
        var theirs: [CivilDate: String] = [:]
        for line in output.stdoutText.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard fields.count == 2, let date = try? CivilDate(fields[0]) else {
                Issue.record("unreadable jpholiday line \(line.debugDescription)")
                return
            }
            theirs[date] = fields[1]
        }
        let calendar = JapaneseHolidayCalendar()
        var ours: [CivilDate: JapaneseHoliday] = [:]
        for year in 2000...2100 {
            for holiday in try calendar.holidays(in: year) { ours[holiday.date] = holiday }
        }
        var mismatches: [String] = []
        for date in Set(theirs.keys).union(ours.keys).sorted() {
            let expected = theirs[date].map { Self.aliases[$0] ?? $0 }
            let actual: String? = try ours[date].map { holiday in
                guard let replaced = holiday.substitutes else { return holiday.name.japaneseName }
                // jpholiday names a 振替休日 "<the replaced holiday> 振替休日".
                return (try calendar.holiday(on: replaced)?.name.japaneseName ?? "?") + " 振替休日"
            }
            if expected != actual { mismatches.append("\(date): jpholiday \(expected ?? "—"), ours \(actual ?? "—")") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) days differ:\n\(mismatches.prefix(40).joined(separator: "\n"))")
        #expect(theirs.count > 100 * 15, "jpholiday listed only \(theirs.count) holidays")
        print("JPHolidayCrossCheckTests: \(ours.count) holidays of 2000–2100 compared with jpholiday (\(theirs.count)); \(mismatches.count) differ")
    }
}
