import ContractModel
import Testing

/// Every (state, action) pair: legal ones move to the expected state, illegal ones throw
/// `ContractError.illegalTransition` naming both. The expected table is written out here,
/// independently of `ContractTransitions`.
@Suite struct TransitionTableTests {
    typealias K = ContractState.Kind
    static let expected: [K: [ContractAction: K]] = [
        .draft: [.edit: .draft, .send: .sent, .cancel: .cancelled],
        .sent: [.view: .sent, .authenticate: .sent, .remind: .sent, .correct: .sent, .sign: .inProgress, .approve: .inProgress,
                .decline: .declined, .cancel: .cancelled, .expire: .expired],
        .inProgress: [.view: .inProgress, .authenticate: .inProgress, .remind: .inProgress, .correct: .sent, .sign: .inProgress,
                      .approve: .inProgress, .decline: .declined, .cancel: .cancelled, .expire: .expired, .complete: .completed],
        .completed: [:], .declined: [:], .cancelled: [:], .expired: [:],
    ]

    static func state(_ kind: K) -> ContractState {
        switch kind {
        case .draft: .draft
        case .sent: .sent
        case .inProgress: .inProgress
        case .completed: .completed
        case .declined: .declined(reason: "no")
        case .cancelled: .cancelled(reason: "withdrawn")
        case .expired: .expired
        }
    }

    static let pairs: [(K, ContractAction)] = K.allCases.flatMap { kind in ContractAction.allCases.map { (kind, $0) } }

    @Test(arguments: pairs)
    func transition(_ kind: K, _ action: ContractAction) throws {
        let legal = Self.expected[kind]?[action]
        if let target = legal {
            let next = try ContractTransitions.next(from: Self.state(kind), on: action, reason: "r")
            #expect(next.kind == target)
            #expect(ContractTransitions.isLegal(action, in: kind))
            if target == .declined { #expect(next == .declined(reason: "r")) }
            if target == .cancelled { #expect(next == .cancelled(reason: "r")) }
        } else {
            let error = #expect(throws: ContractError.self) { try ContractTransitions.next(from: Self.state(kind), on: action) }
            #expect(error?.code == .illegalTransition)
            #expect(error?.state == kind)
            #expect(error?.action == action)
            #expect(error?.reason.contains(action.rawValue) == true && error?.reason.contains(kind.rawValue) == true)
            #expect(!ContractTransitions.isLegal(action, in: kind))
        }
    }

    @Test func tableCoversEveryPair() {
        #expect(Self.pairs.count == K.allCases.count * ContractAction.allCases.count)
        #expect(Set(Self.expected.keys) == Set(K.allCases))
    }

    /// The same rules hold through the workflow: sending twice and signing a cancelled contract throw the typed error.
    @Test func workflowRefusesIllegalTransitions() async throws {
        let harness = try await Harness()
        let (contract, links) = try await harness.createAndSend([Harness.witness("p1")])
        let again = await #expect(throws: ContractError.self) { try await harness.workflow.send(contract.id, by: ContractFixtures.owner) }
        #expect(again?.code == .illegalTransition && again?.state == .sent && again?.action == .send)
        _ = try await harness.workflow.cancel(contract.id, reason: "wrong counterparty", by: ContractFixtures.owner)
        let cancel = await #expect(throws: ContractError.self) {
            try await harness.workflow.cancel(contract.id, reason: "again", by: ContractFixtures.owner)
        }
        #expect(cancel?.code == .illegalTransition && cancel?.state == .cancelled && cancel?.action == .cancel)
        // The link was revoked by the cancellation.
        let open = await #expect(throws: ContractError.self) { try await harness.workflow.openInvitation(links[ParticipantID("p1")]!) }
        #expect(open?.code == .linkRevoked)
    }
}
