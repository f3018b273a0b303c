import ContractModel
import Foundation
import Testing

/// Reminders carry a fresh link (only hashes of links are stored, so the original cannot be
/// sent again): the previous link is revoked, the event is `reminded`, and the notifier gets the
/// new link. Times come from the harness's manual clock.
@Suite(.dropsPostgresSchemas) struct ReminderTests {
    static let day: TimeInterval = 86400

    @Test(arguments: StoreKind.allCases)
    func scheduledReminderIssuesAFreshLinkAndRevokesTheOld(_ kind: StoreKind) async throws {
        let harness = try await Harness(kind)
        let participant = Harness.witness("p1")
        let (contract, links) = try await harness.createAndSend([participant])
        let original = try #require(links[participant.id])

        // Nothing is due before the interval (3 days by default).
        harness.clock.advance(by: 2 * Self.day)
        #expect(try await harness.workflow.processDue(at: harness.clock.now()).reminded.isEmpty)

        harness.clock.advance(by: 1 * Self.day)
        let remindedAt = harness.clock.now()
        let due = try await harness.workflow.processDue(at: remindedAt)
        #expect(due.reminded.map(\.contractID) == [contract.id] && due.reminded.map(\.participantID) == [participant.id])
        let message = try #require(await harness.notifier.messages.last { $0.kind == .reminder })
        #expect(message.participantID == participant.id && message.recipient == participant.email)
        let fresh = try InvitationLink(try #require(message.link, "the reminder carries a link"))
        #expect(fresh != original && fresh.contractID == contract.id)

        // The old link is refused as revoked; the new one works.
        let old = await #expect(throws: ContractError.self) { try await harness.workflow.openInvitation(original) }
        #expect(old?.code == .linkRevoked)
        let view = try await harness.workflow.openInvitation(fresh)
        #expect(view.participant.id == participant.id && view.participant.remindedAt == remindedAt)

        // The trail records the reminder without the link, and still verifies.
        let trail = try await harness.workflow.auditTrail(contract.id, by: ContractFixtures.owner)
        let reminded = try #require(trail.events.first { $0.action == .reminded })
        #expect(reminded.actor == .system && reminded.participantID == participant.id && reminded.time == remindedAt)
        #expect(reminded.details["trigger"] == "scheduled")
        #expect(reminded.details["linkExpiresAt"] == CanonicalJSON.formatDate(remindedAt.addingTimeInterval(7 * Self.day)))
        #expect(!reminded.details.values.contains { $0.contains(fresh.description.split(separator: "~")[1]) })
        #expect(try await harness.workflow.verifyAuditTrail(contract.id, by: ContractFixtures.owner).isIntact)

        // The next reminder counts from this one, not from the invitation.
        harness.clock.advance(by: 2 * Self.day)
        #expect(try await harness.workflow.processDue(at: harness.clock.now()).reminded.isEmpty)
        harness.clock.advance(by: 1 * Self.day)
        #expect(try await harness.workflow.processDue(at: harness.clock.now()).reminded.map(\.participantID) == [participant.id])
        let second = await #expect(throws: ContractError.self) { try await harness.workflow.openInvitation(fresh) }
        #expect(second?.code == .linkRevoked)
    }

    /// The reminder's link has its own lifetime: it is what keeps a participant able to sign
    /// after the original link expired.
    @Test func reminderLinkOutlivesTheExpiredOriginal() async throws {
        var configuration = ContractWorkflow.Configuration()
        configuration.reminderInterval = 8 * Self.day  // after the 7-day original link expired
        let harness = try await Harness(configuration: configuration)
        let participant = Harness.witness("p1")
        let (contract, links) = try await harness.createAndSend([participant])
        harness.clock.advance(by: 8 * Self.day)
        let expired = await #expect(throws: ContractError.self) { try await harness.workflow.openInvitation(links[participant.id]!) }
        #expect(expired?.code == .linkExpired)
        _ = try await harness.workflow.processDue(at: harness.clock.now())
        let fresh = try InvitationLink(try #require(await harness.notifier.messages.last { $0.kind == .reminder }?.link))
        try await harness.passEmailOTP(fresh, participant.id)
        let evidence = try await harness.workflow.signAsWitness(fresh, instruction: harness.instruction(contract))
        #expect(evidence.invitationIssuedAt == harness.clock.now())
        #expect(try await harness.workflow.contract(contract.id, by: ContractFixtures.owner).state == .completed)
    }

    /// A reminder sent by a member: the factors satisfied under the old link no longer count,
    /// so the participant authenticates again with the new one before signing.
    @Test func manualReminderRequiresAuthenticatingAgain() async throws {
        let harness = try await Harness()
        let participant = Harness.witness("p1")
        let (contract, links) = try await harness.createAndSend([participant])
        try await harness.passEmailOTP(links[participant.id]!, participant.id)
        #expect(try await harness.workflow.contract(contract.id, by: ContractFixtures.owner).participant(participant.id)?.state == .authenticated)

        harness.clock.advance(by: 120)
        let issued = try await harness.workflow.remind(contract.id, participant: participant.id, by: ContractFixtures.owner)
        #expect(issued.participantID == participant.id)
        let message = try #require(await harness.notifier.messages.last { $0.kind == .reminder })
        #expect(message.link == issued.link.description)
        let after = try await harness.workflow.contract(contract.id, by: ContractFixtures.owner)
        #expect(after.participant(participant.id)?.state == .viewed)

        let refused = await #expect(throws: ContractError.self) {
            try await harness.workflow.signAsWitness(issued.link, instruction: harness.instruction(contract))
        }
        #expect(refused?.code == .authenticationRequired)
        try await harness.passEmailOTP(issued.link, participant.id)
        _ = try await harness.workflow.signAsWitness(issued.link, instruction: harness.instruction(contract))

        let events = try await harness.workflow.auditTrail(contract.id, by: ContractFixtures.owner).events
        let reminded = try #require(events.first { $0.action == .reminded })
        #expect(reminded.actor == .member(ContractFixtures.owner.userID) && reminded.details["trigger"] == "manual")
        #expect(reminded.details["revokedLinkIssuedAt"] == CanonicalJSON.formatDate(ContractFixtures.start))
    }

    @Test func manualReminderIsRefusedWithTypedErrors() async throws {
        let harness = try await Harness()
        let first = Harness.witness("p1", group: 1), later = Harness.witness("p2", group: 2)
        let (contract, links) = try await harness.createAndSend([first, later])
        let viewer = AuthenticationContext(userID: UserID("victor"), mfaSatisfied: true)
        let denied = await #expect(throws: ContractError.self) { try await harness.workflow.remind(contract.id, participant: first.id, by: viewer) }
        #expect(denied?.code == .accessDenied)
        let unknown = await #expect(throws: ContractError.self) {
            try await harness.workflow.remind(contract.id, participant: ParticipantID("nobody"), by: ContractFixtures.owner)
        }
        #expect(unknown?.code == .notFound)
        // p2 is not invited yet: nothing to remind of.
        let early = await #expect(throws: ContractError.self) { try await harness.workflow.remind(contract.id, participant: later.id, by: ContractFixtures.owner) }
        #expect(early?.code == .callerNotAllowed)
        try await harness.passEmailOTP(links[first.id]!, first.id)
        _ = try await harness.workflow.signAsWitness(links[first.id]!, instruction: harness.instruction(contract))
        let signed = await #expect(throws: ContractError.self) { try await harness.workflow.remind(contract.id, participant: first.id, by: ContractFixtures.owner) }
        #expect(signed?.code == .callerNotAllowed)
        _ = try await harness.workflow.cancel(contract.id, reason: "取り下げ", by: ContractFixtures.owner)
        let cancelled = await #expect(throws: ContractError.self) { try await harness.workflow.remind(contract.id, participant: later.id, by: ContractFixtures.owner) }
        #expect(cancelled?.code == .illegalTransition)
        #expect(try await harness.workflow.verifyAuditTrail(contract.id, by: ContractFixtures.owner).isIntact)
    }
}
