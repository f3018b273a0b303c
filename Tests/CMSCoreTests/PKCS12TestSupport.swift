import Foundation
import TestSupport

/// Runs the `openssl` command line tool (OpenSSL 3) for tests.
enum OpenSSLTool {
    struct Failure: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var output: String
        var description: String { "openssl \(arguments.joined(separator: " ")) exited with \(status): \(output)" }
    }

    /// The path of the openssl executable, if one is installed.
    static var executable: String? { ExternalTools.openssl }

    /// Runs openssl and returns its standard output; throws when it exits non-zero.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil) async throws -> String {
        guard let executable else {
            throw Failure(arguments: arguments, status: -1, output: "openssl is not installed")
        }
        let result = try await ExternalTools.run(executable, arguments, in: directory)
        let text = result.stdout
        guard result.status == 0 else {
            throw Failure(arguments: arguments, status: result.status, output: result.output)
        }
        return text
    }
}

/// The certificates and keys PKCS#12 tests bundle: the shared interop PKI when present,
/// otherwise a throwaway PKI generated with openssl.
struct PKCS12TestPKI: Sendable {
    var signerKey: String
    var signerCert: String
    var ecKey: String
    var ecCert: String
    var intermCert: String
    var rootCert: String
    /// A fresh directory for generated files.
    var workDirectory: URL

    static func make() async throws -> PKCS12TestPKI {
        let work = FileManager.default.temporaryDirectory
            .appendingPathComponent("pkcs12-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)

        let shared = SharedPKI.directory
        let names = ["signer-party", "signer-ec", "interm", "root"]
        let present = names.allSatisfy {
            FileManager.default.fileExists(atPath: shared.appendingPathComponent("certs/\($0).cert.pem").path)
        } && FileManager.default.fileExists(atPath: shared.appendingPathComponent("keys/signer-party.key.pem").path)
        if present {
            func cert(_ name: String) -> String { shared.appendingPathComponent("certs/\(name).cert.pem").path }
            func key(_ name: String) -> String { shared.appendingPathComponent("keys/\(name).key.pem").path }
            return PKCS12TestPKI(
                signerKey: key("signer-party"), signerCert: cert("signer-party"),
                ecKey: key("signer-ec"), ecCert: cert("signer-ec"),
                intermCert: cert("interm"), rootCert: cert("root"), workDirectory: work)
        }
        print("""
            PKCS12Tests: shared test PKI not found at \(shared.path); \
            skipping it and generating a throwaway PKI with openssl in \(work.path)
            """)
        return try await generate(in: work)
    }

    /// Root CA → intermediate CA → RSA and P-256 signers, written to `directory`.
    private static func generate(in directory: URL) async throws -> PKCS12TestPKI {
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        try "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
            .write(toFile: path("ca.ext"), atomically: true, encoding: .utf8)
        try "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n"
            .write(toFile: path("ee.ext"), atomically: true, encoding: .utf8)
        try await OpenSSLTool.run([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("root.key.pem"), "-out", path("root.cert.pem"),
            "-subj", "/C=JP/O=Fallback Test/CN=Fallback Root CA", "-days", "30",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        func issue(_ name: String, subject: String, keyArguments: [String], issuer: String, ext: String) async throws {
            try await OpenSSLTool.run(
                ["req", "-new", "-nodes"] + keyArguments
                    + ["-keyout", path("\(name).key.pem"), "-out", path("\(name).csr"), "-subj", subject])
            try await OpenSSLTool.run([
                "x509", "-req", "-in", path("\(name).csr"), "-CA", path("\(issuer).cert.pem"),
                "-CAkey", path("\(issuer).key.pem"), "-set_serial", String(Int.random(in: 1000...9_999_999)),
                "-days", "30", "-extfile", path(ext), "-out", path("\(name).cert.pem"),
            ])
        }
        try await issue("interm", subject: "/C=JP/O=Fallback Test/CN=Fallback Signing CA",
                  keyArguments: ["-newkey", "rsa:2048"], issuer: "root", ext: "ca.ext")
        try await issue("signer-party", subject: "/C=JP/O=Fallback Test/CN=Fallback RSA Signer",
                  keyArguments: ["-newkey", "rsa:2048"], issuer: "interm", ext: "ee.ext")
        try await issue("signer-ec", subject: "/C=JP/O=Fallback Test/CN=Fallback EC Signer",
                  keyArguments: ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], issuer: "interm", ext: "ee.ext")
        return PKCS12TestPKI(
            signerKey: path("signer-party.key.pem"), signerCert: path("signer-party.cert.pem"),
            ecKey: path("signer-ec.key.pem"), ecCert: path("signer-ec.cert.pem"),
            intermCert: path("interm.cert.pem"), rootCert: path("root.cert.pem"), workDirectory: directory)
    }

    /// Runs `openssl pkcs12 -export` and returns the file's path.
    func exportPKCS12(
        key: String, certificate: String, chain: [String] = [], password: String, options: [String] = []
    ) async throws -> String {
        let name = UUID().uuidString
        let out = workDirectory.appendingPathComponent("\(name).p12").path
        var arguments = ["pkcs12", "-export", "-inkey", key, "-in", certificate, "-passout", "pass:\(password)", "-out", out]
        if !chain.isEmpty {
            let bundle = workDirectory.appendingPathComponent("\(name)-chain.pem").path
            let text = try chain.map { try String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
            try text.write(toFile: bundle, atomically: true, encoding: .utf8)
            arguments += ["-certfile", bundle]
        }
        try await OpenSSLTool.run(arguments + options)
        return out
    }

    /// Like ``exportPKCS12(key:certificate:chain:password:options:)`` but returns the bytes.
    func exportPKCS12Bytes(
        key: String, certificate: String, chain: [String] = [], password: String, options: [String] = []
    ) async throws -> [UInt8] {
        let path = try await exportPKCS12(key: key, certificate: certificate, chain: chain, password: password, options: options)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func removeWorkDirectory() {
        try? FileManager.default.removeItem(at: workDirectory)
    }
}


extension Array where Element == UInt8 {
    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}

extension [UInt8] {
    init?(hex: String) {
        let digits = hex.filter(\.isHexDigit)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            guard let byte = UInt8(digits[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self = bytes
    }
}
