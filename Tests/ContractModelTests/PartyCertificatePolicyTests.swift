import CMSCore
import ContractModel
import Foundation
import PDFSign
import Testing
import X509

/// 当事者型: the signing certificate must be bound to the participant; deny by default.
@Suite struct PartyCertificatePolicyTests {
    static let party = Participant(id: ParticipantID("p"), name: "当事者", email: "P@Example.jp", role: .signer, orderGroup: 1, signingMethod: .partyCertificate)

    enum Case: String, CaseIterable, Sendable { case otherEmail, noEmail }

    @Test(arguments: Case.allCases)
    func unboundCertificatesAreRefusedAndAudited(_ which: Case) async throws {
        let harness = try await Harness()
        let (contract, _) = try await harness.createAndSend([Self.party])
        let key = which == .otherEmail
            ? try ContractFixtures.partyKey("party-mallory", commonName: "当事者", email: "mallory@example.jp")
            : try ContractFixtures.key("party-no-mail", commonName: "当事者")
        let error = await #expect(throws: ContractError.self) {
            _ = try await harness.workflow.signAsParty(contract.id, participant: Self.party.id, key: key)
        }
        #expect(error?.code == .certificateNotBound)
        #expect(error?.action == .sign)
        let after = try await harness.workflow.contract(contract.id, by: ContractFixtures.owner)
        #expect(after.participant(Self.party.id)?.state != .signed)
        #expect(after.latestRevision == contract.latestRevision, "nothing was signed")
        let events = try await harness.store.events(of: contract.id)
        let denial = try #require(events.last)
        #expect(denial.action == .accessDenied)
        #expect(denial.details["refusal"] == (which == .otherEmail ? "emailMismatch" : "noEmailInCertificate"))
        #expect(try await harness.workflow.verifyAuditTrail(contract.id, by: ContractFixtures.owner).isIntact)
    }

    @Test func boundCertificateSignsCaseInsensitively() async throws {
        let harness = try await Harness()
        let (contract, _) = try await harness.createAndSend([Self.party])
        let signed = try await harness.workflow.signAsParty(contract.id, participant: Self.party.id,
                                                            key: try ContractFixtures.partyKey("party-p-bound", commonName: "当事者", email: "p@example.JP"))
        #expect(signed.state == .completed)
    }

    @Test func pinnedPolicyAcceptsOnlyThePinnedCertificate() async throws {
        let pinnedKey = try ContractFixtures.key("party-seal", commonName: "株式会社サンプル 社印")
        let other = try ContractFixtures.key("party-seal-other", commonName: "株式会社サンプル 社印")
        let policy = PinnedPartyCertificates(fingerprints: [Self.party.id: [try PinnedPartyCertificates.fingerprint(of: pinnedKey.certificateChain[0])]])
        #expect(await policy.refusal(of: other.certificateChain[0], for: Self.party) == .notPinned)
        #expect(await policy.refusal(of: pinnedKey.certificateChain[0], for: Self.party) == nil)
        // The default policy reads rfc822Name / emailAddress; the seal names none.
        #expect(EmailBoundPartyCertificates.emailAddresses(of: pinnedKey.certificateChain[0]).isEmpty)
        #expect(await EmailBoundPartyCertificates().refusal(of: pinnedKey.certificateChain[0], for: Self.party) == .noEmailInCertificate)
    }
}
