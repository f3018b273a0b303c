// PKCS11Benchmark — signatures per second through SoftHSM2: our PKCS11SigningKey with 1 and
// 8 concurrent tasks, against `pkcs11-tool --sign` in a loop (one process per signature, as a
// shell script signing with the token would), in the same run, on the same token and keys.
//
//   swift run PKCS11Benchmark [--seconds N] [--module PATH]
//
// The token is made in a temporary directory (SOFTHSM2_CONF) with a throwaway PIN; keys are
// generated inside it (RSA-2048, P-256). Timings are wall-clock and machine-dependent.
import CMSCore
import CMSCorePKCS11
import Crypto
import Foundation
import SwiftASN1
import X509

@main
struct PKCS11Benchmark {
    static let label = "econtract-bench"
    static let pin = "135790"

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        func value(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
        let seconds = Double(value("--seconds") ?? "") ?? 3
        let module = value("--module") ?? ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                                           "/usr/local/lib/softhsm/libsofthsm2.so", "/opt/homebrew/lib/softhsm/libsofthsm2.so"]
            .first { FileManager.default.fileExists(atPath: $0) }
        guard let module else {
            print("SKIPPED: SoftHSM2 is not installed (apt-get install softhsm2 opensc)")
            return
        }
        do {
            let directory = try makeToken(module: module)
            defer { try? FileManager.default.removeItem(at: directory) }
            print("PKCS#11 signing through SoftHSM2 (\(module)), \(seconds) s per measurement, \(ProcessInfo.processInfo.activeProcessorCount) CPUs")
            print(String(repeating: "-", count: 96))
            for (name, id, keyType) in [("RSA-2048 PKCS#1 v1.5 SHA-256", "01", "rsa:2048"), ("ECDSA P-256 SHA-256", "02", "EC:prime256v1")] {
                guard let publicKey = try await PKCS11SigningKey.publicKey(modulePath: module, token: .label(label), id: [UInt8(id)!]) else {
                    throw CMSError(.invalidKey, "no public key \(id) on the token")
                }
                let provider = try await PKCS11SigningKey.open(
                    PKCS11KeyConfiguration(modulePath: module, token: .label(label), key: .id([UInt8(id)!]),
                                           certificate: try throwawayCertificate(publicKey))) { _ in PKCS11PIN(pin) }
                let algorithm: SignatureAlgorithm = keyType.hasPrefix("rsa") ? .rsaPKCS1v15(.sha256) : .ecdsa(.sha256)
                let one = try await rate(provider, algorithm, tasks: 1, seconds: seconds)
                let eight = try await rate(provider, algorithm, tasks: 8, seconds: seconds)
                let tool = try toolRate(module: module, id: id, rsa: keyType.hasPrefix("rsa"), directory: directory, seconds: seconds)
                print("\(name.padding(toLength: 30, withPad: " ", startingAt: 0))  provider 1 task \(format(one))/s   8 tasks \(format(eight))/s   "
                      + "pkcs11-tool loop \(format(tool))/s   ratios \(format(one / tool))× / \(format(eight / tool))×   (8 vs 1: \(format(eight / one))×)")
            }
        } catch {
            print("error: \(error)")
            exit(1)
        }
    }

    /// Signatures per second with `tasks` tasks signing at once through one provider.
    static func rate(_ provider: PKCS11SigningKey, _ algorithm: SignatureAlgorithm, tasks: Int, seconds: Double) async throws -> Double {
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<tasks {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        _ = try await provider.sign(SignatureRequest(message: Array("benchmark \(index) \(count)".utf8), algorithm: algorithm))
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(total) / inSeconds(ContinuousClock.now - start)
    }

    /// Signatures per second of `pkcs11-tool --sign` run once per signature.
    static func toolRate(module: String, id: String, rsa: Bool, directory: URL, seconds: Double) throws -> Double {
        let input = directory.appendingPathComponent("input.bin")
        let digest = Array(SHA256.hash(data: Array("benchmark".utf8)))
        let digestInfo: [UInt8] = [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]
        try Data(rsa ? digestInfo + digest : digest).write(to: input)
        let start = Date()
        var count = 0
        while Date().timeIntervalSince(start) < seconds {
            try run("pkcs11-tool", ["--module", module, "--token-label", label, "--login", "--pin", pin, "--sign", "--id", id,
                                    "--mechanism", rsa ? "RSA-PKCS" : "ECDSA", "--input-file", input.path,
                                    "--output-file", directory.appendingPathComponent("signature.bin").path])
            count += 1
        }
        return Double(count) / Date().timeIntervalSince(start)
    }

    static func makeToken(module: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("econtract-pkcs11-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("tokens"), withIntermediateDirectories: true)
        let conf = directory.appendingPathComponent("softhsm2.conf")
        try "directories.tokendir = \(directory.appendingPathComponent("tokens").path)\nobjectstore.backend = file\nlog.level = ERROR\n"
            .write(to: conf, atomically: true, encoding: .utf8)
        setenv("SOFTHSM2_CONF", conf.path, 1)
        try run("softhsm2-util", ["--init-token", "--free", "--label", label, "--so-pin", "24680135", "--pin", pin])
        for (id, type) in [("01", "rsa:2048"), ("02", "EC:prime256v1")] {
            try run("pkcs11-tool", ["--module", module, "--token-label", label, "--login", "--pin", pin, "--keypairgen", "--key-type", type,
                                    "--id", id, "--label", "bench-\(id)", "--usage-sign", "--sensitive"])
        }
        return directory
    }

    /// A certificate for the token's key from a throwaway CA (the benchmark signs raw requests).
    static func throwawayCertificate(_ publicKey: Certificate.PublicKey) throws -> Certificate {
        let issuerKey = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("PKCS11Benchmark") }
        return try Certificate(version: .v3, serialNumber: .init(), publicKey: publicKey, notValidBefore: Date(),
                               notValidAfter: Date().addingTimeInterval(86400), issuer: name, subject: name,
                               signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(), issuerPrivateKey: .init(issuerKey))
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CMSError(.invalidArgument, "\(tool) \(arguments.first ?? "") failed") }
    }

    static func inSeconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func format(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.0f", value) }
}
