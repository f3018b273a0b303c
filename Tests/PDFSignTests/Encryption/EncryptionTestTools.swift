import Foundation
import Testing
import TestSupport
@testable import PDFSign

/// qpdf and pyHanko for the encryption tests, when installed; files encrypted by qpdf.
enum EncryptionTestTools {
    static var qpdf: String? { ExternalPDFTools.path("qpdf") }
    static var pyhanko: String? { ExternalTool.venvPath("pyhanko") }
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
    static func run(_ tool: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let result = try await ExternalTool.run(tool, arguments, standardError: .merged)
        return (result.status, result.stdoutText)
    }

    /// `input` encrypted by qpdf into `directory`, with the given passwords and variant.
    static func encrypt(_ input: URL, user: String, owner: String, variant: [String], extra: [String] = [], in directory: URL, name: String) async throws -> URL {
        let output = directory.appendingPathComponent(name)
        let result = try await run(qpdf!, ["--allow-weak-crypto", "--encrypt", user, owner] + variant + extra + ["--", input.path, output.path])
        guard result.status == 0 || result.status == 3 else { throw PDFError(.ioFailure, "qpdf --encrypt failed: \(result.output)") }
        return output
    }

    /// The file key qpdf derives for `file` with `password` (`qpdf --show-encryption-key`).
    static func qpdfFileKey(_ file: URL, password: String) async throws -> [UInt8]? {
        let result = try await run(qpdf!, ["--show-encryption", "--show-encryption-key", "--password=\(password)", file.path])
        guard let line = result.output.split(separator: "\n").first(where: { $0.hasPrefix("Encryption key = ") }) else { return nil }
        return LegacyPDFCipherTests.hex(String(line.dropFirst("Encryption key = ".count)))
    }
}
