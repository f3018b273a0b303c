import ContractStorePostgres
import Foundation
import Testing

/// Drops the PostgreSQL schemas a test created once it has run (pass or fail), so runs leave
/// nothing behind on the test server. ``PostgresTestServer/freshSchema()`` registers each
/// schema with the test's registry; apply the trait to suites that make PostgreSQL stores:
/// `@Suite(.dropsPostgresSchemas)`.
struct PostgresSchemaCleanup: TestTrait, SuiteTrait, TestScoping {
    var isRecursive: Bool { true }

    /// The schemas made in the current test.
    final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String] = []
        func add(_ name: String) { lock.withLock { names.append(name) } }
        var all: [String] { lock.withLock { names } }
        @TaskLocal static var current: Registry?
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard testCase != nil || !test.isSuite, let server = PostgresTestServer.configuration else { return try await function() }
        let registry = Registry()
        do {
            try await Registry.$current.withValue(registry) { try await function() }
        } catch {
            await Self.drop(registry.all, on: server)
            throw error
        }
        await Self.drop(registry.all, on: server)
    }

    /// `DROP SCHEMA … CASCADE` for each; a failure is printed, never fails the test.
    static func drop(_ schemas: [String], on server: PostgresConnectionConfiguration) async {
        for schema in schemas where PostgresConnectionConfiguration.isValidSchemaName(schema) {
            do {
                let client = try await PostgresStoreClient.open(try server.with(schema: schema))
                try await client.withConnection { connection in
                    try await SQL(unchecked: "DROP SCHEMA IF EXISTS \(schema) CASCADE").run(on: connection, client.logger)
                }
                await client.close()
            } catch {
                print("could not drop the test schema \(schema): \(error)")
            }
        }
    }
}

extension Trait where Self == PostgresSchemaCleanup {
    /// Drops the PostgreSQL schemas each test made, after it ran.
    static var dropsPostgresSchemas: Self { PostgresSchemaCleanup() }
}
