import CMSCore
import ContractModel
import Foundation
import PDFSign
import Testing

/// The witness evidence as a signed attribute: written by PDFSignerContractEngine into a real
/// signed PDF, read back from the validator's report, and checked against the evidence.
@Suite struct WitnessEvidenceAttributeTests {
    @Test func roundTripThroughASignedPDF() async throws {
        let harness = try await Harness()
        let witness = Harness.witness("w1")
        let (contract, links) = try await harness.createAndSend([witness])
        let link = try #require(links[witness.id])
        try await harness.passEmailOTP(link, witness.id)
        let evidence = try await harness.workflow.signAsWitness(link, instruction: harness.instruction(contract))

        let pdf = try await harness.workflow.document(contract.id, by: ContractFixtures.owner)
        let report = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [ContractFixtures.pki.root]))
            .validate(try PDFDocument(bytes: pdf))
        let signature = try #require(report.signatures.first)
        #expect(signature.intact)
        let attribute = try #require(try WitnessEvidenceAttribute.find(in: signature.otherSignedAttributes))
        #expect(attribute.contractID == contract.id)
        #expect(attribute.evidenceDigest == evidence.digest)
        #expect(attribute.digestAlgorithm == "2.16.840.1.101.3.4.2.1")
        #expect(attribute.matches(evidence))
        // Other evidence (one changed field) does not match.
        var other = evidence
        other.consentText += "。"
        #expect(!attribute.matches(other))
        // The report's JSON carries the raw attribute, and decoding it back gives the same value.
        let decoded = try JSONDecoder().decode(PDFSignatureReport.self, from: try JSONEncoder().encode(signature))
        #expect(try WitnessEvidenceAttribute.find(in: decoded.otherSignedAttributes) == attribute)
    }

    @Test func partySignaturesCarryNoEvidence() async throws {
        let harness = try await Harness()
        let party = Participant(id: ParticipantID("p"), name: "当事者", email: "p@example.jp", role: .signer, orderGroup: 1, signingMethod: .partyCertificate)
        let (contract, _) = try await harness.createAndSend([party])
        _ = try await harness.workflow.signAsParty(contract.id, participant: party.id, key: try ContractFixtures.partyKey("party-p-mail", commonName: "当事者", email: "p@example.jp"))
        let pdf = try await harness.workflow.document(contract.id, by: ContractFixtures.owner)
        let report = await PDFSignatureValidator().validate(try PDFDocument(bytes: pdf))
        #expect(try WitnessEvidenceAttribute.find(in: try #require(report.signatures.first).otherSignedAttributes) == nil)
    }

    @Test func derIsStableAndMalformedValuesAreTypedErrors() throws {
        let value = WitnessEvidenceAttribute(contractID: ContractID("c-1"), evidenceDigest: [0xAB, 0xCD])
        // SEQUENCE { UTF8String "c-1", OCTET STRING abcd, OID sha256 }
        #expect(Hex(try value.derEncoded()) == "30140c03632d310402abcd0609608648016503040201")
        #expect(try WitnessEvidenceAttribute(derEncoded: value.derEncoded()) == value)
        for bad: [UInt8] in [[], [0x30, 0x00], [0x04, 0x01, 0x00], [0x30, 0x05, 0x0C, 0x03, 0x63, 0x2D, 0x31]] {
            let error = #expect(throws: ContractError.self) { try WitnessEvidenceAttribute(derEncoded: bad) }
            #expect(error?.code == .invalidArgument)
        }
        let raw = try CMSRawAttribute(type: WitnessEvidenceAttribute.attributeType, valueDER: [0x05, 0x00])
        #expect(throws: ContractError.self) { try WitnessEvidenceAttribute.find(in: [raw]) }
    }

    private func Hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
