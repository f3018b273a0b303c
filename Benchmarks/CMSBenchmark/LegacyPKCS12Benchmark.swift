#if canImport(CMSCoreOpenSSL)
import CMSCore
import CMSCoreOpenSSL
import Foundation

/// The load time of a legacy PKCS#12 file (`openssl pkcs12 -export -legacy`: key in 3DES,
/// certificates in RC2-40, SHA-1 MAC, 2048 iterations each) through
/// `SoftwareSigningKey(pkcs12:password:)` with the libcrypto extension, next to
/// `openssl pkcs12 -in` reading the same file in the same run (one process per load; the time
/// of `openssl version` is shown too, as that process start-up is included).
enum LegacyPKCS12Benchmark {
    static func run(rounds: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("p12-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let password = "benchmark password"
        try Data(password.utf8).write(to: URL(fileURLWithPath: path("password.txt")))
        for arguments in [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("key.pem"), "-out", path("cert.pem"),
             "-subj", "/CN=PKCS12 benchmark", "-days", "2"],
            ["pkcs12", "-export", "-legacy", "-inkey", path("key.pem"), "-in", path("cert.pem"),
             "-passout", "file:" + path("password.txt"), "-out", path("legacy.p12")],
        ] {
            guard OpenSSLSpeed.run(arguments) != nil else {
                print("legacy PKCS#12 load: skipped (openssl cannot write a legacy file here)")
                return
            }
        }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path("legacy.p12"))))
        CMSAlgorithmExtensions.register(OpenSSLAlgorithmExtension())
        _ = try SoftwareSigningKey(pkcs12: bytes, password: password)  // warm-up: libcrypto's legacy provider loads once

        let clock = ContinuousClock()
        let ours = try clock.measure {
            for _ in 0..<rounds { _ = try SoftwareSigningKey(pkcs12: bytes, password: password) }
        } / rounds
        let openssl = clock.measure {
            for _ in 0..<rounds {
                _ = OpenSSLSpeed.run(["pkcs12", "-legacy", "-in", path("legacy.p12"), "-passin", "file:" + path("password.txt"),
                                      "-nodes", "-out", "/dev/null"])
            }
        } / rounds
        let spawn = clock.measure { for _ in 0..<rounds { _ = OpenSSLSpeed.run(["version"]) } } / rounds
        func milliseconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
        }
        func ms(_ duration: Duration) -> String { String(format: "%8.2f ms", milliseconds(duration)) }
        let (oursMs, opensslMs, spawnMs) = (milliseconds(ours), milliseconds(openssl), milliseconds(spawn))
        print("\nlegacy PKCS#12 load (\(bytes.count) bytes: 3DES key, RC2-40 certificates, SHA-1 MAC; mean of \(rounds))")
        print("  SoftwareSigningKey(pkcs12:) + CMSCoreOpenSSL  \(ms(ours))")
        print("  openssl pkcs12 -in (one process each)        \(ms(openssl))   (openssl version alone: \(ms(spawn)))")
        print(String(format: "  ratio ours / openssl: %.2f (%.2f against openssl minus its process start-up)",
                     oursMs / opensslMs, oursMs / max(opensslMs - spawnMs, 0.001)))
    }
}
#endif
