import Foundation
@testable import PDFSign
import Testing

@Suite("Standard security handler key derivation against qpdf (ISO 32000-2 §7.6.4)")
struct KeyDerivationTests {
    static func plainFile(in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent("plain.pdf")
        try Data(SigningFixtures.classicPDF()).write(to: url)
        return url
    }

    @Test("R2/R3/R4/R5/R6: user and owner passwords give qpdf's file key; wrong or missing passwords are typed errors",
          .enabled(if: EncryptionTestTools.qpdf != nil, EncryptionTestTools.qpdfMissing),
          arguments: EncryptionTestTools.variants.map(\.arguments) + [["256", "--force-R5"]])
    func derivesQpdfKey(variant: [String]) async throws {
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try await EncryptionTestTools.encrypt(try Self.plainFile(in: directory), user: "usér pw", owner: "öwner", variant: variant,
                                                   in: directory, name: "encrypted.pdf")
        let expected = try #require(try await EncryptionTestTools.qpdfFileKey(file, password: "usér pw"))
        for (password, access) in [("usér pw", PDFEncryptionInfo.Access.user), ("öwner", .owner)] {
            let document = try PDFDocument(contentsOfFile: file.path, password: password)
            #expect(document.crypt?.fileKey == expected)
            #expect(document.encryption?.openedWith == access)
            // The content stream decrypts to what was written.
            let page = try #require(try document.object(for: PDFObjectReference(4)).streamValue)
            #expect(String(decoding: try document.decodedData(of: page).bytes, as: UTF8.self).contains("(Contract) Tj"))
        }
        let info = try #require(try PDFDocument(contentsOfFile: file.path, password: "usér pw").encryption)
        #expect(info.handler == "Standard")
        #expect(info.keyLength == (variant[0] == "40" ? 40 : Int(variant[0])!))
        #expect(info.revision == ["40": 2, "128": variant.contains("--use-aes=y") ? 4 : 3, "256": variant.contains("--force-R5") ? 5 : 6][variant[0]])
        #expect(throws: PDFError(.wrongPassword, "")) { try PDFDocument(contentsOfFile: file.path, password: "wrong") }
        #expect(throws: PDFError(.passwordRequired, "")) { try PDFDocument(contentsOfFile: file.path) }
    }

    @Test("an empty user password opens without being asked, with the user permissions",
          .enabled(if: EncryptionTestTools.qpdf != nil, EncryptionTestTools.qpdfMissing),
          arguments: EncryptionTestTools.variants.map(\.arguments))
    func emptyUserPassword(variant: [String]) async throws {
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let restrictions = variant[0] == "40" ? ["--print=n", "--modify=n"] : ["--print=none", "--modify=none"]
        let file = try await EncryptionTestTools.encrypt(try Self.plainFile(in: directory), user: "", owner: "owner", variant: variant,
                                                   extra: restrictions, in: directory, name: "encrypted.pdf")
        let document = try PDFDocument(contentsOfFile: file.path)
        #expect(document.crypt?.fileKey == (try await EncryptionTestTools.qpdfFileKey(file, password: "")))
        let info = try #require(document.encryption)
        #expect(info.openedWith == .user)
        #expect(!info.permissions.contains(.print))
        #expect(!info.allows(.modify))
        #expect(try PDFDocument(contentsOfFile: file.path, password: "owner").encryption?.allows(.modify) == true)
    }

    @Test("R6 passwords go through SASLprep: a decomposed and a full-width spelling open the same file",
          .enabled(if: EncryptionTestTools.qpdf != nil, EncryptionTestTools.qpdfMissing))
    func saslPrepPasswords() async throws {
        let directory = try ExternalPDFTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // qpdf stores the UTF-8 of what it is given; we give it the SASLprep'd (NFKC) form.
        let file = try await EncryptionTestTools.encrypt(try Self.plainFile(in: directory), user: "café", owner: "own", variant: ["256"],
                                                   in: directory, name: "encrypted.pdf")
        #expect(try PDFDocument(contentsOfFile: file.path, password: "cafe\u{0301}").encryption?.openedWith == .user)
        #expect(try PDFDocument(contentsOfFile: file.path, password: "ｃａｆé\u{00AD}").encryption?.openedWith == .user)
        #expect(throws: PDFError(.invalidPassword, "")) { try PDFDocument(contentsOfFile: file.path, password: "caf\u{0007}") }
    }
}
