import ContractModel
import ContractStorePostgres
import Foundation
import PDFSign
import Testing

/// PostgreSQL-only behaviour: typed errors for bad configuration and unreachable servers (no
/// server needed), idempotent migrations, and two OS processes signing one contract at once.
@Suite(.dropsPostgresSchemas) struct PostgresStoreTests {
    @Test func badURLsAreRefusedWithTypedErrors() throws {
        for text in ["mysql://u@h/db", "postgres://h/db", "postgres://u@/db", "postgres://u@h", "postgres://u@h/db?sslmode=sometimes",
                     "postgres://u@h:70000/db", "postgres://u@h/db?schema=Robert');DROP"] {
            let error = #expect(throws: PostgresStoreError.self, "\(text)") { try PostgresConnectionConfiguration(url: text) }
            #expect(error?.code == .invalidConfiguration)
        }
        let configuration = try PostgresConnectionConfiguration(url: "postgresql://app:s%40cret@db.example:6543/contracts?schema=tenant_1&sslmode=require")
        #expect(configuration.host == "db.example" && configuration.port == 6543 && configuration.username == "app")
        #expect(configuration.password == "s@cret" && configuration.database == "contracts" && configuration.schema == "tenant_1")
        #expect(configuration.tls == .require)
        #expect(!configuration.description.contains("cret"))
        #expect(try PostgresConnectionConfiguration.fromEnvironment("X", environment: [:]) == nil)
    }

    /// Nothing listens on 127.0.0.1:9 (discard): open fails at once with a typed connection error.
    @Test func unreachableServerIsATypedError() async throws {
        let configuration = try PostgresConnectionConfiguration(host: "127.0.0.1", port: 9, username: "econtract", database: "x",
                                                                tls: .disable, timeout: .seconds(5))
        let error = await #expect(throws: PostgresStoreError.self) { try await PostgresContractStore.open(configuration) }
        #expect(error?.code == .connectionFailed)
        #expect(error?.isUnavailable == true)
    }

    /// A transaction that outlives the client's time limit: the call throws `timedOut` without
    /// waiting for the server (whose query would sleep 600 s), the transaction's connection is
    /// closed, so its server session ends instead of going back to the pool, and the client
    /// still works. Bounded polling and retries, no timing asserted: on a starved machine the
    /// 2-second limit can also cut short the set-up (open, the pid query, a new connection), so
    /// those steps are tried again. The trait only stops a regression from hanging the run.
    @Test(.timeLimit(.minutes(10))) func timedOutTransactionClosesItsConnection() async throws {
        guard let server = PostgresTestServer.configuration else {
            print("SKIPPED timedOutTransactionClosesItsConnection: ECONTRACT_TEST_POSTGRES_URL is not set")
            return
        }
        let schema = PostgresTestServer.freshSchema()
        let short = try PostgresConnectionConfiguration(host: server.host, port: server.port, username: server.username, password: server.password,
                                                        database: server.database, schema: schema, tls: server.tls, timeout: .seconds(2))
        var found: (client: PostgresStoreClient, pid: Int)?
        for _ in 0..<10 where found == nil {
            guard let client = try? await PostgresStoreClient.open(short) else { continue }  // starved past 2 s: try again
            let backend = BackendPID()
            do {
                try await client.transaction { connection in
                    let pid = try await SQL("SELECT pg_backend_pid()::int8").rows(on: connection, client.logger).first?.decode(Int.self)
                    backend.value = pid
                    try await SQL("SELECT pg_sleep(600)").run(on: connection, client.logger)
                }
                Issue.record("a 600-second statement returned within a 2-second limit")
            } catch let error as PostgresStoreError {
                #expect(error.code == .timedOut, "\(error)")
            }
            if let pid = backend.value { found = (client, pid) } else { await client.close() }
        }
        let (client, pid) = try #require(found, "the transaction never reached its statement")
        // The pool replaces the closed connection.
        var answered = false
        for _ in 0..<10 where !answered {
            answered = (try? await client.withConnection { connection in
                try await SQL("SELECT 1::int8").rows(on: connection, client.logger).first?.decode(Int.self)
            }) == 1
        }
        #expect(answered, "the client no longer answers after a timed-out transaction")

        let observer = try await PostgresStoreClient.open(try server.with(schema: schema))
        var alive = true
        for _ in 0..<120 {
            alive = try await observer.withConnection { connection in
                try await SQL("SELECT count(*)::int8 FROM pg_stat_activity WHERE pid = $1", .int(pid)).rows(on: connection, observer.logger)
                    .first?.decode(Int.self) != 0
            }
            if !alive { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        await observer.close()
        await client.close()
        #expect(!alive, "the timed-out transaction's server session \(pid) still exists")
    }

    @Test func migrationsAreIdempotentAndRefuseNewerSchemas() async throws {
        guard let server = PostgresTestServer.configuration else {
            print("SKIPPED migrationsAreIdempotentAndRefuseNewerSchemas: ECONTRACT_TEST_POSTGRES_URL is not set")
            return
        }
        let configuration = try server.with(schema: PostgresTestServer.freshSchema())
        // Four processes' worth of opens at once on a fresh schema: all succeed, one migrates.
        let stores = try await withThrowingTaskGroup(of: PostgresContractStore.self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresContractStore.open(configuration) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(stores.count == 4)
        let again = try await PostgresContractStore.open(configuration)
        let client = again.client
        let version = try await client.withConnection { connection in
            try await SQL("SELECT version FROM schema_version WHERE component = $1", .text("contracts")).rows(on: connection, client.logger)
                .map { try $0.decode(Int.self) }
        }
        #expect(version == [PostgresContractStore.migrator.latestVersion])
        try await client.withConnection { connection in
            try await SQL("UPDATE schema_version SET version = 99 WHERE component = $1", .text("contracts")).run(on: connection, client.logger)
        }
        let newer = await #expect(throws: PostgresStoreError.self) { try await PostgresContractStore.open(configuration) }
        #expect(newer?.code == .schemaTooNew)
        for store in stores + [again] { await store.close() }
        // A closed client answers with a typed error, not a hang.
        let closed = await #expect(throws: ContractError.self) { try await again.load(ContractID("x")) }
        #expect(closed?.code == .storeUnavailable)
    }

    /// Must-show: two OS processes on one PostgreSQL store sign the two parallel participants of
    /// the same contract at once; both signatures are in the final PDF and the trail has two
    /// signed events.
    @Test func twoProcessesSignParallelParticipants() async throws {
        guard let server = PostgresTestServer.configuration, let url = ProcessInfo.processInfo.environment["ECONTRACT_TEST_POSTGRES_URL"] else {
            print("SKIPPED twoProcessesSignParallelParticipants: ECONTRACT_TEST_POSTGRES_URL is not set")
            return
        }
        let probe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ContractStoreProbe")
        #expect(FileManager.default.isExecutableFile(atPath: probe.path), "build it first: swift build --build-tests")
        guard FileManager.default.isExecutableFile(atPath: probe.path) else { return }

        let schema = PostgresTestServer.freshSchema()
        let store = try await PostgresContractStore.open(try server.with(schema: schema))
        let harness = try Harness(store: store, documents: PostgresDocumentStore(database: store))
        let participants = ["a", "b"].map { Harness.witness($0, policy: .accessCode) }
        let codes = Dictionary(uniqueKeysWithValues: participants.map { ($0.id, "code-\($0.id.rawValue)") })
        let (contract, links) = try await harness.createAndSend(participants, accessCodes: codes)
        _ = try ContractFixtures.witnessKey()  // the PKI exists before the children open it

        var children: [(Process, Pipe, Pipe)] = []
        for participant in participants {
            let child = Process(), input = Pipe(), output = Pipe()
            child.executableURL = probe
            child.arguments = [ContractFixtures.pki.directory.path]
            var environment = ProcessInfo.processInfo.environment
            environment["ECONTRACT_TEST_POSTGRES_URL"] = url
            environment["PROBE_SCHEMA"] = schema
            child.environment = environment
            child.standardInput = input
            child.standardOutput = output
            try child.run()
            let lines = ["link \(links[participant.id]!)", "code \(codes[participant.id]!)", "sha256 \(contract.document.sha256)"]
            input.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            children.append((child, input, output))
        }
        // Both processes have opened the store; then both are told to sign at the same moment.
        for (_, _, output) in children { #expect(try Self.readLine(output).hasPrefix("ready")) }
        for (_, input, _) in children { input.fileHandleForWriting.write(Data("go\n".utf8)) }
        var results: [String] = []
        for (child, input, output) in children {
            try input.fileHandleForWriting.close()
            child.waitUntilExit()
            results.append(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
            #expect(child.terminationStatus == 0, "\(results.last ?? "")")
        }
        #expect(results.allSatisfy { $0.contains("signed \(contract.id.rawValue)") }, "\(results)")

        let done = try await harness.workflow.contract(contract.id, by: ContractFixtures.owner)
        #expect(done.state == .completed)
        let pdf = try await harness.workflow.document(contract.id, by: ContractFixtures.owner)
        let report = await PDFSignatureValidator().validate(try PDFDocument(bytes: pdf))
        #expect(report.signatures.count == 2)
        #expect(report.signatures.allSatisfy { $0.intact })
        #expect(Set(report.signatures.map(\.field)) == ["Signature-v1-a", "Signature-v1-b"])
        let events = try await store.events(of: contract.id)
        #expect(events.filter { $0.action == .signed }.count == 2)
        #expect(Set(events.filter { $0.action == .signed }.compactMap(\.participantID)) == [ParticipantID("a"), ParticipantID("b")])
        #expect(try await harness.workflow.verifyAuditTrail(contract.id, by: ContractFixtures.owner).isIntact)
        await store.close()
    }

    /// One line from a child's standard output (bounded: the child prints "ready" or an error and a newline).
    static func readLine(_ pipe: Pipe) throws -> String {
        var seen = Data()
        while !seen.contains(UInt8(ascii: "\n")) {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        return String(decoding: seen, as: UTF8.self)
    }
}

/// The server process id a transaction ran on, read after it was abandoned.
final class BackendPID: @unchecked Sendable {
    private let lock = NSLock()
    private var pid: Int?
    var value: Int? {
        get { lock.withLock { pid } }
        set { lock.withLock { pid = newValue } }
    }
}
