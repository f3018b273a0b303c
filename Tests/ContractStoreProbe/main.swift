// One OS process that signs as witness participants on a contract store.
// Test support for ContractModelTests ("two processes", "crash"), not a product.
//
//   ContractStoreProbe PKI-DIRECTORY                  PostgreSQL (environment: ECONTRACT_TEST_POSTGRES_URL, PROBE_SCHEMA)
//   ContractStoreProbe PKI-DIRECTORY --sqlite DIR     SQLite (DIR/contracts.sqlite, DIR/documents)
//   stdin:  "sha256 <document hash>", then "link <contract~token>" and "code <access code>" (one
//           participant), or one "sign <contract~token> <access code>" line per participant
//           (signed in that order), then "go"
//   stdout: "ready" once the store is open; "signing <participant>" before and "signed
//           <participant>" after each signature; "done <contract> pid <pid>" or "error <code> <reason>"
//
// Secrets (link tokens, access codes) come on stdin, never on argv.
import CMSCore
import ContractModel
import ContractStorePostgres
import ContractStoreSQLite
import Foundation
import X509

/// One line on standard output, unbuffered (the parent waits for it).
func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

func fail(_ text: String) -> Never {
    say("error \(text)")
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 2 || (arguments.count == 4 && arguments[2] == "--sqlite") else {
    fail("usage: ContractStoreProbe PKI-DIRECTORY [--sqlite DIR]")
}
let environment = ProcessInfo.processInfo.environment

do {
    let store: any ContractStore, documents: any DocumentStore
    var postgres: PostgresContractStore?
    if arguments.count == 4 {
        let directory = URL(fileURLWithPath: arguments[3])
        let database = try SQLiteContractStore(path: directory.appendingPathComponent("contracts.sqlite").path)
        store = database
        documents = try SQLiteDocumentStore(directory: directory.appendingPathComponent("documents"), database: database)
    } else {
        guard let url = environment["ECONTRACT_TEST_POSTGRES_URL"], let schema = environment["PROBE_SCHEMA"] else {
            fail("ECONTRACT_TEST_POSTGRES_URL and PROBE_SCHEMA are required")
        }
        let database = try await PostgresContractStore.open(try PostgresConnectionConfiguration(url: url, schema: schema))
        postgres = database
        store = database
        documents = PostgresDocumentStore(database: database)
    }
    let pki = try SandboxPKI.openOrCreate(at: URL(fileURLWithPath: arguments[1]))
    let witness = try pki.signer(named: "witness", subject: try DistinguishedName {
        CountryName("JP")
        CommonName("EContractKit 立会人")
    })
    let workflow = ContractWorkflow(dependencies: .init(
        store: store, documents: documents, notifier: ConsoleNotifier(),
        signingEngine: PDFSignerContractEngine(witnessKey: witness, platformName: "EContractKit Sandbox"),
        accessPolicy: OrganisationAccessPolicy(members: [:]),
        clock: ManualContractClock(Date(timeIntervalSince1970: 1_795_000_000))))
    say("ready")
    var values: [String: String] = [:]
    var signers: [(link: String, code: String)] = []
    while let line = readLine() {
        if line == "go" { break }
        let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
        if parts.count == 3, parts[0] == "sign" { signers.append((parts[1], parts[2])) } else if parts.count >= 2 {
            values[parts[0]] = parts.dropFirst().joined(separator: " ")
        }
    }
    if let link = values["link"], let code = values["code"] { signers.append((link, code)) }
    guard let hash = values["sha256"], !signers.isEmpty else { fail("missing input") }
    var contractID = ""
    for signer in signers {
        let link = try InvitationLink(signer.link)
        contractID = link.contractID.rawValue
        try await workflow.verifyAccessCode(link, code: signer.code)
        let participant = try await workflow.openInvitation(link).participant.id
        say("signing \(participant.rawValue)")
        let instruction = WitnessSigningInstruction(documentSHA256: hash, consentText: "上記の内容に同意し、署名を指示します。",
                                                    request: RequestInfo(ipAddress: "198.51.100.7", userAgent: "probe \(getpid())"))
        _ = try await workflow.signAsWitness(link, instruction: instruction)
        say("signed \(participant.rawValue)")
    }
    say("signed \(contractID) pid \(getpid())")
    await postgres?.close()
    exit(0)
} catch let error as ContractError {
    fail("\(error.code) \(error.reason)")
} catch let error as PostgresStoreError {
    fail("\(error.code) \(error.reason)")
} catch {
    fail("other \(error)")
}
