// One OS process that signs as one witness participant on a PostgreSQL contract store.
// Test support for ContractModelTests ("two processes"), not a product.
//
//   ContractStoreProbe PKI-DIRECTORY            (environment: ECONTRACT_TEST_POSTGRES_URL, PROBE_SCHEMA)
//   stdin:  "link <contract~token>", "code <access code>", "sha256 <document hash>", then "go"
//   stdout: "ready" once the store is open; then "signed <participant>" or "error <code> <reason>"
//
// Secrets (link token, access code) come on stdin, never on argv.
import CMSCore
import ContractModel
import ContractStorePostgres
import Foundation
import X509

/// One line on standard output, unbuffered (the parent waits for it).
func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

func fail(_ text: String) -> Never {
    say("error \(text)")
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else { fail("usage: ContractStoreProbe PKI-DIRECTORY") }
let environment = ProcessInfo.processInfo.environment
guard let url = environment["ECONTRACT_TEST_POSTGRES_URL"], let schema = environment["PROBE_SCHEMA"] else {
    fail("ECONTRACT_TEST_POSTGRES_URL and PROBE_SCHEMA are required")
}

do {
    let store = try await PostgresContractStore.open(try PostgresConnectionConfiguration(url: url, schema: schema))
    let pki = try SandboxPKI.openOrCreate(at: URL(fileURLWithPath: arguments[1]))
    let witness = try pki.signer(named: "witness", subject: try DistinguishedName {
        CountryName("JP")
        CommonName("EContractKit 立会人")
    })
    let workflow = ContractWorkflow(dependencies: .init(
        store: store, documents: PostgresDocumentStore(database: store), notifier: ConsoleNotifier(),
        signingEngine: PDFSignerContractEngine(witnessKey: witness, platformName: "EContractKit Sandbox"),
        accessPolicy: OrganisationAccessPolicy(members: [:]),
        clock: ManualContractClock(Date(timeIntervalSince1970: 1_795_000_000))))
    say("ready")
    var values: [String: String] = [:]
    while let line = readLine() {
        if line == "go" { break }
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        if parts.count == 2 { values[parts[0]] = parts[1] }
    }
    guard let linkText = values["link"], let code = values["code"], let hash = values["sha256"] else { fail("missing input") }
    let link = try InvitationLink(linkText)
    try await workflow.verifyAccessCode(link, code: code)
    let instruction = WitnessSigningInstruction(documentSHA256: hash, consentText: "上記の内容に同意し、署名を指示します。",
                                                request: RequestInfo(ipAddress: "198.51.100.7", userAgent: "probe \(getpid())"))
    let signed = try await workflow.signAsWitness(link, instruction: instruction)
    _ = signed
    say("signed \(link.contractID.rawValue) pid \(getpid())")
    await store.close()
    exit(0)
} catch let error as ContractError {
    fail("\(error.code) \(error.reason)")
} catch let error as PostgresStoreError {
    fail("\(error.code) \(error.reason)")
} catch {
    fail("other \(error)")
}
