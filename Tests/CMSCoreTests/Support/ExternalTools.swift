import Foundation
import TestSupport

/// Locating the shared interop kit and running tools written elsewhere (openssl, pyHanko).
enum ExternalTools {
    /// `<package root>/../shared`, computed from this file's path whether or not it exists.
    static let expectedSharedDirectory: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")

    /// `<package root>/../shared` when it holds the interop kit; `nil` when absent.
    static let sharedDirectory: URL? = FileManager.default.fileExists(
        atPath: expectedSharedDirectory.appendingPathComponent("interop/pki").path) ? expectedSharedDirectory : nil

    static var interopPKI: URL? { sharedDirectory?.appendingPathComponent("interop/pki") }

    static func pkiCert(_ name: String) -> String { interopPKI!.appendingPathComponent("certs/\(name).cert.pem").path }
    static func pkiKey(_ name: String) -> String { interopPKI!.appendingPathComponent("keys/\(name).key.pem").path }

    static let openssl: String? = which("openssl")

    static let pyhanko: String? = ExternalTool.venvPath("pyhanko")

    static var hasOpenSSLAndPKI: Bool { openssl != nil && interopPKI != nil }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Both streams, for messages.
        var output: String { stdout + stderr }
    }

    /// Runs a program to completion (``ExternalTool/run(_:_:stdin:in:standardError:timeout:)``:
    /// awaited off the concurrency pool). Standard input is `stdin` or empty (never inherited, so
    /// a tool that prompts cannot hang the tests); neither stream can fill up and block the other.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil, stdin: [UInt8]? = nil) async throws -> Result {
        let result = try await ExternalTool.run(executable, arguments, stdin: stdin, in: directory)
        return Result(status: result.status, stdout: result.stdoutText, stderr: result.stderrText)
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
