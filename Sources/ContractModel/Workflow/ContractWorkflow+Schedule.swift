import Foundation

/// What ``ContractWorkflow/processDue(at:)`` did.
public struct DueProcessingReport: Hashable, Sendable {
    /// Contracts that expired.
    public var expired: [ContractID] = []
    /// Reminders sent, as (contract, participant).
    public var reminded: [ReminderSent] = []
    /// Contracts that could not be processed (logged; retried on the next call).
    public var failed: [ContractID] = []

    /// One reminder.
    public struct ReminderSent: Hashable, Sendable {
        /// The contract.
        public var contractID: ContractID
        /// The participant.
        public var participantID: ParticipantID
    }
}

extension ContractWorkflow {
    /// Expires contracts whose deadline is at or before `date` (revoking their links) and sends
    /// reminders to participants who still have to act, ``Configuration/reminderInterval`` after
    /// their invitation or last reminder. The host calls this periodically.
    ///
    /// Each reminder carries a fresh invitation link and revokes the previous one, as
    /// ``remind(_:participant:by:)`` does (only hashes of links are stored, so the original link
    /// cannot be sent again).
    public func processDue(at date: Date) async throws -> DueProcessingReport {
        var report = DueProcessingReport()
        for id in try await dependencies.store.contractIDs(in: [.sent, .inProgress]) {
            do {
                let (expired, reminded) = try await mutate(id) { mutation -> (Bool, [ParticipantID]) in
                    guard !mutation.contract.state.isFinal else { return (false, []) }
                    if let deadline = mutation.contract.deadline, deadline <= date {
                        try transition(&mutation, .expire)
                        revokeLinks(&mutation)
                        mutation.emit(.expired, actor: .system, details: ["deadline": CanonicalJSON.formatDate(deadline)])
                        for participant in mutation.contract.participants where participant.state != .pending {
                            mutation.notify(.expired, participant, text: "The contract expired before it was complete.")
                        }
                        return (true, [])
                    }
                    guard let interval = configuration.reminderInterval else { return (false, []) }
                    var reminded: [ParticipantID] = []
                    for participant in mutation.contract.participants where Self.awaitsAction(participant) {
                        guard let last = participant.remindedAt ?? participant.invitedAt, date.timeIntervalSince(last) >= interval else { continue }
                        _ = try ContractTransitions.next(from: mutation.contract.state, on: .remind)
                        _ = sendReminder(&mutation, participant, at: date, actor: .system, request: nil, trigger: "scheduled")
                        reminded.append(participant.id)
                    }
                    return (false, reminded)
                }
                if expired { report.expired.append(id) }
                report.reminded += reminded.map { .init(contractID: id, participantID: $0) }
            } catch {
                logger.error("processing due work failed", metadata: ["contract": "\(id)", "error": "\(error)"])
                report.failed.append(id)
            }
        }
        return report
    }
}
