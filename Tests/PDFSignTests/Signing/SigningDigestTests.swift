import CMSCore
import Crypto
import Foundation
@testable import PDFSign
import Testing

@Suite("PDFSigner: the digest follows the key unless chosen")
struct SigningDigestTests {
    static func ed25519Signer() throws -> SoftwareSigningKey {
        let key = Curve25519.Signing.PrivateKey()
        let certificate = try SigningFixtures.pki.issueLeaf(publicKey: .init(key.publicKey), commonName: "Ed25519 署名者")
        return try SoftwareSigningKey(privateKeyDER: Array(key.derRepresentation),
                                      certificateChain: [certificate, SigningFixtures.pki.issuingCA])
    }

    @Test("an Ed25519 key signs with SHA-512 over the byte ranges when no digest was chosen")
    func ed25519UsesSHA512() async throws {
        let signed = try await PDFSigner(key: Self.ed25519Signer()).sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        let readback = try SignedPDFReadback(signed)
        #expect(readback.cms.signers.first?.digestAlgorithm == .sha512)
        let report = await readback.verify()
        #expect(report.isValid, "\(report.checks)")
    }

    @Test("an explicit SHA-256 with an Ed25519 key is refused before anything is written")
    func ed25519RefusesSHA256() async throws {
        var options = PDFSignatureOptions()
        options.digestAlgorithm = .sha256
        let error = await #expect(throws: CMSError.self) {
            try await PDFSigner(key: Self.ed25519Signer(), options: options).sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        }
        #expect(error?.code == .invalidArgument)
    }

    @Test("other keys keep SHA-256 by default")
    func p256KeepsSHA256() async throws {
        let signed = try await PDFSigner(key: SigningFixtures.signer()).sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        #expect(try SignedPDFReadback(signed).cms.signers.first?.digestAlgorithm == .sha256)
    }
}
