import CMSCore
import Foundation
import Testing

/// Cross-checks with OpenSSL and pyHanko on the shared interop PKI. Skipped, with the
/// reason shown, where `../shared/interop` or the tools are absent.
@Suite("CMS interoperability with OpenSSL and pyHanko", .enabled(if: ExternalTools.hasOpenSSLAndPKI, "needs openssl and ../shared/interop/pki"))
struct OpenSSLCMSInteropTests {
    static let content = Array("契約書 interop test\n".utf8)

    struct Fixture {
        let dir: URL
        let contentPath: String
        init() throws {
            dir = try ExternalTools.temporaryDirectory()
            contentPath = dir.appendingPathComponent("content.txt").path
            try Data(OpenSSLCMSInteropTests.content).write(to: URL(fileURLWithPath: contentPath))
        }
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    }

    static func key(_ name: String) throws -> SoftwareSigningKey {
        try SoftwareSigningKey.load(keyFile: ExternalTools.pkiKey(name), certificateFile: ExternalTools.pkiCert(name),
                                    chainFiles: [ExternalTools.pkiCert("interm")])
    }

    static var policy: CMSVerificationPolicy {
        get throws {
            CMSVerificationPolicy(trustAnchors: try PEMFiles.certificates(inFile: ExternalTools.pkiCert("root")),
                                  requiresSigningCertificateAttribute: false)
        }
    }

    @Test("OpenSSL accepts our signatures", arguments: [("signer-party", false), ("signer-party", true), ("signer-ec", false)])
    func opensslVerifiesOurs(signer: String, pss: Bool) async throws {
        let fixture = try Fixture()
        var options = CAdESSigningOptions()
        options.usesRSAPSS = pss
        let signature = try await CAdESSigner(key: Self.key(signer), options: options).sign(fileAt: fixture.contentPath)
        try Data(signature.derEncoded()).write(to: URL(fileURLWithPath: fixture.path("sig.p7s")))
        let result = try await ExternalTools.run(ExternalTools.openssl!, [
            "cms", "-verify", "-binary", "-inform", "DER", "-in", fixture.path("sig.p7s"), "-content", fixture.contentPath,
            "-CAfile", ExternalTools.pkiCert("root"), "-certfile", ExternalTools.pkiCert("interm"), "-purpose", "any", "-out", "/dev/null",
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Verification successful"))
    }

    @Test("we accept OpenSSL's signatures", arguments: [
        ("signer-party", [String]()),
        ("signer-party", ["-keyopt", "rsa_padding_mode:pss"]),
        ("signer-party", ["-keyopt", "rsa_padding_mode:pss", "-keyopt", "rsa_pss_saltlen:digest", "-md", "sha384"]),
        ("signer-ec", [String]()),
        ("signer-ec", ["-md", "sha512"]),
        ("signer-party", ["-keyid"]),  // SignerIdentifier by subjectKeyIdentifier (SignerInfo version 3)
    ])
    func oursVerifiesOpenSSL(signer: String, extra: [String]) async throws {
        let fixture = try Fixture()
        let result = try await ExternalTools.run(ExternalTools.openssl!, [
            "cms", "-sign", "-binary", "-in", fixture.contentPath, "-signer", ExternalTools.pkiCert(signer),
            "-inkey", ExternalTools.pkiKey(signer), "-certfile", ExternalTools.pkiCert("interm"),
            "-outform", "DER", "-out", fixture.path("o.p7s"),
        ] + extra)
        try #require(result.status == 0, "\(result.output)")
        let signature = try CMSSignature(berEncoded: Array(try Data(contentsOf: URL(fileURLWithPath: fixture.path("o.p7s")))))
        let report = await CMSSignatureVerifier(policy: try Self.policy).verify(signature, content: .bytes(Self.content))
        #expect(report.indication == .totalPassed, "\(report.checks)")
        var tampered = Self.content
        tampered.append(0x0A)
        let bad = await CMSSignatureVerifier(policy: try Self.policy).verify(signature, content: .bytes(tampered))
        #expect(bad.subIndication == .hashFailure)
    }

    @Test("OpenSSL's BER (streamed, indefinite-length) signatures parse and verify")
    func opensslStreamed() async throws {
        let fixture = try Fixture()
        let result = try await ExternalTools.run(ExternalTools.openssl!, [
            "cms", "-sign", "-binary", "-stream", "-in", fixture.contentPath, "-signer", ExternalTools.pkiCert("signer-ec"),
            "-inkey", ExternalTools.pkiKey("signer-ec"), "-certfile", ExternalTools.pkiCert("interm"),
            "-outform", "DER", "-out", fixture.path("s.p7s"),
        ])
        try #require(result.status == 0, "\(result.output)")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture.path("s.p7s"))))
        #expect(bytes[1] == 0x80, "expected an indefinite-length encoding from -stream")
        let report = await CMSSignatureVerifier(policy: try Self.policy).verify(try CMSSignature(berEncoded: bytes), content: .encapsulated)
        #expect(report.isValid, "\(report.checks)")
    }

    @Test("we accept pyHanko's detached signatures", .enabled(if: ExternalTools.pyhanko != nil, "needs pyHanko (../shared/interop/setup)"))
    func oursVerifiesPyHanko() async throws {
        let fixture = try Fixture()
        let result = try await ExternalTools.run(ExternalTools.pyhanko!, [
            "sign", "addsig", "--detach", "pemder", "--key", ExternalTools.pkiKey("signer-party"),
            "--cert", ExternalTools.pkiCert("signer-party"), "--chain", ExternalTools.pkiCert("interm"), "--no-pass",
            fixture.contentPath, fixture.path("py.p7s"),
        ])
        try #require(result.status == 0, "\(result.output)")
        let signature = try CMSSignature(berEncoded: Array(try Data(contentsOf: URL(fileURLWithPath: fixture.path("py.p7s")))))
        var policy = try Self.policy
        policy.requiresSigningCertificateAttribute = true  // pyHanko writes CAdES attributes
        let report = await CMSSignatureVerifier(policy: policy).verify(signature, content: .bytes(Self.content))
        #expect(report.indication == .totalPassed, "\(report.checks)")
    }

    @Test("pyHanko accepts our Ed25519 signature (RFC 8419), which OpenSSL 3.0 cannot check in CMS",
          .enabled(if: ExternalTools.pyhanko != nil, "needs pyHanko (../shared/interop/setup)"))
    func pyhankoVerifiesEd25519() async throws {
        let fixture = try Fixture()
        let openssl = ExternalTools.openssl!
        // An Ed25519 signer certificate issued by the shared intermediate.
        try #require(try await ExternalTools.run(openssl, ["genpkey", "-algorithm", "ed25519", "-out", fixture.path("ed.key")]).status == 0)
        try #require(try await ExternalTools.run(openssl, ["req", "-new", "-key", fixture.path("ed.key"), "-subj", "/C=JP/O=Example/CN=Ed25519 Signer",
                                                     "-out", fixture.path("ed.csr")]).status == 0)
        try "keyUsage=critical,digitalSignature,nonRepudiation\n".write(toFile: fixture.path("ext.cnf"), atomically: true, encoding: .utf8)
        let issued = try await ExternalTools.run(openssl, [
            "x509", "-req", "-in", fixture.path("ed.csr"), "-CA", ExternalTools.pkiCert("interm"), "-CAkey", ExternalTools.pkiKey("interm"),
            "-CAcreateserial", "-days", "30", "-extfile", fixture.path("ext.cnf"), "-out", fixture.path("ed.pem"),
        ])
        try #require(issued.status == 0, "\(issued.output)")
        let key = try SoftwareSigningKey.load(keyFile: fixture.path("ed.key"), certificateFile: fixture.path("ed.pem"),
                                              chainFiles: [ExternalTools.pkiCert("interm")])
        var options = CAdESSigningOptions()
        options.digestAlgorithm = .sha512
        let signature = try await CAdESSigner(key: key, options: options).sign(fileAt: fixture.contentPath)
        try Data(signature.derEncoded()).write(to: URL(fileURLWithPath: fixture.path("ed.p7s")))
        let result = try await ExternalTools.run(ExternalTools.pyhanko!, [
            "sign", "validate", "--no-revocation-check", "--detached", fixture.path("ed.p7s"), "--trust", ExternalTools.pkiCert("root"),
            "--trust-replace", "--other-certs", ExternalTools.pkiCert("interm"), fixture.contentPath,
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("INTACT:TRUSTED"), "\(result.output)")
        // Control: pyHanko must reject the same signature over other content.
        try Data(Self.content + [0x0A]).write(to: URL(fileURLWithPath: fixture.path("other.txt")))
        let control = try await ExternalTools.run(ExternalTools.pyhanko!, [
            "sign", "validate", "--no-revocation-check", "--detached", fixture.path("ed.p7s"), "--trust", ExternalTools.pkiCert("root"),
            "--trust-replace", "--other-certs", ExternalTools.pkiCert("interm"), fixture.path("other.txt"),
        ])
        #expect(!control.output.contains("INTACT:TRUSTED"), "\(control.output)")
    }
}
