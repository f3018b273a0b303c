import Foundation

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

    static let pyhanko: String? = {
        let venv = ProcessInfo.processInfo.environment["INTEROP_VENV"]
            ?? (NSHomeDirectory() + "/.cache/interop-venv")
        let path = venv + "/bin/pyhanko"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    static var hasOpenSSLAndPKI: Bool { openssl != nil && interopPKI != nil }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Both streams, for messages.
        var output: String { stdout + stderr }
    }

    /// Runs a program to completion. Standard input is `stdin` or empty (never inherited, so
    /// a tool that prompts cannot hang the tests); standard error goes through a file so that
    /// neither stream can fill up and block the other.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil, stdin: [UInt8]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let stdout = Pipe()
        process.standardOutput = stdout
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        process.standardError = errorHandle
        let input = Pipe()
        process.standardInput = input
        try process.run()
        try errorHandle.close()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? Data(contentsOf: errorFile)) ?? Data()
        return Result(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
                      stderr: String(decoding: errors, as: UTF8.self))
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
