import Foundation
import TestSupport

/// A throwaway PKI made with the `openssl` command line tool for the libcrypto extension tests:
/// an RSA root CA and leaves of the key types swift-crypto lacks (and two it has, for SHA-3).
struct OpenSSLTestPKI: Sendable {
    /// The key types of the leaves.
    enum Leaf: String, CaseIterable, Sendable {
        case rsa, p256, brainpoolP256r1, brainpoolP384r1, brainpoolP512r1, ed448, dsa

        var keyArguments: [String] {
            switch self {
            case .rsa: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]
            case .p256: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
            case .brainpoolP256r1, .brainpoolP384r1, .brainpoolP512r1: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:\(rawValue)"]
            case .ed448: ["-algorithm", "ED448"]
            case .dsa: ["-paramfile", "dsa-params.pem"]
            }
        }
    }

    /// The `openssl` executable, or `nil` (tests then skip, saying so).
    static let openssl: String? = ExternalTool.path("openssl")

    let directory: URL
    /// A time inside every certificate's validity (they are made for 30 days from creation).
    let validationTime: Date

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func key(_ leaf: Leaf) -> String { path("\(leaf.rawValue).key.pem") }
    func certificate(_ leaf: Leaf) -> String { path("\(leaf.rawValue).cert.pem") }
    var rootCertificate: String { path("root.cert.pem") }

    /// Runs openssl in the PKI's directory; throws with its output when it fails.
    @discardableResult
    func openssl(_ arguments: [String], stdin: [UInt8]? = nil) async throws -> ExternalTool.Output {
        let output = try await ExternalTool.run(Self.openssl ?? "openssl", arguments, stdin: stdin, in: directory)
        guard output.status == 0 else {
            throw ToolFailure(description: "openssl \(arguments.joined(separator: " ")): \(output.stderrText)")
        }
        return output
    }

    /// Makes the root and the given leaves in a fresh temporary directory.
    static func make(_ leaves: [Leaf]) async throws -> OpenSSLTestPKI {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("openssl-ext-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pki = OpenSSLTestPKI(directory: directory, validationTime: Date().addingTimeInterval(3600))
        try "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n"
            .write(toFile: pki.path("ee.ext"), atomically: true, encoding: .utf8)
        try await pki.openssl([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key.pem", "-out", "root.cert.pem",
            "-subj", "/C=JP/O=EContractKit libcrypto tests/CN=Test Root CA", "-days", "30",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        if leaves.contains(.dsa) {
            try await pki.openssl(["genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:2048",
                                   "-pkeyopt", "dsa_paramgen_q_bits:256", "-out", "dsa-params.pem"])
        }
        for (index, leaf) in leaves.enumerated() {
            try await pki.openssl(["genpkey"] + leaf.keyArguments + ["-out", "\(leaf.rawValue).key.pem"])
            try await pki.openssl(["req", "-new", "-key", "\(leaf.rawValue).key.pem", "-subj", "/C=JP/O=EContractKit libcrypto tests/CN=\(leaf.rawValue) signer",
                                   "-out", "\(leaf.rawValue).csr"])
            try await pki.openssl(["x509", "-req", "-in", "\(leaf.rawValue).csr", "-CA", "root.cert.pem", "-CAkey", "root.key.pem",
                                   "-set_serial", "\(1000 + index)", "-days", "30", "-sha256", "-extfile", "ee.ext",
                                   "-out", "\(leaf.rawValue).cert.pem"])
        }
        return pki
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// A tool that exited with an error.
struct ToolFailure: Error, CustomStringConvertible {
    let description: String
}
