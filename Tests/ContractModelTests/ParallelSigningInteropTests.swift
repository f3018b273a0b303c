import CMSCore
import ContractModel
import Foundation
import PDFSign
import TestSupport
import Testing
import TimestampClient

/// Must-show "parallel signing", checked independently: 10 participants of one parallel group
/// sign at once (SQLite store, the interop PKI's witness key, B-T from the interop TSA); the
/// final PDF passes `validate-pdf --expect B-T` (pyHanko, a PAdES level check, pdfsig, qpdf),
/// and extended to B-LTA it passes `validate-pdf --expect B-LTA`.
@Suite struct ParallelSigningInteropTests {
    @Test func tenConcurrentWitnessSignersValidateIndependently() async throws {
        if let missing = InteropContractKit.missing {
            print("SKIPPED tenConcurrentWitnessSignersValidateIndependently (validate-pdf of the 10-signer PDF): \(missing)")
            return
        }
        let tsa = HTTPTimestampAuthority(url: try #require(InteropContractKit.tsaURL))
        let harness = try await Harness(.sqlite, witnessKey: try InteropContractKit.witnessKey(), timestampAuthority: tsa)
        let ids = (1...10).map { "s\($0)" }
        let participants = ids.map { Harness.witness($0, policy: .accessCode) }
        let codes = Dictionary(uniqueKeysWithValues: participants.map { ($0.id, "code-\($0.id.rawValue)") })
        let (contract, links) = try await harness.createAndSend(participants, accessCodes: codes)
        for participant in participants { try await harness.workflow.verifyAccessCode(links[participant.id]!, code: codes[participant.id]!) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for participant in participants {
                let link = links[participant.id]!, instruction = harness.instruction(contract)
                group.addTask { _ = try await harness.workflow.signAsWitness(link, instruction: instruction) }
            }
            try await group.waitForAll()
        }
        #expect(try await harness.workflow.contract(contract.id, by: ContractFixtures.owner).state == .completed)
        #expect(try await harness.store.events(of: contract.id).filter { $0.action == .signed }.count == 10)
        let pdf = try await harness.workflow.document(contract.id, by: ContractFixtures.owner)
        let root = try InteropContractKit.root()
        let lta = try await PDFLongTermValidation(timestampAuthority: tsa, extraCertificates: root).extendingToLTA(PDFDocument(bytes: pdf))

        let directory = try #require(harness.directory)
        let final = directory.appendingPathComponent("ten-signers-bt.pdf"), extended = directory.appendingPathComponent("ten-signers-lta.pdf")
        try Data(pdf).write(to: final)
        try Data(lta).write(to: extended)
        for (file, level) in [(final, "B-T"), (extended, "B-LTA")] {
            let check = try await ExternalTool.run(InteropContractKit.validatePDF, [file.path, "--expect", level], standardError: .merged)
            #expect(check.status == 0, "validate-pdf \(file.lastPathComponent) --expect \(level) said: \(check.text)")
        }
        // Our validator agrees: 10 intact signatures from the 10 fields, each at B-LTA after the extension.
        let ours = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: root)).validate(try PDFDocument(bytes: lta))
        #expect(Set(ours.signatures.map(\.field)) == Set(ids.map { "Signature-v1-\($0)" }))
        #expect(ours.signatures.count == 10 && ours.signatures.allSatisfy { $0.intact && $0.level == .lta }, "\(ours.signatures.map(\.findings))")
        if let pdfsig = ExternalTool.path("pdfsig") {
            let text = try await ExternalTool.run(pdfsig, [extended.path]).stdoutText
            #expect(text.components(separatedBy: "Signature is Valid.").count - 1 >= 10, "pdfsig said: \(text)")
        }
    }
}
