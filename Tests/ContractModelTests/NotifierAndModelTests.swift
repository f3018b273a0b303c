import ContractModel
import Foundation
import Testing

@Suite struct NotifierAndModelTests {
    @Test func fileNotifierWritesJSONLinesPrivately() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("notifier-\(UUID().uuidString)")
        let notifier = try FileNotifier(directory: directory)
        let message = NotificationMessage(kind: .oneTimePassword, channel: .sms, recipient: "+819012345678", contractID: ContractID("c"),
                                          participantID: ParticipantID("p"), title: "契約", text: "code", oneTimePassword: "012345",
                                          createdAt: Date(timeIntervalSince1970: 1_795_000_000))
        try await notifier.deliver(message)
        try await notifier.deliver(message)
        let read = try FileNotifier.messages(in: directory)
        #expect(read == [message, message])
        let lines = try String(contentsOf: directory.appendingPathComponent("messages.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("messages.jsonl").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func archiveMetadataRoundTripsExactly() throws {
        let metadata = ArchiveMetadata(transactionDate: try CivilDate("2026-02-28"), amount: try MonetaryAmount(Decimal(string: "12345678901234567.89")!, currency: "JPY"),
                                       counterparty: "株式会社サンプル", documentKind: .other("覚書"),
                                       term: try ContractTerm(start: CivilDate("2026-03-01"), autoRenewal: true, renewalMonths: 12),
                                       customFields: ["部署": "法務"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(metadata), as: UTF8.self)
        #expect(json.contains(#""value":"12345678901234567.89""#))
        #expect(json.contains(#""transactionDate":"2026-02-28""#))
        #expect(try JSONDecoder().decode(ArchiveMetadata.self, from: Data(json.utf8)) == metadata)
        #expect(DocumentKind(japaneseName: "請求書") == .invoice)
        #expect(throws: ContractError.self) { try CivilDate("2026-02-29") }
        #expect(throws: ContractError.self) { try MonetaryAmount(1, currency: "yen") }
        #expect(throws: ContractError.self) { try ContractTerm(start: CivilDate("2026-03-01"), end: CivilDate("2026-02-01")) }
    }

    @Test func recordsEncodeParticipantMapsAsObjects() throws {
        var auth = ParticipantAuthentication()
        auth.failures["totp"] = 1
        let json = String(decoding: try JSONEncoder().encode([ParticipantID("p1"): auth]), as: UTF8.self)
        #expect(json.hasPrefix(#"{"p1":"#))
        #expect(try JSONDecoder().decode([ParticipantID: ParticipantAuthentication].self, from: Data(json.utf8))[ParticipantID("p1")] == auth)
    }
}
