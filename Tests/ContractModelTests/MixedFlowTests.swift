import CMSCore
import ContractModel
import ContractStoreSQLite
import Foundation
import PDFSign
import Testing
import TestSupport
import TimestampClient
import X509

/// 当事者型 then 立会人型 with signature timestamps, audit anchors from a real RFC 3161 TSA (the sandbox's),
/// checked by our validator and, when installed, by poppler's pdfsig.
@Suite struct MixedFlowTests {
    static func tsa() throws -> LocalTimestampAuthority {
        try LocalTimestampAuthority(key: ContractFixtures.pki.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 1])
    }

    @Test func partyThenWitnessWithTimestampAnchors() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("contract-mixed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try SQLiteContractStore(path: directory.appendingPathComponent("contracts.sqlite").path)
        let notifier = try FileNotifier(directory: directory.appendingPathComponent("outbox"))
        let clock = ManualContractClock(Date())  // the TSA stamps real time; event times follow it
        let anchoring = TimestampAuditAnchoring(authority: try Self.tsa(),
                                                verifier: TimestampVerifier(policy: TimestampVerificationPolicy(trustAnchors: [ContractFixtures.pki.root])))
        let engine = PDFSignerContractEngine(witnessKey: try ContractFixtures.witnessKey(), platformName: "EContractKit Sandbox", timestampAuthority: try Self.tsa())
        var configuration = ContractWorkflow.Configuration()
        configuration.anchorEvery = 5
        let completion = LTACompletion(tsa: try Self.tsa())
        let workflow = ContractWorkflow(dependencies: .init(
            store: database, documents: try SQLiteDocumentStore(directory: directory.appendingPathComponent("documents"), database: database),
            notifier: notifier, signingEngine: engine,
            accessPolicy: OrganisationAccessPolicy(members: [ContractFixtures.organisation: [UserID("alice"): .owner]]),
            clock: clock, anchoring: anchoring, completionHandler: completion), configuration: configuration)

        let party = Participant(id: ParticipantID("ours"), name: "山田 太郎", email: "taro@example.jp", organisation: "自社株式会社",
                                role: .signer, orderGroup: 1, signingMethod: .partyCertificate)
        let witness = Participant(id: ParticipantID("theirs"), name: "佐藤 花子", email: "hanako@example.jp", organisation: "株式会社サンプル",
                                  role: .signer, orderGroup: 2, signingMethod: .witness(.emailOTP))
        let cc = Participant(id: ParticipantID("legal"), name: "法務部", email: "legal@example.jp", role: .cc, orderGroup: 3)
        let draft = ContractDraft(title: "秘密保持契約書", organisationID: ContractFixtures.organisation,
                                  metadata: ArchiveMetadata(transactionDate: try CivilDate("2026-12-01"), amount: try MonetaryAmount(Decimal(string: "1100000.50")!, currency: "JPY"),
                                                            counterparty: "株式会社サンプル", documentKind: .contract,
                                                            term: try ContractTerm(start: CivilDate("2026-12-01"), end: CivilDate("2027-11-30"), autoRenewal: true, renewalMonths: 12),
                                                            customFields: ["案件番号": "A-42"]),
                                  participants: [party, witness, cc])
        let contract = try await workflow.create(draft, pdf: ContractFixtures.pdf(), by: ContractFixtures.owner)
        let first = try await workflow.send(contract.id, by: ContractFixtures.owner)
        #expect(first.map(\.participantID) == [party.id])

        // The witness cannot act before group 1 has signed.
        let key = try ContractFixtures.partyKey("party-taro-mail", commonName: "山田 太郎", email: "taro@example.jp")
        _ = try await workflow.signAsParty(contract.id, participant: party.id, key: key)

        // The witness's invitation and OTP arrive in the file notifier, as the CLI reads them.
        let messages = try FileNotifier.messages(in: directory.appendingPathComponent("outbox"))
        let invitation = try #require(messages.last { $0.participantID == witness.id && $0.kind == .invitation })
        let link = try InvitationLink(try #require(invitation.link))
        _ = try await workflow.openInvitation(link)
        try await workflow.requestOTP(link, factor: .emailOTP, request: RequestInfo(ipAddress: "198.51.100.7"))
        let code = try #require(try FileNotifier.messages(in: directory.appendingPathComponent("outbox")).last { $0.kind == .oneTimePassword }?.oneTimePassword)
        try await workflow.verifyOTP(link, factor: .emailOTP, code: code)
        let evidence = try await workflow.signAsWitness(link, instruction: WitnessSigningInstruction(
            documentSHA256: contract.document.sha256, consentText: "同意します", request: RequestInfo(ipAddress: "198.51.100.7", userAgent: "Safari")))

        let done = try await workflow.contract(contract.id, by: ContractFixtures.owner)
        #expect(done.state == .completed)
        #expect(done.metadata.amount?.value == Decimal(string: "1100000.50"))
        let trail = try await workflow.auditTrail(contract.id, by: ContractFixtures.owner)
        #expect(trail.anchors.last?.sequence == trail.events.count)
        #expect(trail.anchors.count >= 2)  // every 5 events, and at completion
        #expect(try await workflow.verifyAuditTrail(contract.id, by: ContractFixtures.owner).isIntact)
        // An anchor token that does not stamp its head is refused by the TSA-backed check.
        let bogus = await anchoring.verify(token: trail.anchors[0].timestampToken, headHash: Array(repeating: 0, count: 32))
        #expect(!bogus)
        // The cc participant was told of completion.
        #expect(try FileNotifier.messages(in: directory.appendingPathComponent("outbox")).contains { $0.participantID == cc.id && $0.kind == .completed })

        // The PDF: two intact, trusted B-T signatures; the witness's says whose instruction it follows.
        let pdf = try await workflow.document(contract.id, by: ContractFixtures.owner)
        let report = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [ContractFixtures.pki.root])).validate(try PDFDocument(bytes: pdf))
        #expect(report.signatures.count == 2)
        // Intact and not failed; trust stays INDETERMINATE/TRY_LATER until completion adds the
        // revocation data (B-LT/B-LTA, the completion handler's job).
        #expect(report.signatures.allSatisfy { $0.intact && $0.indication != .totalFailed })
        let signatures = try PDFDocument(bytes: pdf).embeddedSignatures()
        let witnessSignature = try #require(signatures.first { $0.field.qualifiedName == "Signature-v1-theirs" })
        #expect(witnessSignature.signatureDictionary.signerName == "佐藤 花子")
        #expect(witnessSignature.signatureDictionary.reason?.contains("on the instruction of 佐藤 花子") == true)
        #expect(witnessSignature.signatureDictionary.reason?.contains(evidence.digestHex) == true)

        if let pdfsig = ExternalTool.path("pdfsig") {
            let file = directory.appendingPathComponent("final.pdf")
            try Data(pdf).write(to: file)
            let text = try await ExternalTool.run(pdfsig, [file.path]).stdoutText
            #expect(text.components(separatedBy: "Signature is Valid.").count - 1 == 2, "pdfsig said: \(text)")
        } else {
            print("SKIPPED pdfsig check: pdfsig not installed")
        }

        // Completion: B-LTA over the final PDF, and the completion certificate signed by the platform at B-LTA.
        let lta = try #require(await completion.result)
        #expect(lta.count > pdf.count)
        let certificate = try #require(await completion.certificate)
        let certificateReport = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [ContractFixtures.pki.root]))
            .validate(try PDFDocument(bytes: certificate))
        #expect(certificateReport.valid && certificateReport.signatures.first?.level == .lta, "\(certificateReport)")
        let ltaFile = directory.appendingPathComponent("final-lta.pdf"), certificateFile = directory.appendingPathComponent("certificate.pdf")
        try Data(lta).write(to: ltaFile)
        try Data(certificate).write(to: certificateFile)
        if let pdftotext = ExternalTool.path("pdftotext") {
            let text = try await ExternalTool.run(pdftotext, [certificateFile.path, "-"]).stdoutText
            let flat = text.replacingOccurrences(of: "\n", with: "")
            #expect(text.contains("合意締結証明書") && text.contains("山田 太郎") && text.contains("佐藤 花子"), "\(text)")
            #expect(flat.contains(await completion.documentSHA256 ?? "?"), "the certificate shows the final document's SHA-256: \(text)")
        } else {
            print("SKIPPED pdftotext check of the completion certificate: pdftotext not installed")
        }
        let validate = "/work/shared/interop/validate-pdf"
        guard FileManager.default.isExecutableFile(atPath: validate) else {
            print("SKIPPED validate-pdf: \(validate) not present")
            return
        }
        let rootFile = ContractFixtures.pki.directory.appendingPathComponent(SandboxPKI.rootFileName)
        for file in [ltaFile, certificateFile] {
            let check = try await ExternalTool.run(validate, [file.path, "--expect", "B-LTA", "--trust", rootFile.path], standardError: .merged)
            #expect(check.status == 0, "validate-pdf \(file.lastPathComponent) said: \(check.text)")
        }
    }

    /// Completion: extends the final PDF to B-LTA with the sandbox's revocation data, and issues
    /// the completion certificate signed by the platform's key at B-LTA.
    actor LTACompletion: ContractCompletionHandler {
        let tsa: LocalTimestampAuthority
        var result: [UInt8]?
        var certificate: [UInt8]?
        var documentSHA256: String?
        init(tsa: LocalTimestampAuthority) { self.tsa = tsa }
        func contractCompleted(_ completed: CompletedContract) async throws {
            let ltv = PDFLongTermValidation(revocationSource: try ContractFixtures.pki.revocationDataSource(), timestampAuthority: tsa,
                                            extraCertificates: [ContractFixtures.pki.root], issuerSource: nil)
            result = try await ltv.extendingToLTA(PDFDocument(bytes: completed.document))
            let issued = CompletionCertificate(completed: completed, issuer: "EContractKit Sandbox",
                                               fonts: PDFComposerFonts(regular: PDFFontDiscovery().japaneseFont().font))
            documentSHA256 = issued.documentSHA256
            var signer = PDFSigner(key: try ContractFixtures.witnessKey(), level: .lta, timestampAuthority: tsa)
            signer.revocationSource = try ContractFixtures.pki.revocationDataSource()
            signer.extraCertificates = [ContractFixtures.pki.root]
            signer.issuerSource = nil
            certificate = try await issued.signed(by: signer)
        }
    }

    /// Two workflows (as two processes would) on one SQLite file sign the two parallel
    /// participants at once: version conflicts are retried on the newest revision and both signatures land.
    @Test func twoWorkflowsOnOneSQLiteFile() async throws {
        let harness = try await Harness(.sqlite)
        let a = Harness.witness("a", policy: .accessCode), b = Harness.witness("b", policy: .accessCode)
        let (contract, links) = try await harness.createAndSend([a, b], accessCodes: [a.id: "code-a", b.id: "code-b"])
        let path = harness.directory!.appendingPathComponent("contracts.sqlite").path
        func second() throws -> ContractWorkflow {
            let database = try SQLiteContractStore(path: path)
            return ContractWorkflow(dependencies: .init(
                store: database, documents: try SQLiteDocumentStore(directory: harness.directory!.appendingPathComponent("documents"), database: database),
                notifier: harness.notifier, signingEngine: PDFSignerContractEngine(witnessKey: try ContractFixtures.witnessKey()),
                accessPolicy: OrganisationAccessPolicy(members: [ContractFixtures.organisation: [UserID("alice"): .owner]]), clock: harness.clock))
        }
        let other = try second()
        try await harness.workflow.verifyAccessCode(links[a.id]!, code: "code-a")
        try await other.verifyAccessCode(links[b.id]!, code: "code-b")
        let instruction = harness.instruction(contract)
        async let signA = harness.workflow.signAsWitness(links[a.id]!, instruction: instruction)
        async let signB = other.signAsWitness(links[b.id]!, instruction: instruction)
        _ = try await (signA, signB)
        let pdf = try await harness.workflow.document(contract.id, by: ContractFixtures.owner)
        let report = await PDFSignatureValidator().validate(try PDFDocument(bytes: pdf))
        #expect(report.signatures.count == 2 && report.signatures.allSatisfy(\.intact))
        #expect(try await harness.workflow.contract(contract.id, by: ContractFixtures.owner).state == .completed)
        #expect(try await harness.workflow.verifyAuditTrail(contract.id, by: ContractFixtures.owner).isIntact)
    }

    @Test func declineEndsTheContract() async throws {
        let harness = try await Harness()
        let approver = Participant(id: ParticipantID("boss"), name: "承認者", email: "boss@example.jp", role: .approver, orderGroup: 1,
                                   signingMethod: .witness(.emailOTP))
        let (contract, links) = try await harness.createAndSend([approver, Harness.witness("p1", group: 2)])
        let link = try #require(links[approver.id])
        let early = await #expect(throws: ContractError.self) { try await harness.workflow.approve(link) }
        #expect(early?.code == .authenticationRequired)
        let declined = try await harness.workflow.decline(link, reason: "金額が違う")
        #expect(declined.state == .declined(reason: "金額が違う"))
        #expect(declined.participant(approver.id)?.state == .declined)
        let after = await #expect(throws: ContractError.self) { try await harness.workflow.openInvitation(link) }
        #expect(after?.code == .linkRevoked)
        _ = contract
    }
}
