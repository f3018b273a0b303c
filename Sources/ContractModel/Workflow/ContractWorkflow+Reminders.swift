import Foundation

extension ContractWorkflow {
    /// Reminds one participant who still has to act, now, for a member with `send`: like the
    /// reminders of ``processDue(at:)``, the reminder carries a fresh invitation link and the
    /// previous link stops working.
    ///
    /// Only a hash of each link is stored, so a reminder cannot repeat the original link: it
    /// issues a new one (valid for ``Configuration/linkLifetime`` from now), revokes the old one
    /// (refused afterwards with ``ContractError/Code/linkRevoked``), records a `reminded` event
    /// and hands the link to the ``Notifier`` in a ``NotificationKind/reminder`` message. Factors
    /// satisfied under the old link belong to it and must be satisfied again; lock-outs and
    /// the OTP resend limit carry over.
    ///
    /// - Returns: the new link (a secret: deliver it, never log it).
    /// - Throws: ``ContractError/Code/notFound`` for an unknown participant;
    ///   ``ContractError/Code/callerNotAllowed`` when the participant has nothing to do (not
    ///   invited yet, or already signed, approved or declined); ``ContractError/Code/illegalTransition``
    ///   unless the contract is sent or in progress; ``ContractError/Code/accessDenied``.
    public func remind(_ id: ContractID, participant participantID: ParticipantID, by caller: AuthenticationContext) async throws -> IssuedInvitation {
        try await mutate(id) { mutation in
            try await authorize(&mutation, .member(caller), .send, action: .remind)
            guard ContractTransitions.isLegal(.remind, in: mutation.contract.state.kind) else {
                throw ContractError(.illegalTransition, "cannot remind on a contract that is \(mutation.contract.state.kind.rawValue)",
                                    state: mutation.contract.state.kind, action: .remind)
            }
            guard let participant = mutation.contract.participant(participantID) else {
                throw ContractError(.notFound, "no participant \(participantID)", state: mutation.contract.state.kind, action: .remind)
            }
            guard Self.awaitsAction(participant) else {
                throw ContractError(.callerNotAllowed, "participant \(participantID) has nothing to do (\(participant.state.rawValue))",
                                    state: mutation.contract.state.kind, action: .remind)
            }
            let link = sendReminder(&mutation, participant, at: mutation.now, actor: .member(caller.userID), request: caller.request, trigger: "manual")
            return IssuedInvitation(participantID: participantID, link: link)
        }
    }

    /// Whether `participant` is invited and still has to sign or approve.
    static func awaitsAction(_ participant: Participant) -> Bool {
        participant.role.mustAct && [.invited, .viewed, .authenticated].contains(participant.state)
    }

    /// Issues the fresh link, records `reminded` and queues the reminder message with the link;
    /// `date` becomes the participant's ``Participant/remindedAt`` (the next reminder counts from it).
    func sendReminder(_ mutation: inout Mutation, _ participant: Participant, at date: Date, actor: AuditActor, request: RequestInfo?,
                      trigger: String) -> InvitationLink {
        let previous = mutation.record.authentication[participant.id]?.invitation
        let link = issueLink(&mutation, to: participant.id)
        mutation.updateParticipant(participant.id) { p, _ in
            p.remindedAt = date
            // Authenticated under the revoked link: the factors must be satisfied again.
            if p.state == .authenticated { p.state = .viewed }
        }
        var details = ["trigger": trigger, "linkExpiresAt": CanonicalJSON.formatDate(mutation.now.addingTimeInterval(configuration.linkLifetime))]
        if let previous { details["revokedLinkIssuedAt"] = CanonicalJSON.formatDate(previous.issuedAt) }
        mutation.emit(.reminded, actor: actor, participant: participant.id, request: request, details: details)
        mutation.notify(.reminder, participant, text: "A reminder: the contract is waiting for you. This new link replaces the earlier one.",
                        link: link)
        return link
    }
}
