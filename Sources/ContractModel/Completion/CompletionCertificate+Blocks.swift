import Foundation
import PDFSign

extension CompletionCertificate {
    /// The certificate's content, top to bottom.
    func blocks() -> [PDFComposerBlock] {
        let contract = completed.contract
        var blocks: [PDFComposerBlock] = [
            .paragraph("合意締結証明書", style: .title),
            .paragraph("Certificate of completion", style: PDFParagraphStyle(fontSize: 11, alignment: .center, spaceAfter: 10)),
            .paragraph("\(issuer) は、下記の契約が下記の当事者により電子署名され、締結されたことを証明します。"
                       + "署名済み文書のハッシュ値、各当事者の署名方法と認証、監査証跡を記載します。", style: .justified),
            .rule(),
            .heading("1. 契約 / Contract", level: 2),
            .table(Self.keyValueTable([
                ("件名 / Title", contract.title),
                ("契約ID / Contract ID", contract.id.rawValue),
                ("版 / Version", String(contract.version)),
                ("送信 / Sent", Self.utc(contract.sentAt)),
                ("締結 / Completed", Self.utc(contract.completedAt)),
                ("署名済み文書 SHA-256（締結時）/ Signed PDF SHA-256 (as completed, before LTV data)", documentSHA256),
            ])),
            .heading("2. 当事者 / Participants", level: 2),
            .table(participantTable()),
            .heading("3. 監査証跡 / Audit trail", level: 2),
            .table(eventTable()),
        ]
        blocks.append(.heading("4. 監査証跡の先頭 / Audit head", level: 2))
        if let anchor = completed.anchors.last {
            blocks.append(.table(Self.keyValueTable([
                ("最終イベント / Last event", String(anchor.sequence)),
                ("先頭ハッシュ / Head hash (SHA-256)", anchor.headHash),
                ("タイムスタンプ時刻 / Anchored at (RFC 3161)", Self.utc(anchor.time)),
            ])))
        } else {
            blocks.append(.paragraph("監査証跡の先頭はまだタイムスタンプされていません / The audit head is not anchored yet."))
        }
        return blocks
    }

    static func keyValueTable(_ rows: [(String, String)]) -> PDFComposerTable {
        PDFComposerTable(columns: [.init(.fraction(0.34)), .init(.fraction(0.66))], rows: rows.map { [$0.0, $0.1] }, fontSize: 9)
    }

    func participantTable() -> PDFComposerTable {
        let rows = completed.contract.participants.map { participant -> [String] in
            let method: String
            switch participant.signingMethod {
            case .partyCertificate: method = "当事者型 (own certificate)"
            case .witness: method = "立会人型 (witness)"
            }
            let factors = completed.events
                .filter { $0.participantID == participant.id && $0.action == .authenticated }
                .compactMap { $0.details["factor"] }
            return [
                "\(participant.name)\n\(participant.email)" + (participant.organisation.map { "\n\($0)" } ?? ""),
                "\(participant.role.rawValue)\n\(method)" + (factors.isEmpty ? "" : "\n" + factors.joined(separator: ", ")),
                "\(Self.utc(participant.authenticatedAt))\n\(Self.utc(participant.signedAt))",
            ]
        }
        return PDFComposerTable(
            columns: [.init(.fraction(0.4)), .init(.fraction(0.3)), .init(.fraction(0.3))],
            header: ["当事者 / Participant", "役割・方法・認証 / Role, method, factors", "認証・署名 / Authenticated, signed"],
            rows: rows, fontSize: 8.5)
    }

    func eventTable() -> PDFComposerTable {
        let names = Dictionary(completed.contract.participants.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rows = completed.events.map { event -> [String] in
            let actor: String
            switch event.actor {
            case .member(let user): actor = "member \(user.rawValue)"
            case .participant(let id): actor = names[id] ?? id.rawValue
            case .system: actor = "system"
            }
            return [String(event.sequence), Self.utc(event.time), event.action.rawValue, actor, event.ipAddress ?? ""]
        }
        return PDFComposerTable(
            columns: [.init(.points(28), alignment: .right), .init(.points(118)), .init(.fraction(0.25)), .init(.fraction(0.45)), .init(.fraction(0.3))],
            header: ["#", "時刻 / Time", "操作 / Action", "実行者 / Actor", "IP"],
            rows: rows, fontSize: 8)
    }
}
