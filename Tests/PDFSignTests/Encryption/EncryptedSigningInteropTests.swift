import CMSCore
import Foundation
@testable import PDFSign
import Testing
import TimestampClient

/// Corpus files encrypted by qpdf in the four standard variants, signed by us, checked by
/// pyHanko (with the password), qpdf (decrypt, then --check) and our own validator.
@Suite("Signing encrypted PDFs: pyHanko and qpdf interop", .serialized,
       .enabled(if: EncryptionTestTools.interopAvailable, EncryptionTestTools.interopMissing))
struct EncryptedSigningInteropTests {
    /// Valid corpus files (qpdf --check clean) with different structures: a classic table, a
    /// form with fields, an object-stream file.
    static let corpusFiles = ["qpdf/indirect-filter.pdf", "qpdf/form-fields-and-annotations.pdf", "qpdf/object-stream.pdf"]

    static func interopSigner() throws -> SoftwareSigningKey {
        let pki = EncryptionTestTools.pki
        return try SoftwareSigningKey.load(
            keyFile: pki.appendingPathComponent("keys/signer-party.key.pem").path,
            certificateFile: pki.appendingPathComponent("certs/signer-party.cert.pem").path,
            chainFiles: [pki.appendingPathComponent("certs/interm.cert.pem").path])
    }

    /// Checks a signed, encrypted file with pyHanko, qpdf and our validator.
    static func check(_ file: URL, password: String, signatures: Int, in directory: URL) async throws {
        let pyhanko = try await EncryptionTestTools.run(EncryptionTestTools.pyhanko!, [
            "sign", "validate", "--password", password, "--trust", EncryptionTestTools.pki.appendingPathComponent("certs/root.cert.pem").path,
            "--trust-replace", file.path,
        ])
        #expect(pyhanko.status == 0, "pyHanko: \(pyhanko.output)")
        #expect(pyhanko.output.components(separatedBy: ":INTACT:TRUSTED").count - 1 == signatures, "pyHanko: \(pyhanko.output)")
        let decrypted = directory.appendingPathComponent("decrypted-\(UUID().uuidString).pdf")
        let decrypt = try await EncryptionTestTools.run(EncryptionTestTools.qpdf!, ["--password=\(password)", "--decrypt", file.path, decrypted.path])
        #expect(decrypt.status == 0, "qpdf --decrypt: \(decrypt.output)")
        let check = try await EncryptionTestTools.run(EncryptionTestTools.qpdf!, ["--check", decrypted.path])
        #expect(check.status == 0, "qpdf --check: \(check.output)")
        let report = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(validationTime: Date(timeIntervalSince1970: 1_800_000_000)))
            .validate(fileAt: file.path, password: password)
        #expect(report.signatures.count == signatures)
        #expect(report.signatures.allSatisfy { $0.intact && $0.coverage != .partial && $0.modifications != .disallowed })
        #expect(report.signatures.last?.coverage == .entireFile)
    }

    @Test("RC4-40, RC4-128, AES-128, AES-256 × user password or empty: sign B-B opened with each password",
          arguments: EncryptionTestTools.variants.map(\.name))
    func signVariants(variant: String) async throws {
        let arguments = try #require(EncryptionTestTools.variants.first { $0.name == variant }?.arguments)
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = PDFSignatureOptions()
        options.signingTime = Date(timeIntervalSince1970: 1_790_000_000)
        options.reason = "暗号化された契約書 (encrypted contract)"
        let signer = PDFSigner(key: try Self.interopSigner(), options: options)
        var checked = 0
        for name in Self.corpusFiles {
            let input = EncryptionTestTools.corpus.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: input.path) else { continue }
            for user in ["user", ""] {
                let encrypted = try await EncryptionTestTools.encrypt(input, user: user, owner: "owner", variant: arguments, in: directory,
                                                                name: "enc-\(checked).pdf")
                for password in [user, "owner"] {
                    let document = try PDFDocument(contentsOfFile: encrypted.path, password: password.isEmpty ? nil : password)
                    let signed = directory.appendingPathComponent("signed-\(checked)-\(password.isEmpty ? "empty" : password).pdf")
                    try await signer.sign(document, writingTo: signed.path)
                    // The update keeps /Encrypt and /ID; the new objects are encrypted.
                    let reopened = try PDFDocument(contentsOfFile: signed.path, password: password.isEmpty ? nil : password)
                    #expect(reopened.trailer["Encrypt"] == document.trailer["Encrypt"])
                    #expect(try reopened.resolve(reopened.trailer["ID"] ?? .null) == (try document.resolve(document.trailer["ID"] ?? .null)))
                    #expect(reopened.encryption?.revision == document.encryption?.revision)
                    let signedBytes = try Data(contentsOf: signed)
                    #expect(signedBytes.range(of: Data("encrypted contract".utf8)) == nil, "the /Reason is written in clear")
                    try await Self.check(signed, password: password.isEmpty ? "owner" : password, signatures: 1, in: directory)
                }
                checked += 1
            }
        }
        #expect(checked > 0, "none of \(Self.corpusFiles) is in the corpus")
    }

    @Test("AES-256 with a user password: a B-T signature (interop TSA) and then a second signature")
    func timestampedAndCountersigned() async throws {
        let input = EncryptionTestTools.corpus.appendingPathComponent(Self.corpusFiles[0])
        try #require(FileManager.default.fileExists(atPath: input.path), "corpus file missing")
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let encrypted = try await EncryptionTestTools.encrypt(input, user: "user", owner: "owner", variant: ["256"], in: directory, name: "enc.pdf")
        let tsaURL = ProcessInfo.processInfo.environment["INTEROP_TSA_URL"] ?? "http://127.0.0.1:9419/interop/tsa/tsa"
        let first = directory.appendingPathComponent("bt.pdf")
        guard await InteropKit.answers(URL(string: tsaURL)!) else {
            print("EncryptedSigningInteropTests: skipped B-T — the interop TSA at \(tsaURL) does not answer (../shared/interop/pki-up)")
            return
        }
        do {
            try await PDFSigner(key: try Self.interopSigner(), level: .t, timestampAuthority: HTTPTimestampAuthority(url: URL(string: tsaURL)!))
                .sign(try PDFDocument(contentsOfFile: encrypted.path, password: "user"), writingTo: first.path)
        } catch let error as PDFError where error.code == .signingFailed {
            print("EncryptedSigningInteropTests: skipped B-T — the interop TSA at \(tsaURL) does not answer (../shared/interop/pki-up): \(error)")
            return
        }
        var options = PDFSignatureOptions()
        options.fieldName = "Second"
        let second = directory.appendingPathComponent("second.pdf")
        try await PDFSigner(key: try Self.interopSigner(), options: options)
            .sign(try PDFDocument(contentsOfFile: first.path, password: "user"), writingTo: second.path)
        let report = await PDFSignatureValidator().validate(fileAt: first.path, password: "user")
        #expect(report.signatures.first?.timestampTime != nil)
        try await Self.check(second, password: "user", signatures: 2, in: directory)
    }

    @Test("a user password that forbids form filling and modification: signing needs the owner password")
    func permissions() async throws {
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("plain.pdf")
        try Data(SigningFixtures.classicPDF()).write(to: plain)
        let encrypted = try await EncryptionTestTools.encrypt(plain, user: "", owner: "owner", variant: ["256"],
                                                        extra: ["--modify=none", "--annotate=n", "--form=n"], in: directory, name: "enc.pdf")
        let signer = PDFSigner(key: try Self.interopSigner())
        await #expect(throws: PDFError(.permissionDenied, "")) {
            try await signer.sign(try PDFDocument(contentsOfFile: encrypted.path))
        }
        let signed = try await signer.sign(try PDFDocument(contentsOfFile: encrypted.path, password: "owner"))
        let out = directory.appendingPathComponent("signed.pdf")
        try Data(signed).write(to: out)
        try await Self.check(out, password: "owner", signatures: 1, in: directory)
    }
}
