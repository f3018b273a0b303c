import ContractModel
import Foundation
import LegalRetention

/// The sender's pages.
enum SenderPages {
    static func list(_ views: [Portal.SenderView], csrf: String, l: Lang, error: String? = nil) -> String {
        var rows = ""
        for view in views {
            switch view {
            case .contract(let c):
                rows += "<tr><td><a href=\"/contracts/\(esc(c.id.rawValue))\">\(esc(c.title))</a></td><td class=\"state\" data-state=\"\(c.state.kind.rawValue)\">\(Labels.contractState(c.state.kind, l))</td><td>\(esc(c.metadata.counterparty ?? ""))</td></tr>\n"
            case .pending(let p):
                rows += "<tr><td><a href=\"/contracts/\(esc(p.id.rawValue))\">\(esc(p.title))</a></td><td class=\"state\" data-state=\"draft\">\(Labels.contractState(.draft, l))</td><td>\(esc(p.metadata.counterparty ?? ""))</td></tr>\n"
            }
        }
        let notice = error.map { "<p id=\"error-message\" class=\"notice\">\(esc($0))</p>" } ?? ""
        return """
            \(notice)
            <form id="create-form" method="post" action="/contracts" enctype="multipart/form-data">
            <h2>\(l.t("PDF から契約を作成", "Create a contract from a PDF"))</h2>
            \(Layout.csrf(csrf))
            <label for="title">\(l.t("件名", "Title"))</label><input id="title" name="title" type="text" required maxlength="200">
            <label for="pdf">\(l.t("契約書 PDF(20 MB まで)", "Contract PDF (up to 20 MB)"))</label><input id="pdf" name="pdf" type="file" accept="application/pdf,.pdf" required>
            <label for="counterparty">\(l.t("取引先", "Counterparty"))</label><input id="counterparty" name="counterparty" type="text" maxlength="200">
            <label for="amount">\(l.t("取引金額(円)", "Amount (JPY)"))</label><input id="amount" name="amount" inputmode="numeric" maxlength="15">
            <label for="transaction-date">\(l.t("取引年月日", "Transaction date"))</label><input id="transaction-date" name="transactionDate" type="date">
            <button id="create-button" type="submit">\(l.t("アップロードして作成", "Upload and create"))</button>
            </form>
            <h2>\(l.t("契約一覧", "Contracts"))</h2>
            <div class="table-wrap"><table id="contracts-table"><thead><tr><th>\(l.t("件名", "Title"))</th><th>\(l.t("状態", "State"))</th><th>\(l.t("取引先", "Counterparty"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }

    static func status(_ view: Portal.SenderView, events: [AuditEvent], csrf: String, l: Lang, hasSigned: Bool, hasCertificate: Bool, error: String? = nil) -> String {
        let id = esc(view.id.rawValue)
        let notice = error.map { "<p id=\"error-message\" class=\"notice\">\(esc($0))</p>" } ?? ""
        var participants: [Participant] = []
        var kind = ContractState.Kind.draft
        if case .contract(let c) = view { participants = c.participants; kind = c.state.kind }
        var rows = ""
        for p in participants {
            let method = p.witnessPolicy != nil ? l.t("立会人型(メール OTP、ブラウザで署名)", "Witness (e-mail OTP, signs in the browser)")
                : l.t("当事者型(自分の鍵で API/CLI から署名)", "Party certificate (signs with own key via API/CLI)")
            rows += "<tr data-participant=\"\(esc(p.id.rawValue))\"><td data-label=\"\(l.t("氏名", "Name"))\">\(esc(p.name))</td><td data-label=\"\(l.t("メール", "E-mail"))\">\(esc(p.email))</td><td data-label=\"\(l.t("方式", "Method"))\">\(method)</td><td class=\"participant-state\" data-label=\"\(l.t("状態", "State"))\" data-state=\"\(p.state.rawValue)\">\(Labels.participantState(p.state, l))</td></tr>\n"
        }
        var forms = ""
        if kind == .draft {
            forms += """
                <form id="participant-form" method="post" action="/contracts/\(id)/participants">
                <h2>\(l.t("当事者を追加", "Add a participant"))</h2>
                \(Layout.csrf(csrf))
                <label for="participant-name">\(l.t("氏名", "Name"))</label><input id="participant-name" name="name" type="text" required maxlength="100">
                <label for="participant-email">\(l.t("メールアドレス", "E-mail"))</label><input id="participant-email" name="email" type="email" required maxlength="200">
                <label for="participant-organisation">\(l.t("会社名", "Organisation"))</label><input id="participant-organisation" name="organisation" type="text" maxlength="200">
                <label for="participant-method">\(l.t("署名方式", "Signing method"))</label>
                <select id="participant-method" name="method">
                <option value="witness">\(l.t("立会人型(メール OTP)", "Witness (e-mail OTP)"))</option>
                <option value="party">\(l.t("当事者型(自分の鍵で API/CLI から署名)", "Party certificate (own key via API/CLI)"))</option>
                </select>
                <button id="add-participant-button" type="submit">\(l.t("追加", "Add"))</button>
                </form>
                """
            if !participants.isEmpty {
                forms += """
                    <form id="send-form" method="post" action="/contracts/\(id)/send">
                    \(Layout.csrf(csrf))
                    <button id="send-button" type="submit">\(l.t("送信する", "Send"))</button>
                    </form>
                    """
            }
        }
        var downloads = "<a id=\"download-original\" href=\"/contracts/\(id)/document.pdf\">\(l.t("現在の PDF", "Current PDF"))</a>"
        if hasSigned { downloads += " <a id=\"download-signed\" href=\"/contracts/\(id)/signed.pdf\">\(l.t("署名済み PDF", "Signed PDF"))</a>" }
        if hasCertificate { downloads += " <a id=\"download-certificate\" href=\"/contracts/\(id)/certificate.pdf\">\(l.t("合意締結証明書", "Completion certificate"))</a>" }
        var trail = ""
        for event in events {
            let details = event.details.sorted { $0.key < $1.key }.filter { !["evidenceDigest", "documentSHA256"].contains($0.key) }
                .map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            trail += "<tr data-action=\"\(event.action.rawValue)\"><td data-label=\"#\">\(event.sequence)</td>"
                + "<td class=\"time\" data-label=\"\(l.t("日時(JST)", "Time (JST)"))\">\(Labels.japanTime(event.time))</td>"
                + "<td data-label=\"\(l.t("操作", "Action"))\">\(Labels.action(event.action, l))</td>"
                + "<td data-label=\"\(l.t("実行者", "Actor"))\" title=\"\(esc(event.actor.storageText))\">\(esc(Labels.actor(event.actor, participants: participants, l)))</td>"
                + "<td data-label=\"IP\">\(esc(event.ipAddress ?? ""))</td><td class=\"details\" data-label=\"\(l.t("詳細", "Details"))\">\(esc(details))</td></tr>\n"
        }
        return """
            \(notice)
            <p>\(l.t("状態", "State")): <span id="contract-state" class="state" data-state="\(kind.rawValue)">\(Labels.contractState(kind, l))</span></p>
            <p class="downloads">\(downloads)</p>
            <h2>\(l.t("当事者", "Participants"))</h2>
            <div class="table-wrap"><table id="participants" class="stack"><thead><tr><th>\(l.t("氏名", "Name"))</th><th>\(l.t("メール", "E-mail"))</th><th>\(l.t("方式", "Method"))</th><th>\(l.t("状態", "State"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(forms)
            <h2>\(l.t("監査証跡", "Audit trail"))</h2>
            <div class="table-wrap"><table id="audit-trail" class="stack"><thead><tr><th>#</th><th>\(l.t("日時(JST)", "Time (JST)"))</th><th>\(l.t("操作", "Action"))</th><th>\(l.t("実行者", "Actor"))</th><th>IP</th><th>\(l.t("詳細", "Details"))</th></tr></thead>
            <tbody>\(trail)</tbody></table></div>
            """
    }

    static func archive(_ records: [ArchiveRecord], query: [String: String], l: Lang, error: String? = nil) -> String {
        func value(_ key: String) -> String { esc(query[key] ?? "") }
        let notice = error.map { "<p id=\"error-message\" class=\"notice\">\(esc($0))</p>" } ?? ""
        var rows = ""
        for record in records {
            let m = record.metadata
            rows += "<tr><td class=\"nowrap\" data-label=\"\(l.t("取引年月日", "Date"))\">\(esc(m.transactionDate.description))</td><td data-label=\"\(l.t("件名", "Title"))\">\(esc(m.title))</td>"
                + "<td data-label=\"\(l.t("取引先", "Counterparty"))\">\(esc(m.counterparty.name))</td><td class=\"amount\" data-label=\"\(l.t("金額", "Amount"))\">\(esc(Labels.amount(m.amount)))</td>"
                + "<td class=\"nowrap\" data-label=\"\(l.t("保存期限", "Retained until"))\">\(esc(record.retentionEnd.description))</td></tr>\n"
        }
        return """
            \(notice)
            <form id="archive-form" method="get" action="/archive">
            <label for="archive-from">\(l.t("取引年月日(から)", "Transaction date from"))</label><input id="archive-from" name="from" type="date" value="\(value("from"))">
            <label for="archive-to">\(l.t("取引年月日(まで)", "Transaction date to"))</label><input id="archive-to" name="to" type="date" value="\(value("to"))">
            <label for="archive-min">\(l.t("金額(以上、円)", "Amount at least (JPY)"))</label><input id="archive-min" name="minAmount" inputmode="numeric" value="\(value("minAmount"))">
            <label for="archive-max">\(l.t("金額(以下、円)", "Amount at most (JPY)"))</label><input id="archive-max" name="maxAmount" inputmode="numeric" value="\(value("maxAmount"))">
            <label for="archive-counterparty">\(l.t("取引先", "Counterparty"))</label><input id="archive-counterparty" name="counterparty" type="text" value="\(value("counterparty"))">
            <button id="archive-search-button" type="submit">\(l.t("検索", "Search"))</button>
            </form>
            <div class="table-wrap"><table id="archive-results" class="stack"><thead><tr><th>\(l.t("取引年月日", "Date"))</th><th>\(l.t("件名", "Title"))</th><th>\(l.t("取引先", "Counterparty"))</th><th>\(l.t("金額", "Amount"))</th><th>\(l.t("保存期限", "Retained until"))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """
    }
}
