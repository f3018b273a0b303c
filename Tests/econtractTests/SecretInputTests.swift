@testable import econtract
import Foundation
import Testing

@Suite("SecretInput: where a password comes from, in order")
struct SecretInputTests {
    static func input(value: String? = nil, file: String? = nil) -> SecretInput {
        SecretInput(option: "password", value: value, file: file, environmentVariable: "ECONTRACT_TEST_SECRET", purpose: "test password")
    }

    @Test("file, then the option, then the environment; nothing when none is given and no prompt may be shown")
    func order() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID()).txt").path
        try "from-file\r\nsecond line\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let environment: (String) -> String? = { $0 == "ECONTRACT_TEST_SECRET" ? "from-environment" : nil }
        let fromFile = try #require(try Self.input(file: file).resolve(prompting: false, environment: environment))
        #expect(fromFile.secret == "from-file" && fromFile.origin == .file)
        let fromOption = try #require(try Self.input(value: "from-option").resolve(prompting: false, environment: environment))
        #expect(fromOption.secret == "from-option" && fromOption.origin == .option)
        let fromEnvironment = try #require(try Self.input().resolve(prompting: false, environment: environment))
        #expect(fromEnvironment.secret == "from-environment" && fromEnvironment.origin == .environment)
        #expect(try Self.input().resolve(prompting: false, environment: { _ in nil }) == nil)
        #expect(throws: Error.self) { try Self.input(value: "a", file: file).resolve(prompting: false, environment: environment) }
    }

    @Test("the default environment is this process's")
    func processEnvironment() throws {
        setenv("ECONTRACT_TEST_SECRET", "set-by-test", 1)
        defer { unsetenv("ECONTRACT_TEST_SECRET") }
        #expect(SecretInput.processEnvironment("ECONTRACT_TEST_SECRET") == "set-by-test")
        #expect(SecretInput.processEnvironment("ECONTRACT_TEST_SECRET_UNSET_\(UUID().uuidString.prefix(8))") == nil)
        let resolved = try #require(try Self.input().resolve(prompting: false))
        #expect(resolved.secret == "set-by-test" && resolved.origin == .environment)
    }
}
