import ContractModel
import Foundation
import Logging
import PostgresNIO

extension PostgresContractStore {
    static func insert(_ events: [AuditEvent], _ connection: PostgresConnection, _ logger: Logger) async throws {
        for event in events {
            let details = StoredJSON.details(event.details)
            try await SQL("""
                INSERT INTO audit_events (contract_id, sequence, time, actor, action, participant_id, contract_version, ip_address,
                                          user_agent, details, previous_hash, hash)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                """, .text(event.contractID.rawValue), .int(event.sequence), .text(CanonicalJSON.formatDate(event.time)), .text(event.actor.storageText),
                .text(event.action.rawValue), .text(event.participantID?.rawValue), .int(event.contractVersion), .text(event.ipAddress),
                .text(event.userAgent), .text(details), .text(event.previousHash), .text(event.hash)).run(on: connection, logger)
        }
    }

    /// One event from its columns; a row with an unreadable column is reported, never trapped on.
    static func event(from row: PostgresRow, _ id: ContractID) throws -> AuditEvent {
        let columns: (String, Int, String, String, String, String?, Int, String?, String?, String, String, String)
        do {
            columns = try row.decode((String, Int, String, String, String, String?, Int, String?, String?, String, String, String).self)
        } catch {
            throw ContractError(.storageFailure, "an audit event of \(id) is unreadable")
        }
        let (contractID, sequence, timeText, actorText, actionText, participant, version, ip, agent, detailText, previousHash, hash) = columns
        guard let time = CanonicalJSON.parseDate(timeText), let actor = AuditActor(storageText: actorText), let action = AuditAction(rawValue: actionText),
              let details = StoredJSON.details(from: detailText) else {
            throw ContractError(.storageFailure, "audit event \(sequence) of \(id) is unreadable")
        }
        return AuditEvent(contractID: ContractID(contractID), sequence: sequence, time: time, actor: actor, action: action,
                          participantID: participant.map { ParticipantID($0) }, contractVersion: version, ipAddress: ip, userAgent: agent,
                          details: details, previousHash: previousHash, hash: hash)
    }
}
