import ContractModel
import Foundation
import LegalRetention

/// What the pages show for the SDK's typed values: state and action names in the page's
/// language, times in Japan Standard Time, amounts with digit grouping, actors by name.
/// The raw values stay in `data-*` attributes for scripts and tests.
enum Labels {
    static func contractState(_ kind: ContractState.Kind, _ l: Lang) -> String {
        switch kind {
        case .draft: l.t("下書き", "Draft")
        case .sent: l.t("送信済み", "Sent")
        case .inProgress: l.t("署名中", "In progress")
        case .completed: l.t("締結済み", "Completed")
        case .declined: l.t("却下", "Declined")
        case .cancelled: l.t("取消", "Cancelled")
        case .expired: l.t("期限切れ", "Expired")
        }
    }

    static func participantState(_ state: ParticipantState, _ l: Lang) -> String {
        switch state {
        case .pending: l.t("未招待", "Not invited yet")
        case .invited: l.t("招待済み", "Invited")
        case .viewed: l.t("閲覧済み", "Viewed")
        case .authenticated: l.t("認証済み", "Authenticated")
        case .signed: l.t("署名済み", "Signed")
        case .declined: l.t("辞退", "Declined")
        }
    }

    static func action(_ action: AuditAction, _ l: Lang) -> String {
        switch action {
        case .created: l.t("作成", "Created")
        case .edited: l.t("編集", "Edited")
        case .sent: l.t("送信", "Sent")
        case .viewed: l.t("閲覧", "Viewed")
        case .otpSent: l.t("確認コード送信", "Code sent")
        case .otpFailed: l.t("確認コード誤り", "Wrong code")
        case .authenticated: l.t("本人確認", "Authenticated")
        case .authenticationFailed: l.t("本人確認失敗", "Authentication failed")
        case .signed: l.t("署名", "Signed")
        case .approved: l.t("承認", "Approved")
        case .declined: l.t("辞退", "Declined")
        case .cancelled: l.t("取消", "Cancelled")
        case .corrected: l.t("訂正", "Corrected")
        case .reminded: l.t("リマインド", "Reminded")
        case .expired: l.t("期限切れ", "Expired")
        case .completed: l.t("締結", "Completed")
        case .downloaded: l.t("ダウンロード", "Downloaded")
        case .accessDenied: l.t("アクセス拒否", "Access denied")
        case .anchored: l.t("タイムスタンプ付与", "Timestamped")
        }
    }

    /// The actor by name where the page knows it (a participant of this contract).
    static func actor(_ actor: AuditActor, participants: [Participant], _ l: Lang) -> String {
        switch actor {
        case .participant(let id): participants.first { $0.id == id }?.name ?? l.t("当事者", "Participant")
        case .member(let id): id.rawValue == "portal-sender" ? l.t("送信者", "Sender") : id.rawValue
        case .system: l.t("システム", "System")
        }
    }

    /// `2026-12-03 01:36:37` in Japan Standard Time (UTC+9, no daylight saving time).
    static func japanTime(_ date: Date) -> String {
        let second = (Int(date.timeIntervalSince1970.rounded(.down)) + 9 * 3_600) % 86_400
        let secondOfDay = second < 0 ? second + 86_400 : second
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(CivilDate(japanStandardTimeOf: date)) \(two(secondOfDay / 3_600)):\(two(secondOfDay % 3_600 / 60)):\(two(secondOfDay % 60))"
    }

    /// `88,000 JPY`, `1,234.50 USD`.
    static func amount(_ money: Money) -> String {
        let plain = money.plainText
        let negative = plain.hasPrefix("-")
        let body = negative ? String(plain.dropFirst()) : plain
        let parts = body.split(separator: ".", maxSplits: 1)
        var grouped = ""
        for (index, digit) in parts[0].reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let integer = String(grouped.reversed())
        return (negative ? "-" : "") + integer + (parts.count > 1 ? ".\(parts[1])" : "") + " \(money.currency)"
    }
}
