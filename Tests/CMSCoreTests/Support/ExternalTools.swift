import Foundation

/// Locating the shared interop kit and running tools written elsewhere (openssl, pyHanko).
enum ExternalTools {
    /// `<package root>/../shared`, found from this file's path; `nil` when absent.
    static let sharedDirectory: URL? = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidate = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: candidate.appendingPathComponent("interop/pki").path) ? candidate : nil
    }()

    static var interopPKI: URL? { sharedDirectory?.appendingPathComponent("interop/pki") }

    static func pkiCert(_ name: String) -> String { interopPKI!.appendingPathComponent("certs/\(name).cert.pem").path }
    static func pkiKey(_ name: String) -> String { interopPKI!.appendingPathComponent("keys/\(name).key.pem").path }

    static let openssl: String? = which("openssl")

    static let pyhanko: String? = {
        let venv = ProcessInfo.processInfo.environment["INTEROP_VENV"]
            ?? (NSHomeDirectory() + "/.cache/interop-venv")
        let path = venv + "/bin/pyhanko"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    static var hasOpenSSLAndPKI: Bool { openssl != nil && interopPKI != nil }

    struct Result {
        var status: Int32
        var output: String
    }

    /// Runs a program to completion, with stdout and stderr merged.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], stdin: [UInt8]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("econtract-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
