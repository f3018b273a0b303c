import Foundation
import Testing
@testable import PDFSign

/// qpdf and pyHanko for the encryption tests, when installed; files encrypted by qpdf.
enum EncryptionTestTools {
    static let venv = ProcessInfo.processInfo.environment["INTEROP_VENV"] ?? NSHomeDirectory() + "/.cache/interop-venv"
    static var qpdf: String? { ExternalPDFTools.path("qpdf") }
    static var pyhanko: String? {
        let path = venv + "/bin/pyhanko"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared").standardized
    static var pki: URL { shared.appendingPathComponent("interop/pki") }
    static var corpus: URL { shared.appendingPathComponent("corpus/unsigned") }
    static var interopAvailable: Bool {
        qpdf != nil && pyhanko != nil && FileManager.default.fileExists(atPath: pki.appendingPathComponent("certs/root.cert.pem").path)
    }
    static let qpdfMissing: Comment = "qpdf is not installed: encrypted-file tests skipped"
    static let interopMissing: Comment = "qpdf, pyHanko (INTEROP_VENV) or ../shared/interop/pki is missing: encryption interop skipped"

    /// The qpdf `--encrypt` key-length arguments of the four standard variants.
    static let variants: [(name: String, arguments: [String])] = [
        ("RC4-40", ["40"]), ("RC4-128", ["128", "--use-aes=n"]), ("AES-128", ["128", "--use-aes=y"]), ("AES-256", ["256"]),
    ]

    /// Runs `tool`, returning its exit status and standard output plus error.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `input` encrypted by qpdf into `directory`, with the given passwords and variant.
    static func encrypt(_ input: URL, user: String, owner: String, variant: [String], extra: [String] = [], in directory: URL, name: String) throws -> URL {
        let output = directory.appendingPathComponent(name)
        let result = try run(qpdf!, ["--allow-weak-crypto", "--encrypt", user, owner] + variant + extra + ["--", input.path, output.path])
        guard result.status == 0 || result.status == 3 else { throw PDFError(.ioFailure, "qpdf --encrypt failed: \(result.output)") }
        return output
    }

    /// The file key qpdf derives for `file` with `password` (`qpdf --show-encryption-key`).
    static func qpdfFileKey(_ file: URL, password: String) throws -> [UInt8]? {
        let result = try run(qpdf!, ["--show-encryption", "--show-encryption-key", "--password=\(password)", file.path])
        guard let line = result.output.split(separator: "\n").first(where: { $0.hasPrefix("Encryption key = ") }) else { return nil }
        return LegacyPDFCipherTests.hex(String(line.dropFirst("Encryption key = ".count)))
    }
}
