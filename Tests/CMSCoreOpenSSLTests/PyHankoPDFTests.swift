#if canImport(CMSCoreOpenSSL)
import CMSCore
import CMSCoreOpenSSL
import Foundation
import PDFSign
import Testing

/// PDFs signed by pyHanko with SHA-3 and brainpool keys: our validator, with the libcrypto
/// extension, judges them as pyHanko does; without it they stay INDETERMINATE (unsupported).
@Suite("libcrypto extension: pyHanko's SHA-3 and brainpool PDFs",
       .enabled(if: OpenSSLTestPKI.openssl != nil && PyHankoFixture.python != nil, "needs openssl and the interop venv's pyHanko"))
struct PyHankoPDFTests {
    static func validate(_ bytes: [UInt8], _ pki: OpenSSLTestPKI) async throws -> PDFSignatureReport {
        // No revocation data exists for this throwaway PKI; pyHanko's ValidationContext (no
        // fetching, soft-fail) judges without it too.
        let policy = PDFSignatureValidationPolicy(trustAnchors: try PEMFiles.certificates(inFile: pki.rootCertificate),
                                                  validationTime: pki.validationTime, revocation: .none)
        let report = await PDFSignatureValidator(policy: policy).validate(try PDFDocument(bytes: bytes))
        return try #require(report.signatures.first)
    }

    // (pyHanko's asn1crypto has no RSA-with-SHA-3 identifier; RSA with SHA-3 comes from openssl cms.)
    @Test("pyHanko's PDFs: SHA-3 over P-256, SHA-2 and SHA3-256 over brainpool, Ed448 with SHAKE256", arguments: [
        (OpenSSLTestPKI.Leaf.p256, "sha3_256"), (.p256, "sha3_512"),
        (.brainpoolP256r1, "sha256"), (.brainpoolP384r1, "sha384"), (.brainpoolP512r1, "sha512"), (.brainpoolP256r1, "sha3_256"),
        (.ed448, "shake256"),
    ])
    func judgedAlike(leaf: OpenSSLTestPKI.Leaf, digest: String) async throws {
        let pki = try await OpenSSLTestPKI.make([leaf])
        defer { pki.remove() }
        let output = pki.path("signed.pdf")
        let theirs = try await PyHankoFixture.signAndJudge(key: pki.key(leaf), certificate: pki.certificate(leaf), root: pki.rootCertificate,
                                                           digest: digest, output: output)
        #expect(theirs.intact && theirs.valid && theirs.trusted, "pyHanko: \(theirs)")
        #expect(theirs.md.hasPrefix(digest), "pyHanko used \(theirs.md)")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: output)))

        let ours = try await CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) { try await Self.validate(bytes, pki) }
        let what = "\(leaf) \(digest)"
        #expect(ours.intact == theirs.intact, "\(what): \(ours.findings)")
        #expect(!ours.findings.contains { [.unsupportedAlgorithm, .signatureFailed, .digestMismatch, .weakAlgorithm].contains($0.code) },
                "\(what): \(ours.findings)")
        // A leaf swift-certificates cannot parse (brainpool, Ed448) is checked against its issuer
        // by CMSCore (ExtensionKeyLeafChain), the rest of the path by swift-certificates: the
        // chain is judged for every key type, as pyHanko's `trusted`.
        #expect(ours.indication == .totalPassed, "\(what): \(ours.findings)")

        // A changed byte inside the signed range (the header's binary comment line): it breaks.
        var tampered = bytes
        let comment = try #require(bytes.indices.dropFirst(8).first { bytes[$0] >= 0x80 }, "no binary comment after the header")
        tampered[comment] ^= 0x01
        let broken = try await CMSAlgorithmExtensions.withExtension(OpenSSLAlgorithmExtension()) { try await Self.validate(tampered, pki) }
        #expect(!broken.intact && broken.indication == .totalFailed, "\(what): \(broken.findings)")

        // Deny by default: without the extension the algorithm is unsupported, never valid.
        let without = try await Self.validate(bytes, pki)
        #expect(without.indication == .indeterminate && without.findings.contains { $0.code == .unsupportedAlgorithm }, "\(what): \(without.findings)")
    }
}
#endif
