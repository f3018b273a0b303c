import ContractModel
import Foundation
import Testing
@testable import LegalRetention

@Suite struct TimestampDeadlinePolicyTests {
    private func judge(_ policy: TimestampDeadlinePolicy, _ received: String, _ stamped: String) throws -> TimestampDeadlineJudgement {
        try policy.judge(receivedOn: CivilDate(received), timestampedOn: CivilDate(stamped))
    }

    /// Rule イ: received 2026-04-28, seven business days end 2026-05-13 (after Golden Week).
    @Test func promptlyAfterReceipt() throws {
        let policy = TimestampDeadlinePolicy.promptly
        let onTheDay = try judge(policy, "2026-04-28", "2026-05-13")
        #expect(onTheDay.outcome == .timely(rule: .promptlyAfterReceipt, businessDaysToSpare: 0))
        #expect(onTheDay.promptDeadline == (try CivilDate("2026-05-13")))
        #expect(onTheDay.businessDaysAfterReceipt == 7)
        #expect(onTheDay.regulationDeadline == nil)
        #expect(try judge(policy, "2026-04-28", "2026-05-07").outcome == .timely(rule: .promptlyAfterReceipt, businessDaysToSpare: 4))
        #expect(try judge(policy, "2026-04-28", "2026-04-28").outcome == .timely(rule: .promptlyAfterReceipt, businessDaysToSpare: 7))
        let late = try judge(policy, "2026-04-28", "2026-05-16")
        #expect(late.outcome == .late(rule: .promptlyAfterReceipt, businessDaysLate: 2))
        #expect(!late.isTimely)
        #expect(try judge(policy, "2026-04-28", "2026-04-20").outcome == .beforeReceipt(days: 8))
    }

    /// Rule ロ: received 2026-04-10, the two-month period ends 2026-06-10, and seven business
    /// days after it end 2026-06-19.
    @Test func afterTheNormalProcessingPeriod() throws {
        let policy = TimestampDeadlinePolicy.withProcessingRegulation
        let last = try judge(policy, "2026-04-10", "2026-06-19")
        #expect(last.processingPeriodEnd == (try CivilDate("2026-06-10")))
        #expect(last.regulationDeadline == (try CivilDate("2026-06-19")))
        #expect(last.outcome == .timely(rule: .promptlyAfterNormalProcessingPeriod, businessDaysToSpare: 0))
        #expect(try judge(policy, "2026-04-10", "2026-04-15").outcome == .timely(rule: .promptlyAfterReceipt, businessDaysToSpare: 4))
        #expect(try judge(policy, "2026-04-10", "2026-06-22").outcome == .late(rule: .promptlyAfterNormalProcessingPeriod, businessDaysLate: 1))
        // The period ends on a Saturday (2026-01-31); 建国記念の日 comes after the deadline.
        #expect(try judge(policy, "2025-11-30", "2026-02-10").outcome == .timely(rule: .promptlyAfterNormalProcessingPeriod, businessDaysToSpare: 0))
        #expect(try judge(policy, "2025-11-30", "2026-02-12").outcome == .late(rule: .promptlyAfterNormalProcessingPeriod, businessDaysLate: 1))
    }

    /// Received 2022-01-12, closed with the month and timestamped 2022-02-05: late under イ
    /// (deadline 2022-01-21), in time under a 事務処理規程 (ロ).
    @Test func aMonthlyClosingCycle() throws {
        #expect(try judge(.promptly, "2022-01-12", "2022-02-05").outcome == .late(rule: .promptlyAfterReceipt, businessDaysLate: 10))
        #expect(try judge(.withProcessingRegulation, "2022-01-12", "2022-02-05").isTimely)
        #expect(try judge(.promptly, "2022-01-12", "2022-01-21").isTimely)
    }

    @Test func daysAndCalendarAreConfigurable() throws {
        let strict = TimestampDeadlinePolicy(promptBusinessDays: 3, processingPeriodMonths: 1,
                                             calendar: BusinessDayCalendar(closedWeekdays: [.sunday]))
        let judgement = try judge(strict, "2026-04-10", "2026-05-14")
        #expect(judgement.promptDeadline == (try CivilDate("2026-04-14")))
        #expect(judgement.processingPeriodEnd == (try CivilDate("2026-05-10")))
        #expect(judgement.regulationDeadline == (try CivilDate("2026-05-13")))
        #expect(judgement.outcome == .late(rule: .promptlyAfterNormalProcessingPeriod, businessDaysLate: 1))
        #expect(throws: CalendarError(.invalidArgument, "")) {
            try TimestampDeadlinePolicy(promptBusinessDays: -1).judge(receivedOn: CivilDate("2026-01-05"), timestampedOn: CivilDate("2026-01-06"))
        }
    }

    @Test func judgementsEncodeAsStableJSON() throws {
        let judgement = try judge(.withProcessingRegulation, "2026-04-10", "2026-06-22")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(judgement), as: UTF8.self)
        #expect(json.contains(#""outcome":{"late":{"businessDaysLate":1,"rule":"promptlyAfterNormalProcessingPeriod"}}"#))
        #expect(json.contains(#""regulationDeadline":"2026-06-19""#))
        #expect(try JSONDecoder().decode(TimestampDeadlineJudgement.self, from: Data(json.utf8)) == judgement)
    }
}
