import Foundation

/// The shared interop kit (`../shared/interop`): its PKI files, the running TSA
/// (`INTEROP_TSA_URL`), pyHanko's venv and `validate-pdf`. Tests use it when all are there
/// and print why they skipped when not.
enum InteropKit {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/interop")

    static var tsaURL: URL? { ProcessInfo.processInfo.environment["INTEROP_TSA_URL"].flatMap(URL.init(string:)) }
    static var python: String { (ProcessInfo.processInfo.environment["INTEROP_VENV"] ?? NSHomeDirectory() + "/.cache/interop-venv") + "/bin/python" }
    static var validatePDF: String { directory.appendingPathComponent("validate-pdf").path }
    static func certificate(_ name: String) -> String { directory.appendingPathComponent("pki/certs/\(name).cert.pem").path }
    static func key(_ name: String) -> String { directory.appendingPathComponent("pki/keys/\(name).key.pem").path }

    /// `nil` when everything is there, else what is missing (the test prints it and skips).
    static var missing: String? {
        if tsaURL == nil { return "INTEROP_TSA_URL is not set (run ../shared/interop/pki-up)" }
        for path in [validatePDF, python, key("signer-party"), certificate("root")] where !FileManager.default.fileExists(atPath: path) {
            return "\(path) is missing (run ../shared/interop/setup)"
        }
        return nil
    }

    /// Runs a program; standard input is empty, both streams are returned.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("interop-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: output), as: UTF8.self))
    }
}
