import CMSCore
import CMSCorePKCS11
import Foundation
import PDFSign
import Testing
import TestSupport
import TimestampClient

/// PDFs signed with keys inside the SoftHSM2 token, time-stamped by the interop TSA and judged
/// by `validate-pdf` (pyHanko, pdfsig, qpdf). Runs when SoftHSM2 and the interop kit
/// (INTEROP_TSA_URL, ../shared/interop) are there; prints why it skipped when not.
extension PKCS11SigningTests {
    static let interopDirectory = Issuer.interopDirectory.deletingLastPathComponent()

    static var interopMissing: String? {
        guard let tsa = ProcessInfo.processInfo.environment["INTEROP_TSA_URL"], URL(string: tsa) != nil else {
            return "INTEROP_TSA_URL is not set (run ../shared/interop/pki-up)"
        }
        let validate = interopDirectory.appendingPathComponent("validate-pdf").path
        guard FileManager.default.isExecutableFile(atPath: validate) else { return "\(validate) is missing" }
        guard ExternalTool.venvPath("pyhanko") != nil else { return "pyHanko is not installed (run ../shared/interop/setup)" }
        return nil
    }

    @Test("PDFs signed in the token with RSA PKCS#1 v1.5, RSA-PSS and P-256 pass validate-pdf --expect B-T", arguments: ["rsa-pkcs1", "rsa-pss", "p256"])
    func pdfInteropBT(_ variant: String) async throws {
        guard let token = try await Self.token("pdfInteropBT(\(variant))") else { return }
        if let missing = Self.interopMissing {
            print("SKIPPED PKCS11SigningTests.pdfInteropBT(\(variant)): \(missing)")
            return
        }
        #expect(token.issuedByInteropCA)
        let key = variant == "p256" ? token.p256 : token.rsa
        let provider = try await PKCS11SigningKey.open(token.configuration(key), pin: SoftHSMToken.pinSource())
        var options = PDFSignatureOptions()
        options.usesRSAPSS = variant == "rsa-pss"
        options.reason = "PKCS#11 \(variant)"
        let tsa = HTTPTimestampAuthority(url: URL(string: ProcessInfo.processInfo.environment["INTEROP_TSA_URL"]!)!)
        let signed = try await PDFSigner(key: provider, options: options, level: .t, timestampAuthority: tsa)
            .sign(try PDFDocument(bytes: MinimalPDF.bytes()))
        let file = token.directory.appendingPathComponent("signed-\(variant).pdf")
        try Data(signed).write(to: file)
        let result = try await ExternalTool.run(Self.interopDirectory.appendingPathComponent("validate-pdf").path,
                                                [file.path, "--expect", "B-T"], standardError: .merged)
        #expect(result.status == 0, "\(result.stdoutText)")
    }
}
