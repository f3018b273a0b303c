import ContractModel
import Foundation
import LegalRetention

/// The API's JSON shapes (see `Resources/openapi.json`).
enum APIModels {
    struct ErrorBody: Codable { var error: Detail; struct Detail: Codable { var code: String; var message: String } }

    struct ParticipantInput: Codable { var name: String; var email: String; var method: String?; var organisation: String? }

    struct ParticipantOutput: Codable { var id: String; var name: String; var email: String; var method: String; var state: String }

    struct Event: Codable {
        var sequence: Int; var time: Date; var action: String; var actor: String; var participantId: String?; var ipAddress: String?; var hash: String
    }

    struct Status: Codable {
        var id: String
        var title: String
        var state: String
        var counterparty: String?
        var amount: String?
        var transactionDate: String?
        var participants: [ParticipantOutput]
        var auditTrail: [Event]
        var signedPdfAvailable: Bool
        var certificateAvailable: Bool
    }

    struct ArchiveItem: Codable {
        var id: String; var title: String; var transactionDate: String; var counterparty: String; var amount: Int64; var currency: String; var retentionEnd: String
    }

    struct ArchivePage: Codable { var records: [ArchiveItem]; var hasMore: Bool }

    static func status(_ view: Portal.SenderView, events: [AuditEvent], signed: Bool, certificate: Bool) -> Status {
        switch view {
        case .pending(let p):
            return Status(id: p.id.rawValue, title: p.title, state: "draft", counterparty: p.metadata.counterparty, amount: p.metadata.amount.map { "\($0.value)" },
                          transactionDate: p.metadata.transactionDate?.description, participants: [], auditTrail: [], signedPdfAvailable: false, certificateAvailable: false)
        case .contract(let c):
            return Status(id: c.id.rawValue, title: c.title, state: c.state.kind.rawValue, counterparty: c.metadata.counterparty,
                          amount: c.metadata.amount.map { "\($0.value)" }, transactionDate: c.metadata.transactionDate?.description,
                          participants: c.participants.map {
                              ParticipantOutput(id: $0.id.rawValue, name: $0.name, email: $0.email, method: $0.witnessPolicy == nil ? "party" : "witness", state: $0.state.rawValue)
                          },
                          auditTrail: events.map {
                              Event(sequence: $0.sequence, time: $0.time, action: $0.action.rawValue, actor: $0.actor.storageText,
                                    participantId: $0.participantID?.rawValue, ipAddress: $0.ipAddress, hash: $0.hash)
                          },
                          signedPdfAvailable: signed, certificateAvailable: certificate)
        }
    }

    static func archive(_ page: ArchiveSearchPage) -> ArchivePage {
        ArchivePage(records: page.records.map {
            ArchiveItem(id: $0.id.rawValue, title: $0.metadata.title, transactionDate: $0.metadata.transactionDate.description,
                        counterparty: $0.metadata.counterparty.name, amount: $0.metadata.amount.minorUnits, currency: $0.metadata.amount.currency.rawValue,
                        retentionEnd: $0.retentionEnd.description)
        }, hasMore: page.hasMore)
    }
}
