import ArgumentParser
import CMSCore
import Foundation
import PDFSign
import TimestampClient
import X509

/// The README's main command: the whole contract-signing flow on embedded defaults, offline.
struct DemoCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Sign a sample contract PDF end to end on an in-process sandbox PKI and TSA (no setup, no network)."
    )

    @Option(name: .long, help: "Folder for the sandbox PKI and the outputs.")
    var out: String = "econtract-demo"

    @Option(name: .long, help: "Font file for the contract and the signatures (.ttf, .otf or .ttc; default: a Japanese system font, else the predefined HeiseiKakuGo-W5).")
    var font: String?

    @Flag(name: .long, help: "Ignore the system fonts (as ECONTRACT_NO_SYSTEM_FONTS=1 does): use --font or the predefined font.")
    var noSystemFonts = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await runReportingErrors {
            let dir = URL(fileURLWithPath: out)
            let sandbox = try SandboxPKI.openOrCreate(at: dir.appendingPathComponent("sandbox"))
            let rootCopy = dir.appendingPathComponent(SandboxPKI.rootFileName).path
            try writeFile(rootCopy, Array(try sandbox.root.serializeAsPEM().pemString.utf8))
            let tsa = try LocalTimestampAuthority(key: sandbox.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 1, 1])
            let revocation = try sandbox.revocationDataSource()
            print("1. sandbox PKI ready in \(sandbox.directory.path): root CA, issuing CA, TSA and OCSP/CRL authorities (root: \(rootCopy))")

            let font = try FontChoice.japanese(file: self.font, systemFonts: !noSystemFonts)
            let contractPath = dir.appendingPathComponent("contract.pdf").path
            try writeFile(contractPath, try DemoContract.document(font: font).pdfBytes())
            print("2. wrote the sample contract \(contractPath) (\(FontChoice.describe(font)))")

            let ours = try sandbox.signer(named: "our-company", subject: try DistinguishedName {
                CountryName("JP")
                OrganizationName("サンプル商事株式会社")
                CommonName("山田 太郎")
            })
            var partyOptions = PDFSignatureOptions()
            partyOptions.reason = "契約締結 (当事者型署名)"
            partyOptions.location = "東京都千代田区"
            partyOptions.appearance = try PDFSignatureAppearance(
                pageIndex: 0, rectangle: try PDFRectangle(x: 64, y: 64, width: 230, height: 70),
                textLines: ["甲: サンプル商事株式会社", "代表取締役 山田 太郎", "当事者型署名・タイムスタンプ付"],
                font: font, stamp: try PDFStampImage.sampleSeal())
            var partySigner = PDFSigner(key: ours, options: partyOptions, level: .t, timestampAuthority: tsa)
            partySigner.revocationSource = revocation
            let afterParty = try await partySigner.sign(PDFDocument(contentsOfFile: contractPath))
            print("3. 甲 signed with its own certificate (当事者型, visible seal, PAdES B-T): \(ours.certificateChain[0].subject)")

            let witness = try sandbox.signer(named: "platform-witness", subject: try DistinguishedName {
                CountryName("JP")
                OrganizationName("EContractKit Sandbox Platform")
                CommonName("立会人署名用証明書")
            })
            var witnessOptions = PDFSignatureOptions()
            witnessOptions.reason = "立会人型署名: 乙 (鈴木 花子, hanako@example.jp) の同意を二要素認証で確認"
            witnessOptions.appearance = try PDFSignatureAppearance(
                pageIndex: 0, rectangle: try PDFRectangle(x: 300, y: 64, width: 231, height: 70),
                textLines: ["乙: 株式会社サンプル購買", "鈴木 花子 (メール + SMS 認証済み)", "立会人型署名・タイムスタンプ付"],
                font: font)
            let witnessSigner = PDFSigner(key: witness, options: witnessOptions, level: .t, timestampAuthority: tsa)
            let afterWitness = try await witnessSigner.sign(PDFDocument(bytes: afterParty))
            print("4. 乙 signed through the platform's witness certificate (立会人型, PAdES B-T): \(witness.certificateChain[0].subject)")

            let ltv = PDFLongTermValidation(revocationSource: revocation, timestampAuthority: tsa, extraCertificates: [sandbox.root])
            let archived = try await ltv.extendingToLTA(PDFDocument(bytes: afterWitness))
            let signedPath = dir.appendingPathComponent("contract-signed.pdf").path
            try writeFile(signedPath, archived)
            let renewal = try PDFLongTermValidation.renewalDate(of: PDFDocument(bytes: archived))
            print("5. added validation data (DSS: chains, OCSP responses, CRLs) and a document timestamp: PAdES B-LTA → \(signedPath)"
                + (renewal.map { " (renew the archive timestamp before \(ISO8601DateFormatter().string(from: $0)))" } ?? ""))

            let validator = PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [sandbox.root]))
            let report = await validator.validate(try PDFDocument(bytes: archived))
            let reportPath = dir.appendingPathComponent("validation-report.json").path
            try writeFile(reportPath, Array(try report.jsonData()))
            print("6. validated offline (trusting only the sandbox root): \(report.valid ? "VALID" : "NOT VALID") → \(reportPath)")
            for item in report.signatures + report.documentTimestamps {
                print("     \(item.field): \(item.indication.rawValue) level \(item.level?.rawValue ?? "none"), modifications \(item.modifications.rawValue)")
            }

            var tampered = archived
            tampered[archived.count / 64] ^= 0x01  // inside the original contract, which every signature covers
            let tamperedReport = await validator.validate(try PDFDocument(bytes: tampered))
            print("7. a one-byte change to the contract text is caught: \(tamperedReport.signatures.map { "\($0.field) \($0.indication.rawValue)/\($0.subIndication?.rawValue ?? "")" }.joined(separator: ", "))")
            print("Check it with other tools: ../shared/interop/validate-pdf \(signedPath) --expect B-LTA --trust \(rootCopy)")
            guard report.valid, !tamperedReport.valid else { throw CLIExit.invalid }
        }
    }
}
