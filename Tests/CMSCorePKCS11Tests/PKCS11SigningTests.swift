import CMSCore
import CMSCorePKCS11
import Foundation
import PDFSign
import Testing
import TestSupport
import TimestampClient
import X509

/// Signing with keys generated inside a SoftHSM2 token, through ``PKCS11SigningKey``.
/// Skipped (with a printed reason) when SoftHSM2 or OpenSC's pkcs11-tool is not installed.
@Suite("PKCS#11 signing through SoftHSM2", .serialized)
struct PKCS11SigningTests {
    static let content = Array("PKCS#11 signing test content".utf8)

    /// The token, or `nil` after printing why the test is skipped.
    static func token(_ test: String) async throws -> SoftHSMToken? {
        if let missing = SoftHSMToken.missing {
            print("SKIPPED PKCS11SigningTests.\(test): \(missing)")
            return nil
        }
        return try await SoftHSMToken.shared()
    }

    static func trustAnchors(_ token: SoftHSMToken) throws -> [Certificate] {
        if token.issuedByInteropCA {
            let root = Issuer.interopDirectory.appendingPathComponent("certs/root.cert.pem").path
            return [try Certificate(pemEncoded: try String(contentsOfFile: root, encoding: .utf8))]
        }
        return [TestPKI.root]
    }

    /// Signs `content` as CMS with `key` and returns our verifier's integrity verdict and the algorithm.
    static func cmsIntegrity(_ key: PKCS11SigningKey, pss: Bool = false, digest: DigestAlgorithm? = nil) async throws -> (CMSIntegrity, SignatureAlgorithm?) {
        var options = CAdESSigningOptions()
        options.usesRSAPSS = pss
        options.digestAlgorithm = digest
        let signature = try await CAdESSigner(key: key, options: options).sign(content: content)
        let reparsed = try CMSSignature(berEncoded: try signature.derEncoded())
        let report = await CMSSignatureVerifier(policy: CMSVerificationPolicy(trustAnchors: [])).verify(reparsed, content: .bytes(content))
        return (report.integrity, report.signatureAlgorithm)
    }

    @Test("keys made by pkcs11-tool are non-extractable and sensitive; the certificate is read from the token")
    func keysStayInside() async throws {
        guard let token = try await Self.token("keysStayInside") else { return }
        for key in [token.rsa, token.p256, token.p384] {
            let provider = try await PKCS11SigningKey.open(token.configuration(key), pin: SoftHSMToken.pinSource())
            #expect(try await provider.isKeyNonExtractable, "\(key.label)")
            #expect(provider.certificateChain.first == key.certificate, "\(key.label)")
            #expect(await provider.loginCount == 1)
        }
    }

    @Test("RSA PKCS#1 v1.5, RSA-PSS, P-256 and P-384 (CKM_ECDSA) and P-256 with CKM_ECDSA_SHA256: CMS verifies with our verifier")
    func everyMechanism() async throws {
        guard let token = try await Self.token("everyMechanism") else { return }
        let rsa = try await PKCS11SigningKey.open(token.configuration(token.rsa, byID: true), pin: SoftHSMToken.pinSource())
        #expect(rsa.keyType == .rsa)
        for (pss, digest) in [(false, DigestAlgorithm.sha256), (true, .sha256), (false, .sha512), (true, .sha384)] {
            let (integrity, algorithm) = try await Self.cmsIntegrity(rsa, pss: pss, digest: digest)
            #expect(integrity == .verified && algorithm == SignatureAlgorithm(scheme: pss ? .rsaPSS : .rsaPKCS1v15, digest: digest))
        }
        let p256 = try await PKCS11SigningKey.open(token.configuration(token.p256), pin: SoftHSMToken.pinSource())
        let p384 = try await PKCS11SigningKey.open(token.configuration(token.p384), pin: SoftHSMToken.pinSource())
        for (key, digest) in [(p256, DigestAlgorithm.sha256), (p384, .sha384), (p256, .sha512)] {
            let (integrity, algorithm) = try await Self.cmsIntegrity(key, digest: digest)
            #expect(integrity == .verified && algorithm == .ecdsa(digest))
        }
        var combined = token.configuration(token.p256)
        combined.ecdsaHashing = .inModuleWhereAvailable
        let moduleHashing = try await PKCS11SigningKey.open(combined, pin: SoftHSMToken.pinSource())
        let (integrity, _) = try await Self.cmsIntegrity(moduleHashing, digest: .sha256)
        #expect(integrity == .verified)
    }

    @Test("the CMS signature verifies with OpenSSL against the chain (RSA-PSS, P-256)")
    func openSSLVerifies() async throws {
        guard let token = try await Self.token("openSSLVerifies") else { return }
        guard ExternalTool.path("openssl") != nil else { print("SKIPPED PKCS11SigningTests.openSSLVerifies: openssl is not on PATH"); return }
        let directory = token.directory
        let contentFile = directory.appendingPathComponent("content.bin")
        try Data(Self.content).write(to: contentFile)
        let anchors = directory.appendingPathComponent("anchors.pem")
        try (try Self.trustAnchors(token) + token.rsa.intermediates).map { try $0.serializeAsPEM().pemString }.joined(separator: "\n")
            .write(to: anchors, atomically: true, encoding: .utf8)
        for (key, pss) in [(token.rsa, true), (token.p256, false)] {
            let provider = try await PKCS11SigningKey.open(token.configuration(key), pin: SoftHSMToken.pinSource())
            var options = CAdESSigningOptions()
            options.usesRSAPSS = pss
            let signature = try await CAdESSigner(key: provider, options: options).sign(content: Self.content)
            let file = directory.appendingPathComponent("\(key.label).p7s")
            try Data(try signature.derEncoded()).write(to: file)
            let result = try await ExternalTool.run("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", file.path,
                                                                "-content", contentFile.path, "-CAfile", anchors.path, "-purpose", "any", "-out", "/dev/null"],
                                                    standardError: .merged)
            #expect(result.status == 0, "\(key.label): \(result.stdoutText)")
        }
    }

    @Test("8 tasks signing at once through one provider (4 sessions): every signature verifies")
    func concurrentSigning() async throws {
        guard let token = try await Self.token("concurrentSigning") else { return }
        for key in [token.rsa, token.p256] {
            var configuration = token.configuration(key)
            configuration.maximumSessions = 4
            let provider = try await PKCS11SigningKey.open(configuration, pin: SoftHSMToken.pinSource())
            let results = try await withThrowingTaskGroup(of: CMSIntegrity.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        let content = Array("task \(index)".utf8)
                        let signature = try await CAdESSigner(key: provider).sign(content: content)
                        return await CMSSignatureVerifier(policy: CMSVerificationPolicy(trustAnchors: [])).verify(signature, content: .bytes(content)).integrity
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 8 && results.allSatisfy { $0 == .verified }, "\(key.label): \(results)")
            #expect(await provider.loginCount == 1)
        }
    }

    @Test("after C_Logout the provider logs in again (asking the PIN source again) and the signature succeeds")
    func reloginAfterLogout() async throws {
        guard let token = try await Self.token("reloginAfterLogout") else { return }
        let counter = SoftHSMToken.PINCounter()
        let provider = try await PKCS11SigningKey.open(token.configuration(token.p256), pin: SoftHSMToken.pinSource(counter: counter))
        #expect(try await Self.cmsIntegrity(provider).0 == .verified)
        try await provider.logOut()
        #expect(try await Self.cmsIntegrity(provider).0 == .verified)
        #expect(await counter.count == 2)
        #expect(await provider.loginCount == 2)
    }

    @Test("a PIN given to the callback is wiped after the login")
    func pinWiped() async throws {
        guard let token = try await Self.token("pinWiped") else { return }
        let box = PINBox()
        _ = try await PKCS11SigningKey.open(token.configuration(token.p256)) { _ in
            let pin = PKCS11PIN(SoftHSMToken.pin)
            await box.set(pin)
            return pin
        }
        let pin = try #require(await box.pin)
        #expect(pin.isWiped)
    }

    actor PINBox {
        var pin: PKCS11PIN?
        func set(_ pin: PKCS11PIN) { self.pin = pin }
    }
}
