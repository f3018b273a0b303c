// Signing and verification throughput of CMSCore next to the raw swift-crypto operation and
// `openssl speed` on the same machine, in one run, then (on Linux, with CMSCoreOpenSSL) the
// load time of a legacy PKCS#12 file next to `openssl pkcs12 -in`. Build in release:
//   swift run -c release CMSBenchmark [--seconds 2] [--pkcs12-only] [--rounds 50]
import CMSCore
import Crypto
import Foundation
import X509
import _CryptoExtras

@main
struct CMSBenchmark {
    static func main() async throws {
        let seconds = CommandLine.arguments.firstIndex(of: "--seconds").flatMap { Double(CommandLine.arguments[$0 + 1]) } ?? 2
        let rounds = CommandLine.arguments.firstIndex(of: "--rounds").flatMap { Int(CommandLine.arguments[$0 + 1]) } ?? 50
        #if canImport(CMSCoreOpenSSL)
        if CommandLine.arguments.contains("--pkcs12-only") {
            try await LegacyPKCS12Benchmark.run(rounds: rounds)
            return
        }
        #endif
        let sandboxDir = FileManager.default.temporaryDirectory.appendingPathComponent("cms-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: sandboxDir) }
        let pki = try SandboxPKI.openOrCreate(at: sandboxDir)
        let openssl = OpenSSLSpeed.measure(seconds: Int(seconds.rounded(.up)))

        let rsaKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let p256Key = P256.Signing.PrivateKey()
        let content = Array(repeating: UInt8(0x61), count: 4096)
        var rows: [Row] = []

        for (label, keyDER) in [("RSA-2048", Array(rsaKey.derRepresentation)), ("P-256", Array(p256Key.derRepresentation))] {
            let key = try pki.signerKey(der: keyDER, label: label)
            let signer = CAdESSigner(key: key)  // software key: no self-check needed
            var checked = CAdESSigningOptions()
            checked.verifiesAfterSigning = true
            let checkedSigner = CAdESSigner(key: key, options: checked)
            let signature = try await signer.sign(content: content)
            let withChain = CMSSignatureVerifier(policy: CMSVerificationPolicy(trustAnchors: [pki.root]))
            // No trust anchors: every signature-level check runs, chain building does not.
            let signatureOnly = CMSSignatureVerifier(policy: CMSVerificationPolicy(trustAnchors: []))
            let message = Array("raw".utf8)

            let rawSign: Double
            let rawVerify: Double
            if label == "RSA-2048" {
                let sig = try rsaKey.signature(for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5)
                rawSign = try rate(seconds) { _ = try rsaKey.signature(for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5) }
                rawVerify = try rate(seconds) { _ = rsaKey.publicKey.isValidSignature(sig, for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5) }
            } else {
                let sig = try p256Key.signature(for: SHA256.hash(data: message))
                rawSign = try rate(seconds) { _ = try p256Key.signature(for: SHA256.hash(data: message)) }
                rawVerify = try rate(seconds) { _ = p256Key.publicKey.isValidSignature(sig, for: SHA256.hash(data: message)) }
            }
            let cadesSign = try await asyncRate(seconds) { _ = try await signer.sign(content: content) }
            let cadesSignChecked = try await asyncRate(seconds) { _ = try await checkedSigner.sign(content: content) }
            let cadesVerifySignature = try await asyncRate(seconds) {
                let report = await signatureOnly.verify(signature, content: .bytes(content))
                precondition(report.checks.contains { $0.name == .signatureValue && $0.outcome == .passed })
            }
            let cadesVerify = try await asyncRate(seconds) {
                let report = await withChain.verify(signature, content: .bytes(content))
                precondition(report.isValid)
            }
            let reference = openssl[label]
            rows.append(Row(label: label, operation: "sign", openssl: reference?.sign, raw: rawSign,
                            ours: [("CAdES sign", cadesSign), ("CAdES sign + self-check", cadesSignChecked)]))
            rows.append(Row(label: label, operation: "verify", openssl: reference?.verify, raw: rawVerify,
                            ours: [("CAdES verify, signature level", cadesVerifySignature),
                                   ("CAdES verify + chain (2 P-256 certs)", cadesVerify)]))
        }
        print("EContractKit CMSCore benchmark (\(seconds) s per measurement, 4 KiB content)")
        for row in rows { row.print() }
        #if canImport(CMSCoreOpenSSL)
        try await LegacyPKCS12Benchmark.run(rounds: rounds)
        #endif
    }

    static func rate(_ seconds: Double, _ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        var count = 0
        let start = clock.now
        let end = start + .milliseconds(Int(seconds * 1000))
        while clock.now < end {
            try body()
            count += 1
        }
        return Double(count) / (clock.now - start).timeInterval
    }

    static func asyncRate(_ seconds: Double, _ body: @Sendable () async throws -> Void) async throws -> Double {
        let clock = ContinuousClock()
        var count = 0
        let start = clock.now
        let end = start + .milliseconds(Int(seconds * 1000))
        while clock.now < end {
            try await body()
            count += 1
        }
        return Double(count) / (clock.now - start).timeInterval
    }
}

struct Row {
    var label: String
    var operation: String
    var openssl: Double?
    var raw: Double
    var ours: [(String, Double)]

    func print() {
        let reference = openssl.map { String(format: "%9.0f/s", $0) } ?? "        n/a"
        Swift.print("\n\(label) \(operation): openssl speed \(reference)   swift-crypto raw \(String(format: "%9.0f/s", raw))"
                    + (openssl.map { String(format: " (%.2f× openssl)", raw / $0) } ?? ""))
        for (name, value) in ours {
            let vsOpenSSL = openssl.map { String(format: "  openssl/ours = %.2f", $0 / value) } ?? ""
            Swift.print("  " + name.padding(toLength: 40, withPad: " ", startingAt: 0)
                        + String(format: " %9.0f/s  raw/ours = %.2f", value, raw / value) + vsOpenSSL)
        }
    }
}

extension SandboxPKI {
    /// A signer certificate from the sandbox's issuing CA for an existing private key.
    func signerKey(der: [UInt8], label: String) throws -> SoftwareSigningKey {
        let probe = try SoftwareSigningKey(privateKeyDER: der, certificateChain: [try issuingCertificate(for: der, label: label)])
        return try probe.replacingCertificateChain(probe.certificateChain + [issuingCA])
    }

    private func issuingCertificate(for der: [UInt8], label: String) throws -> Certificate {
        let publicKey: Certificate.PublicKey = if let rsa = try? _RSA.Signing.PrivateKey(derRepresentation: der) {
            .init(rsa.publicKey)
        } else {
            .init(try P256.Signing.PrivateKey(derRepresentation: der).publicKey)
        }
        return try issueLeaf(publicKey: publicKey, commonName: "Benchmark \(label)")
    }
}

/// Runs `openssl speed` and reads its sign/s and verify/s for RSA-2048 and P-256.
enum OpenSSLSpeed {
    static func measure(seconds: Int) -> [String: (sign: Double, verify: Double)] {
        guard let output = run(["speed", "-seconds", "\(seconds)", "rsa2048", "ecdsap256"]) else { return [:] }
        var result: [String: (sign: Double, verify: Double)] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " })
            if line.hasPrefix("rsa 2048 bits"), fields.count >= 7, let s = Double(fields[5]), let v = Double(fields[6]) {
                result["RSA-2048"] = (s, v)
            }
            if line.contains("ecdsa (nistp256)"), fields.count >= 8, let s = Double(fields[6]), let v = Double(fields[7]) {
                result["P-256"] = (s, v)
            }
        }
        return result
    }

    static func run(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
