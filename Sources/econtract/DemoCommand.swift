import ArgumentParser
import CMSCore
import Foundation
import X509

/// The README's main command: the whole job on embedded defaults, offline.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the signing flow end to end on an in-process sandbox PKI (no setup, no network)."
    )

    @Option(name: .long, help: "Folder for the sandbox PKI and the outputs.")
    var out: String = "econtract-demo"

    func run() async throws {
        try await runReportingErrors {
            let dir = URL(fileURLWithPath: out)
            let sandbox = try SandboxPKI.openOrCreate(at: dir.appendingPathComponent("sandbox"))
            print("1. sandbox PKI ready in \(sandbox.directory.path) (root: \(sandbox.rootCertificatePath))")

            let contract = dir.appendingPathComponent("contract.txt")
            try writeFile(contract.path, Array(Self.sampleContract.utf8))
            print("2. wrote sample contract \(contract.path)")

            let ours = try sandbox.signer(named: "our-company", subject: try DistinguishedName {
                CountryName("JP")
                OrganizationName("サンプル商事株式会社")
                CommonName("山田 太郎")
            })
            let signature = try await CAdESSigner(key: ours).sign(fileAt: contract.path)
            let signaturePath = dir.appendingPathComponent("contract.txt.p7s").path
            try writeFile(signaturePath, try signature.derEncoded())
            print("3. signed it as \(ours.certificateChain[0].subject) → \(signaturePath) (CAdES-B-B, detached)")

            let policy = CMSVerificationPolicy(trustAnchors: [sandbox.root])
            let report = await CMSSignatureVerifier(policy: policy).verify(signature, content: .file(path: contract.path))
            let reportPath = dir.appendingPathComponent("contract.txt.report.json").path
            try writeFile(reportPath, Array(try ReportPrinter.json(report).utf8))
            print("4. verified it: \(report.indication.rawValue) → \(reportPath)")

            var tampered = Array(Self.sampleContract.utf8)
            tampered[tampered.count - 2] ^= 1
            let tamperedReport = await CMSSignatureVerifier(policy: policy).verify(signature, content: .bytes(tampered))
            print("5. a one-bit change to the contract is caught: \(tamperedReport.indication.rawValue) / \(tamperedReport.subIndication?.rawValue ?? "")")
            print("Check it with OpenSSL: openssl cms -verify -binary -inform DER -in \(signaturePath) -content \(contract.path) -CAfile \(sandbox.rootCertificatePath) -purpose any")
            guard report.isValid, !tamperedReport.isValid else { throw CLIExit.invalid }
        }
    }

    static let sampleContract = """
        業務委託契約書 (Service Agreement)

        第1条（目的）甲は乙に対し、本契約に定める業務を委託し、乙はこれを受託する。
        第2条（委託料）委託料は金1,100,000円（消費税込）とする。
        第3条（契約期間）2026年12月1日から2027年11月30日までとする。

        """
}
