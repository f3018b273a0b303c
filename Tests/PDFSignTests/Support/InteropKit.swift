import CMSCore
import Foundation
import TestSupport

/// The shared interop kit (`../shared/interop`): its PKI files, the running TSA
/// (`INTEROP_TSA_URL`), pyHanko's venv and `validate-pdf`. Tests use it when all are there
/// and print why they skipped when not.
enum InteropKit {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/interop")

    static var tsaURL: URL? { ProcessInfo.processInfo.environment["INTEROP_TSA_URL"].flatMap(URL.init(string:)) }
    static var python: String { ExternalTool.interopVenv + "/bin/python" }
    static var validatePDF: String { directory.appendingPathComponent("validate-pdf").path }
    static func certificate(_ name: String) -> String { directory.appendingPathComponent("pki/certs/\(name).cert.pem").path }
    static func key(_ name: String) -> String { directory.appendingPathComponent("pki/keys/\(name).key.pem").path }

    /// `nil` when everything is there, else what is missing (the test prints it and skips).
    static var missing: String? {
        get async {
            guard let tsaURL else { return "INTEROP_TSA_URL is not set (run ../shared/interop/pki-up)" }
            for path in [validatePDF, python, key("signer-party"), certificate("root")] where !FileManager.default.fileExists(atPath: path) {
                return "\(path) is missing (run ../shared/interop/setup)"
            }
            if !(await answers(tsaURL)) { return "the interop TSA at \(tsaURL) does not answer (run ../shared/interop/pki-up)" }
            return nil
        }
    }

    /// Whether an HTTP server answers at `url` at all (any status): the interop services may
    /// be configured in the environment but stopped.
    static func answers(_ url: URL) async -> Bool {
        (try? await DefaultHTTPTransport().send(HTTPRequest(url: url, timeout: .seconds(3)))) != nil
    }

    /// Runs a program; standard input is empty, both streams are returned (interleaved).
    static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let result = try await ExternalTool.run(executable, arguments, standardError: .merged)
        return (result.status, result.stdoutText)
    }
}
