import CMSCore
import Foundation
@testable import PDFSign
import Testing
import TimestampClient

/// Remote signing through a real CSC API v1 server on loopback: certomancer-csc-dummy over the
/// shared test PKI (`../shared/interop/csc-up`, `INTEROP_CSC_URL`). Skipped, saying why, when
/// the server or the interop kit is not there.
@Suite("CSC remote signing against certomancer-csc-dummy (interop)", .serialized)
struct CSCInteropTests {
    /// The client, or `nil` (after printing why) when the server is not there.
    static func client(for test: String) async -> CSCClient? {
        if let missing = await InteropKit.missing {
            print("SKIPPED CSCInteropTests.\(test): \(missing)")
            return nil
        }
        guard let text = ProcessInfo.processInfo.environment["INTEROP_CSC_URL"], let url = URL(string: text) else {
            print("SKIPPED CSCInteropTests.\(test): INTEROP_CSC_URL is not set (run ../shared/interop/csc-up)")
            return nil
        }
        do {
            let client = try CSCClient(baseURL: url, timeout: .seconds(90))  // the test server signs in Python on a shared machine
            _ = try await CSCClient(baseURL: url, timeout: .seconds(15)).info()
            return client
        } catch {
            print("SKIPPED CSCInteropTests.\(test): the CSC server at \(text) does not answer (\(error))")
            return nil
        }
    }

    @Test("a PDF signed through the CSC provider (signer-party, RSA) with the interop TSA passes validate-pdf --expect B-T")
    func pdfBT() async throws {
        guard let client = await Self.client(for: "pdfBT") else { return }
        let key = try await CSCSigningKey.connect(to: client, credentialID: "interop/signer-party")
        #expect(key.certificateChain.count >= 2, "the service returns the chain")
        var options = PDFSignatureOptions()
        options.reason = "CSC remote signing"
        let signer = PDFSigner(key: key, options: options, timestampAuthority: HTTPTimestampAuthority(url: try #require(InteropKit.tsaURL)))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csc-\(UUID().uuidString).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await signer.sign(PDFDocument(bytes: SigningFixtures.classicPDF()), writingTo: path)
        let validation = try await InteropKit.run(InteropKit.validatePDF, [path, "--expect", "B-T"])
        #expect(validation.status == 0, "\(validation.output)")

        // A measurement, not an assertion: authorize + signHash round trips on loopback.
        let request = SignatureRequest(message: Array("measure".utf8), algorithm: .rsaPKCS1v15(.sha256))
        let clock = ContinuousClock()
        let rounds = 10
        let elapsed = try await clock.measure { for _ in 0..<rounds { _ = try await key.sign(request) } }
        print("MEASURED CSC sign (credentials/authorize + signatures/signHash, RSA-2048, loopback): \(elapsed / rounds) per signature over \(rounds)")
    }

    @Test("ECDSA (signer-ec) and RSA-PSS (signer-party) through CSC: CMS signatures whose values verify")
    func ecdsaAndPSS() async throws {
        guard let client = await Self.client(for: "ecdsaAndPSS") else { return }
        let content = Array("電子契約 via CSC".utf8)
        for (credential, pss) in [("interop/signer-ec", false), ("interop/signer-party", true)] {
            let key = try await CSCSigningKey.connect(to: client, credentialID: credential)
            var options = CAdESSigningOptions()
            options.usesRSAPSS = pss
            let signature = try await CAdESSigner(key: key, options: options).sign(content: content)
            let policy = CMSVerificationPolicy(trustAnchors: [key.certificateChain.last!], intermediates: Array(key.certificateChain.dropFirst()))
            let report = await CMSSignatureVerifier(policy: policy).verify(signature, content: .bytes(content))
            #expect(report.integrity == .verified, "\(credential): \(report.checks)")
            #expect(report.signatureAlgorithm?.scheme == (pss ? .rsaPSS : .ecdsa))
        }
    }

    @Test("refusals are typed: an unknown credential, a SAD of another credential, a forged SAD, a hash the SAD does not cover")
    func refusals() async throws {
        guard let client = await Self.client(for: "refusals") else { return }
        await #expect(throws: CSCError(.credentialNotFound, "")) { _ = try await CSCSigningKey.connect(to: client, credentialID: "interop/no-such-signer") }

        let hash = [UInt8](repeating: 0x5A, count: 32)
        let rsa = CMSObjectIdentifier.Signature.sha256WithRSA
        // The witness's SAD does not authorize the party's credential.
        let witnessSAD = try await client.authorize(credentialID: "interop/signer-witness", hashes: [hash], digest: .sha256)
        let notAuthorized = await #expect(throws: CSCError(.invalidSAD, "")) {
            try await client.signHash(credentialID: "interop/signer-party", activation: witnessSAD, hashes: [hash], digest: .sha256, signatureAlgorithm: rsa)
        }
        #expect(notAuthorized?.httpStatus == 400 && notAuthorized?.method == "signatures/signHash")
        // A SAD the service never issued: a real one with its MAC altered (a SAD of arbitrary
        // bytes makes this test server hang decoding it, so the forgery keeps the structure).
        let partySAD = try await client.authorize(credentialID: "interop/signer-party", hashes: [hash], digest: .sha256)
        var forged = Array(try #require(Data(base64Encoded: partySAD.value)))
        forged[forged.count - 1] ^= 0x01
        await #expect(throws: CSCError(.invalidSAD, "")) {
            try await client.signHash(credentialID: "interop/signer-party", activation: CSCSignatureActivationData(value: Data(forged).base64EncodedString()),
                                      hashes: [hash], digest: .sha256, signatureAlgorithm: rsa)
        }
        // A SAD bound to one hash does not sign another.
        await #expect(throws: CSCError(.invalidSAD, "")) {
            try await client.signHash(credentialID: "interop/signer-party", activation: partySAD, hashes: [[UInt8](repeating: 0xA5, count: 32)],
                                      digest: .sha256, signatureAlgorithm: rsa)
        }
        // ...and signs the one it covers.
        let signatures = try await client.signHash(credentialID: "interop/signer-party", activation: partySAD, hashes: [hash], digest: .sha256, signatureAlgorithm: rsa)
        #expect(signatures.count == 1 && signatures[0].count == 256)
    }

    @Test("through PDFSigner, a credential the service does not know fails signing with the CSC error underneath, and no file is written")
    func typedThroughPDFSigner() async throws {
        guard let client = await Self.client(for: "typedThroughPDFSigner") else { return }
        let real = try await CSCSigningKey.connect(to: client, credentialID: "interop/signer-party")
        var credential = real.credential
        credential.credentialID = "interop/withdrawn"
        let key = try CSCSigningKey(client: client, credential: credential)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csc-\(UUID().uuidString).pdf").path
        let error = await #expect(throws: CMSError.self) {
            try await PDFSigner(key: key).sign(PDFDocument(bytes: SigningFixtures.classicPDF()), writingTo: path)
        }
        #expect((error?.underlyingError as? CSCError)?.code == .credentialNotFound, "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
