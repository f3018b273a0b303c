import ContractModel
import Foundation
import Testing

/// 立会人型 signing is refused without the second factor, after 5 wrong OTPs, with an expired,
/// replayed or cancelled link, and from outside the IP allow-list; each refusal is typed and audited.
@Suite struct WitnessRefusalTests {
    let p1 = ParticipantID("p1")

    @Test func happyPathSignsAndCompletes() async throws {
        let harness = try await Harness()
        let (contract, links) = try await harness.createAndSend([Harness.witness("p1")])
        let link = try #require(links[p1])
        try await harness.passEmailOTP(link, p1)
        let evidence = try await harness.workflow.signAsWitness(link, instruction: harness.instruction(contract))
        #expect(evidence.factors.map(\.factor) == [.emailOTP])
        let done = try await harness.workflow.contract(contract.id, by: ContractFixtures.owner)
        #expect(done.state == .completed)
        #expect(done.participant(p1)?.evidenceDigest == evidence.digestHex)
        let trail = try await harness.workflow.auditTrail(contract.id, by: ContractFixtures.owner)
        #expect(trail.events.map(\.action) == [.created, .sent, .viewed, .otpSent, .authenticated, .signed, .completed])
        #expect(trail.events.first { $0.action == .signed }?.details["evidenceDigest"] == evidence.digestHex)
        #expect(trail.anchors.map(\.sequence) == [7])
        #expect(try await harness.workflow.verifyAuditTrail(contract.id, by: ContractFixtures.owner).isIntact)
        // Secrets never reach the trail.
        let code = try #require(await harness.notifier.lastCode(for: p1))
        let everything = trail.events.map { String(decoding: $0.canonicalEncoding, as: UTF8.self) }.joined()
        #expect(!everything.contains(link.description) && !everything.contains(code))
    }

    @Test func noSecondFactor() async throws {
        let harness = try await Harness()
        let (contract, links) = try await harness.createAndSend([Harness.witness("p1")])
        let link = try #require(links[p1])
        _ = try await harness.workflow.openInvitation(link)
        let error = await #expect(throws: ContractError.self) { try await harness.workflow.signAsWitness(link, instruction: harness.instruction(contract)) }
        #expect(error?.code == .authenticationRequired && error?.action == .sign && error?.state == .sent)
        let events = try await harness.store.events(of: contract.id)
        #expect(events.last?.action == .accessDenied && events.last?.details["missing"] == "emailOTP")
    }

    @Test func fiveWrongOTPsLockOut() async throws {
        let harness = try await Harness()
        let (contract, links) = try await harness.createAndSend([Harness.witness("p1")])
        let link = try #require(links[p1])
        try await harness.workflow.requestOTP(link, factor: .emailOTP)
        let code = try #require(await harness.notifier.lastCode(for: p1))
        let wrong = code == "000000" ? "111111" : "000000"
        for attempt in 1...5 {
            let error = await #expect(throws: ContractError.self) { try await harness.workflow.verifyOTP(link, factor: .emailOTP, code: wrong) }
            #expect(error?.code == (attempt < 5 ? .authenticationFailed : .lockedOut))
        }
        // Even the right code is refused now, and a new one cannot be requested.
        let right = await #expect(throws: ContractError.self) { try await harness.workflow.verifyOTP(link, factor: .emailOTP, code: code) }
        #expect(right?.code == .lockedOut)
        harness.clock.advance(by: 120)
        let resend = await #expect(throws: ContractError.self) { try await harness.workflow.requestOTP(link, factor: .emailOTP) }
        #expect(resend?.code == .lockedOut)
        let sign = await #expect(throws: ContractError.self) { try await harness.workflow.signAsWitness(link, instruction: harness.instruction(contract)) }
        #expect(sign?.code == .authenticationRequired)
        let failures = try await harness.store.events(of: contract.id).filter { $0.action == .otpFailed }
        #expect(failures.map { $0.details["attempt"] } == ["1", "2", "3", "4", "5"])
    }

    @Test func otpExpiresAndIsRateLimited() async throws {
        let harness = try await Harness()
        let (_, links) = try await harness.createAndSend([Harness.witness("p1")])
        let link = try #require(links[p1])
        try await harness.workflow.requestOTP(link, factor: .emailOTP)
        let limited = await #expect(throws: ContractError.self) { try await harness.workflow.requestOTP(link, factor: .emailOTP) }
        #expect(limited?.code == .rateLimited)
        let code = try #require(await harness.notifier.lastCode(for: p1))
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        harness.clock.advance(by: 601)
        let expired = await #expect(throws: ContractError.self) { try await harness.workflow.verifyOTP(link, factor: .emailOTP, code: code) }
        #expect(expired?.code == .otpExpired)
    }

    @Test func expiredLink() async throws {
        let harness = try await Harness()
        let (_, links) = try await harness.createAndSend([Harness.witness("p1")])
        harness.clock.advance(by: 7 * 86400)
        let error = await #expect(throws: ContractError.self) { try await harness.workflow.openInvitation(links[p1]!) }
        #expect(error?.code == .linkExpired)
    }

    @Test func replayedLink() async throws {
        let harness = try await Harness()
        let (contract, links) = try await harness.createAndSend([Harness.witness("p1"), Harness.witness("p2")])
        let link = try #require(links[p1])
        try await harness.passEmailOTP(link, p1)
        _ = try await harness.workflow.signAsWitness(link, instruction: harness.instruction(contract))
        let replay = await #expect(throws: ContractError.self) { try await harness.workflow.signAsWitness(link, instruction: harness.instruction(contract)) }
        #expect(replay?.code == .linkAlreadyUsed)
        // A link only works for its own participant and contract.
        let forged = try InvitationLink("\(contract.id.rawValue)~" + String(repeating: "A", count: 43))
        let unknown = await #expect(throws: ContractError.self) { try await harness.workflow.openInvitation(forged) }
        #expect(unknown?.code == .invalidLink)
        #expect(throws: ContractError.self) { try InvitationLink("not a link") }
    }

    @Test func cancelledLink() async throws {
        let harness = try await Harness()
        let (contract, links) = try await harness.createAndSend([Harness.witness("p1")])
        let link = try #require(links[p1])
        try await harness.passEmailOTP(link, p1)
        _ = try await harness.workflow.cancel(contract.id, reason: "条件変更", by: ContractFixtures.owner)
        let error = await #expect(throws: ContractError.self) { try await harness.workflow.signAsWitness(link, instruction: harness.instruction(contract)) }
        #expect(error?.code == .linkRevoked)
    }

    @Test func ipOutsideAllowList() async throws {
        let policy = OrganisationAccessPolicy(members: [ContractFixtures.organisation: [UserID("alice"): .owner]],
                                              participantIPAllowList: [CIDRRange("198.51.100.0/24")!, CIDRRange("2001:db8::/32")!])
        let harness = try await Harness(policy: policy)
        let (contract, links) = try await harness.createAndSend([Harness.witness("p1")])
        let link = try #require(links[p1])
        let inside = RequestInfo(ipAddress: "198.51.100.7", userAgent: "Safari")
        try await harness.passEmailOTP(link, p1, request: inside)
        let outside = RequestInfo(ipAddress: "203.0.113.5", userAgent: "curl")
        let error = await #expect(throws: ContractError.self) {
            try await harness.workflow.signAsWitness(link, instruction: harness.instruction(contract, request: outside))
        }
        #expect(error?.code == .accessDenied && error?.action == .sign)
        let denied = try await harness.store.events(of: contract.id).last
        #expect(denied?.action == .accessDenied && denied?.ipAddress == "203.0.113.5" && denied?.details["denial"] == "ipNotAllowed")
        _ = try await harness.workflow.signAsWitness(link, instruction: harness.instruction(contract, request: RequestInfo(ipAddress: "2001:db8::9")))
    }

    @Test func memberAccessIsCheckedAndAudited() async throws {
        let policy = OrganisationAccessPolicy(members: [ContractFixtures.organisation: [UserID("alice"): .owner, UserID("victor"): .viewer]],
                                              memberIPAllowList: [CIDRRange("192.0.2.0/24")!], requiresMFA: true)
        let harness = try await Harness(policy: policy)
        let (contract, _) = try await harness.createAndSend([Harness.witness("p1")])
        let viewer = AuthenticationContext(userID: UserID("victor"), mfaSatisfied: true, request: RequestInfo(ipAddress: "192.0.2.20"))
        _ = try await harness.workflow.contract(contract.id, by: viewer)
        let cancel = await #expect(throws: ContractError.self) { try await harness.workflow.cancel(contract.id, reason: "x", by: viewer) }
        #expect(cancel?.code == .accessDenied)
        let noMFA = AuthenticationContext(userID: UserID("alice"), mfaSatisfied: false, request: RequestInfo(ipAddress: "192.0.2.10"))
        await #expect(throws: ContractError.self) { try await harness.workflow.contract(contract.id, by: noMFA) }
        let wrongIP = AuthenticationContext(userID: UserID("alice"), mfaSatisfied: true, request: RequestInfo(ipAddress: "203.0.113.1"))
        await #expect(throws: ContractError.self) { try await harness.workflow.document(contract.id, by: wrongIP) }
        let stranger = AuthenticationContext(userID: UserID("mallory"), mfaSatisfied: true, request: RequestInfo(ipAddress: "192.0.2.1"))
        await #expect(throws: ContractError.self) { try await harness.workflow.contract(contract.id, by: stranger) }
        let denials = try await harness.store.events(of: contract.id).filter { $0.action == .accessDenied }.compactMap { $0.details["denial"] }
        #expect(denials == ["missingPermission", "mfaRequired", "ipNotAllowed", "notMember"])
    }

    @Test func totpAccessCodeAndIdentityProvider() async throws {
        let secret = Array("12345678901234567890".utf8)
        let harness = try await Harness(totp: FixedTOTP(totp: try TOTP(secret: secret)), identityProvider: AcceptingIdP())
        let policy = AuthenticationPolicy(requiredFactors: [.totp, .accessCode, .identityProvider])
        let (contract, links) = try await harness.createAndSend([Harness.witness("p1", policy: policy)], accessCodes: [p1: "4711-ab"])
        let link = try #require(links[p1])
        let totp = try TOTP(secret: secret)
        try await harness.workflow.verifyTOTP(link, code: totp.code(at: harness.clock.now()))
        // The same TOTP code is not accepted twice.
        let replay = await #expect(throws: ContractError.self) { try await harness.workflow.verifyTOTP(link, code: totp.code(at: harness.clock.now())) }
        #expect(replay?.code == .authenticationFailed)
        let wrongCode = await #expect(throws: ContractError.self) { try await harness.workflow.verifyAccessCode(link, code: "4711-AB") }
        #expect(wrongCode?.code == .authenticationFailed)
        try await harness.workflow.verifyAccessCode(link, code: "4711-ab")
        let badIdP = await #expect(throws: ContractError.self) {
            try await harness.workflow.verifyIdentity(link, assertion: IdentityAssertion(provider: "test", payload: Array("other@example.jp".utf8)))
        }
        #expect(badIdP?.code == .authenticationFailed)
        try await harness.workflow.verifyIdentity(link, assertion: IdentityAssertion(provider: "test", payload: Array("p1@example.jp".utf8)))
        let evidence = try await harness.workflow.signAsWitness(link, instruction: harness.instruction(contract))
        #expect(Set(evidence.factors.map(\.factor)) == [.totp, .accessCode, .identityProvider])
    }

    @Test func witnessPolicyWithoutFactorIsRefusedAtCreation() async throws {
        let harness = try await Harness()
        let error = await #expect(throws: ContractError.self) {
            try await harness.createAndSend([Harness.witness("p1", policy: AuthenticationPolicy(requiredFactors: []))])
        }
        #expect(error?.code == .invalidArgument)
    }
}

struct FixedTOTP: TOTPSecretSource {
    let totp: TOTP
    func totp(for participant: Participant, contractID: ContractID) async throws -> TOTP? { totp }
}

/// Accepts an assertion whose payload is an e-mail address (standing in for a verified ID token).
struct AcceptingIdP: IdentityProvider {
    func verify(_ assertion: IdentityAssertion, for participant: Participant, at time: Date) async throws -> VerifiedIdentity {
        VerifiedIdentity(issuer: "https://idp.example.jp", subject: "sub-1", email: String(decoding: assertion.payload, as: UTF8.self), authenticatedAt: time)
    }
}

/// A TSA outage at completion does not lose the signature; the head is anchored afterwards.
@Suite struct AnchoringOutageTests {
    struct FailingOnce: AuditAnchoring {
        let state = Flag()
        func anchor(headHash: [UInt8]) async throws -> (token: [UInt8], time: Date) {
            if await state.takeFirst() { throw ContractError(.anchoringFailed, "TSA down") }
            return (Array("anchor:".utf8) + headHash, Date(timeIntervalSince1970: 0))
        }
        func verify(token: [UInt8], headHash: [UInt8]) async -> Bool { token == Array("anchor:".utf8) + headHash }
    }
    actor Flag {
        var first = true
        func takeFirst() -> Bool { defer { first = false }; return first }
    }

    @Test func completionSurvivesAnOutage() async throws {
        let store = InMemoryContractStore(), notifier = CollectingNotifier()
        let workflow = ContractWorkflow(dependencies: .init(
            store: store, documents: InMemoryDocumentStore(), notifier: notifier,
            signingEngine: PDFSignerContractEngine(witnessKey: try ContractFixtures.witnessKey()),
            accessPolicy: OrganisationAccessPolicy(members: [ContractFixtures.organisation: [UserID("alice"): .owner]]),
            clock: ManualContractClock(ContractFixtures.start), anchoring: FailingOnce()))
        let draft = ContractDraft(title: "t", organisationID: ContractFixtures.organisation, participants: [Harness.witness("p1", policy: .accessCode)])
        let contract = try await workflow.create(draft, pdf: ContractFixtures.pdf(), accessCodes: [ParticipantID("p1"): "abcd"], by: ContractFixtures.owner)
        let link = try #require(try await workflow.send(contract.id, by: ContractFixtures.owner).first?.link)
        try await workflow.verifyAccessCode(link, code: "abcd")
        _ = try await workflow.signAsWitness(link, instruction: WitnessSigningInstruction(documentSHA256: contract.document.sha256, consentText: "ok"))
        #expect(try await workflow.contract(contract.id, by: ContractFixtures.owner).state == .completed)
        #expect(try await store.load(contract.id).record.anchors.isEmpty)
        let anchor = try await workflow.anchorAuditHead(contract.id, by: ContractFixtures.owner)
        let events = try await store.events(of: contract.id)
        #expect(anchor?.sequence == events.count)
        #expect(try await workflow.anchorAuditHead(contract.id, by: ContractFixtures.owner) == nil)
        #expect(try await workflow.verifyAuditTrail(contract.id, by: ContractFixtures.owner).isIntact)
    }
}
