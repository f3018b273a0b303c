import ContractDefaults
import ArgumentParser
import CMSCore
import ContractModel
import Foundation
import PDFSign
import TimestampClient
import X509

/// The README's main command: the whole contract flow through `ContractWorkflow` on the CLI's
/// embedded defaults (SQLite store, file notifier, sandbox PKI and TSA), offline.
struct DemoCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a sample contract end to end (当事者型 + 立会人型 with an e-mail OTP, B-LTA, audit trail) on an in-process sandbox PKI and TSA (no setup, no network)."
    )

    @Option(name: .long, help: "Folder for the store, the sandbox PKI and the outputs.")
    var out: String = "econtract-demo"

    @Option(name: .long, help: "Font file for the contract and the signatures (.ttf, .otf or .ttc; default: a Japanese system font, else the predefined HeiseiKakuGo-W5).")
    var font: String?

    @Flag(name: .long, help: "Ignore the system fonts (as ECONTRACT_NO_SYSTEM_FONTS=1 does): use --font or the predefined font.")
    var noSystemFonts = false

    @OptionGroup var logging: LoggingOptions

    static let ours = ParticipantID("kou"), theirs = ParticipantID("otsu")

    func run() async throws {
        try await runReportingErrors {
            let dir = URL(fileURLWithPath: out)
            let font = try FontChoice.japanese(file: self.font, systemFonts: !noSystemFonts)
            let appearances = try Self.appearances(font: font)
            let environment = try ContractEnvironment(path: out, certificateFont: font) { options, request in
                options.appearance = appearances[request.participant.id]
                options.location = "東京都千代田区"
            }
            let workflow = environment.workflow, owner = ContractEnvironment.caller
            print("1. store ready in \(dir.path): SQLite contracts + audit trail, file notifier (outbox/), sandbox PKI (root, issuing CA, TSA, OCSP/CRL; root: \(environment.rootFile.path))")

            let contractPath = dir.appendingPathComponent("contract.pdf").path
            try writeFile(contractPath, try DemoContract.document(font: font).pdfBytes())
            print("2. wrote the sample contract \(contractPath) (\(FontChoice.describe(font)))")

            let draft = ContractDraft(title: "業務委託契約書", organisationID: ContractEnvironment.organisation, metadata: try Self.metadata(), participants: [
                Participant(id: Self.ours, name: "山田 太郎", email: "taro@sample-shoji.example", organisation: "サンプル商事株式会社",
                            orderGroup: 1, signingMethod: .partyCertificate),
                Participant(id: Self.theirs, name: "鈴木 花子", email: "hanako@sample-kobai.example", organisation: "株式会社サンプル購買",
                            orderGroup: 2, signingMethod: .witness(.emailOTP)),
            ])
            let created = try await workflow.create(draft, pdf: try readFile(contractPath), by: owner)
            _ = try await workflow.send(created.id, by: owner)
            print("3. created contract \(created.id) (甲 当事者型 in group 1, 乙 立会人型 with an e-mail OTP in group 2) and sent it")

            let ourKey = try environment.sandbox.signer(named: "our-company-taro", subject: try DistinguishedName {
                CountryName("JP")
                OrganizationName("サンプル商事株式会社")
                CommonName("山田 太郎")
                EmailAddress("taro@sample-shoji.example")
            })
            _ = try await workflow.signAsParty(created.id, participant: Self.ours, key: ourKey)
            print("4. 甲 signed with its own certificate (当事者型, visible seal, PAdES B-T): \(ourKey.certificateChain[0].subject)")

            let link = try environment.invitationLink(for: Self.theirs, of: created.id)
            let client = RequestInfo(ipAddress: "198.51.100.7", userAgent: "Mozilla/5.0 (demo)")
            let view = try await workflow.openInvitation(link, request: client)
            try await workflow.requestOTP(link, factor: .emailOTP, request: client)
            let code = try environment.lastOneTimePassword(for: Self.theirs, of: created.id)
            try await workflow.verifyOTP(link, factor: .emailOTP, code: code, request: client)
            print("5. 乙 got the invitation and a one-time password by e-mail (\(environment.outbox.path)/messages.jsonl) and authenticated")
            let evidence = try await workflow.signAsWitness(link, instruction: WitnessSigningInstruction(
                documentSHA256: view.documentSHA256, consentText: "私は本契約の内容を確認し、立会人型電子署名による締結に同意します。", request: client))
            print("6. 乙 instructed the platform, whose witness certificate signed (立会人型, PAdES B-T); evidence sha256 \(evidence.digestHex) is in the trail and a signed attribute")

            let completed = try await workflow.contract(created.id, by: owner)
            guard completed.state == .completed, let lta = LTACompletionStep.file(in: environment.completedDirectory(created.id)) else {
                FileHandle.standardError.write(Data("error: the contract did not complete to B-LTA (state \(completed.state.kind.rawValue); run with -v)\n".utf8))
                throw CLIExit.invalid
            }
            let archived = try readFile(lta)
            let signedPath = dir.appendingPathComponent("contract-signed.pdf").path
            try writeFile(signedPath, archived)
            let renewal = try PDFLongTermValidation.renewalDate(of: PDFDocument(bytes: archived))
            print("7. completed: validation data (DSS: chains, OCSP responses, CRLs) and a document timestamp: PAdES B-LTA → \(signedPath)"
                + (renewal.map { " (renew the archive timestamp before \(ISO8601DateFormatter().string(from: $0)))" } ?? ""))

            let certificatePath = dir.appendingPathComponent(ContractExportCommand.certificateFileName).path
            try writeFile(certificatePath, try readFile(environment.completedDirectory(created.id)
                .appendingPathComponent(ContractExportCommand.certificateFileName).path))
            print("   completion certificate (合意締結証明書: document hash, participants, methods and factors, audit trail and its anchored head), signed by the platform at PAdES B-LTA → \(certificatePath)")

            let validator = PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [environment.sandbox.root]))
            let report = await validator.validate(try PDFDocument(bytes: archived))
            let reportPath = dir.appendingPathComponent("validation-report.json").path
            try writeFile(reportPath, Array(try report.jsonData()))
            print("8. validated offline (trusting only the sandbox root): \(report.valid ? "VALID" : "NOT VALID") → \(reportPath)")
            for item in report.signatures + report.documentTimestamps {
                print("     \(item.field): \(item.indication.rawValue) level \(item.level?.rawValue ?? "none"), modifications \(item.modifications.rawValue)")
            }
            let attribute = try report.signatures.compactMap { try WitnessEvidenceAttribute.find(in: $0.otherSignedAttributes) }.first
            let evidenceSigned = attribute?.matches(evidence) == true
            print("     witness evidence attribute: \(attribute.map { "contract \($0.contractID), evidence sha256 \($0.evidenceDigestHex)" } ?? "missing") — \(evidenceSigned ? "matches the trail" : "DOES NOT MATCH")")

            let trail = try await workflow.auditTrail(created.id, by: owner)
            let verified = try await workflow.verifyAuditTrail(created.id, by: owner)
            print("9. audit trail: \(trail.events.count) events (\(trail.events.map(\.action.rawValue).joined(separator: ", "))), head anchored by an RFC 3161 timestamp: \(verified.isIntact ? "INTACT" : "BROKEN")")

            var tampered = archived
            tampered[archived.count / 64] ^= 0x01  // inside the original contract, which every signature covers
            let tamperedReport = await validator.validate(try PDFDocument(bytes: tampered))
            var editedTrail = trail.events
            editedTrail[2].details["edited"] = "yes"
            let editedResult = await AuditTrailVerifier(anchoring: workflow.dependencies.anchoring).verify(editedTrail, anchors: trail.anchors, contractID: created.id)
            print("10. a one-byte change to the contract text is caught: \(tamperedReport.signatures.map { "\($0.field) \($0.indication.rawValue)/\($0.subIndication?.rawValue ?? "")" }.joined(separator: ", "))")
            print("    an edited audit event is caught: \(editedResult.problem.map { "event \($0.sequence) \($0.kind.rawValue)" } ?? "NOT CAUGHT")")
            print("Check it with other tools: ../shared/interop/validate-pdf \(signedPath) --expect B-LTA --trust \(environment.rootFile.path)")
            print("Or continue with the CLI: econtract contract status \(created.id) --store \(dir.path)")
            guard report.valid, evidenceSigned, verified.isIntact, !tamperedReport.valid, editedResult.problem?.sequence == editedTrail[2].sequence else {
                throw CLIExit.invalid
            }
        }
    }

    /// The visible signatures: 甲's seal and 乙's witness box.
    static func appearances(font: PDFFont) throws -> [ParticipantID: PDFSignatureAppearance] {
        [ours: try PDFSignatureAppearance(
            pageIndex: 0, rectangle: try PDFRectangle(x: 64, y: 64, width: 230, height: 70),
            textLines: ["甲: サンプル商事株式会社", "代表取締役 山田 太郎", "当事者型署名・タイムスタンプ付"],
            font: font, stamp: try PDFStampImage.sampleSeal()),
         theirs: try PDFSignatureAppearance(
            pageIndex: 0, rectangle: try PDFRectangle(x: 300, y: 64, width: 231, height: 70),
            textLines: ["乙: 株式会社サンプル購買", "鈴木 花子 (メール OTP 認証済み)", "立会人型署名・タイムスタンプ付"],
            font: font)]
    }

    static func metadata() throws -> ArchiveMetadata {
        ArchiveMetadata(transactionDate: try CivilDate("2026-11-26"), amount: try MonetaryAmount(Decimal(1_100_000), currency: "JPY"),
                        counterparty: "株式会社サンプル購買", documentKind: .contract,
                        term: try ContractTerm(start: CivilDate("2026-12-01"), end: CivilDate("2027-11-30"), autoRenewal: false))
    }
}
