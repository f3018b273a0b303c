#if canImport(CMSCoreOpenSSL)
import CMSCore
import CMSCoreOpenSSL
import Foundation
import Testing

/// Legacy PKCS#12 files written by `openssl pkcs12 -export` load through
/// `SoftwareSigningKey(pkcs12:password:)` with the libcrypto extension, and the key signs
/// (checked by `openssl cms -verify`). Without the extension they are refused as before.
@Suite("libcrypto extension: legacy PKCS#12 import", .enabled(if: OpenSSLTestPKI.openssl != nil, "needs the openssl command line tool"))
struct LegacyPKCS12Tests {
    static let password = "pässword 契約"

    /// The `openssl pkcs12 -export` options of each legacy encryption, with what protects key and certificates.
    static let variants: [(name: String, options: [String])] = [
        ("-legacy (key 3DES, certificates RC2-40)", ["-legacy"]),
        ("-legacy -certpbe PBE-SHA1-3DES (all 3DES)", ["-legacy", "-certpbe", "PBE-SHA1-3DES"]),
        ("-certpbe PBE-SHA1-3DES (key AES PBES2, certificates 3DES)", ["-certpbe", "PBE-SHA1-3DES"]),
        ("-legacy RC2-40 for key and certificates", ["-legacy", "-keypbe", "PBE-SHA1-RC2-40", "-certpbe", "PBE-SHA1-RC2-40"]),
        ("-legacy RC2-128 for key and certificates", ["-legacy", "-keypbe", "PBE-SHA1-RC2-128", "-certpbe", "PBE-SHA1-RC2-128"]),
        ("PBES2 with DES-EDE3-CBC", ["-keypbe", "DES-EDE3-CBC", "-certpbe", "DES-EDE3-CBC"]),
    ]

    static func export(_ pki: OpenSSLTestPKI, _ leaf: OpenSSLTestPKI.Leaf, options: [String], name: String) async throws -> [UInt8] {
        try Data(password.utf8).write(to: URL(fileURLWithPath: pki.path("password.txt")))
        try await pki.openssl(["pkcs12", "-export", "-inkey", pki.key(leaf), "-in", pki.certificate(leaf), "-certfile", pki.rootCertificate,
                               "-passout", "file:password.txt", "-out", name] + options)
        return Array(try Data(contentsOf: URL(fileURLWithPath: pki.path(name))))
    }

    @Test("openssl's legacy files load and sign; openssl verifies the signature", arguments: 0..<variants.count)
    func loadsAndSigns(variant: Int) async throws {
        let (name, options) = Self.variants[variant]
        let pki = try await OpenSSLTestPKI.make([.rsa])
        defer { pki.remove() }
        let bytes = try await Self.export(pki, .rsa, options: options, name: "legacy.p12")

        let key = try CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) {
            try SoftwareSigningKey(pkcs12: bytes, password: Self.password)
        }
        #expect(key.certificateChain.first?.subject.description.contains("rsa signer") == true, "\(name)")
        let content = Array("signed with a key from a legacy PKCS#12 file: \(name)\n".utf8)
        try Data(content).write(to: URL(fileURLWithPath: pki.path("content.txt")))
        let signature = try await CAdESSigner(key: key).sign(content: content)
        try Data(signature.derEncoded()).write(to: URL(fileURLWithPath: pki.path("ours.p7s")))
        let verified = try await pki.openssl(["cms", "-verify", "-binary", "-inform", "DER", "-in", "ours.p7s", "-content", "content.txt",
                                              "-CAfile", pki.rootCertificate, "-purpose", "any", "-out", "/dev/null"])
        #expect(verified.stderrText.contains("Verification successful"), "\(name): \(verified.stderrText)")

        // A wrong password stays a wrong password.
        #expect(throws: CMSError(.wrongPassword, "")) {
            try CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) {
                _ = try SoftwareSigningKey(pkcs12: bytes, password: "wrong")
            }
        }
        // Deny by default: without the extension, the file is refused as before (every variant
        // encrypts the key or the certificates with a legacy cipher).
        #expect(throws: CMSError(.legacyPKCS12Encryption, "")) {
            _ = try SoftwareSigningKey(pkcs12: bytes, password: Self.password)
        }
    }

    @Test("a damaged legacy file without a MAC gives a typed error (or still loads), never a crash")
    func damagedWithoutMAC() async throws {
        let pki = try await OpenSSLTestPKI.make([.rsa])
        defer { pki.remove() }
        let bytes = try await Self.export(pki, .rsa, options: ["-legacy", "-nomac"], name: "nomac.p12")
        try CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) {
            _ = try SoftwareSigningKey(pkcs12: bytes, password: Self.password)
            #expect(throws: CMSError(.wrongPassword, "")) { _ = try SoftwareSigningKey(pkcs12: bytes, password: "wrong") }
            for index in stride(from: bytes.count / 2, to: bytes.count, by: 97) {
                var damaged = bytes
                damaged[index] ^= 0x5A
                do {
                    _ = try SoftwareSigningKey(pkcs12: damaged, password: Self.password)  // a byte that mattered to nothing
                } catch is CMSError {
                } catch {
                    Issue.record("byte \(index): an untyped error \(error)")
                }
            }
        }
    }
}
#endif
