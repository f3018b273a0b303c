import CMSCore
import Crypto
import Foundation
@testable import PDFSign
import Testing

/// Embedded files (ISO 32000-2 §7.11.4, PDF 2.0 /AF): embedding before signing, listing and
/// extracting from files written by others, safe names, typed refusals.
@Suite("Attachments: embedded files")
struct AttachmentTests {
    static let terms = Array("<terms><price>100</price><currency>JPY</currency></terms>\n".utf8)
    static let blob: [UInt8] = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    static let date = Date(timeIntervalSince1970: 1_790_000_000)

    static func attached() throws -> [UInt8] {
        let files = [
            try PDFNewAttachment(fileName: "terms.xml", data: terms, mimeType: "application/xml", relationship: .data,
                                 description: "契約条件", creationDate: date, modificationDate: date),
            try PDFNewAttachment(fileName: "原本.bin", data: blob, relationship: .source),
        ]
        return try PDFAttachmentEmbedder().adding(files, to: PDFDocument(bytes: SigningFixtures.classicPDF()))
    }

    @Test("embedded before signing: B-LTA signature valid, the files extract byte-identical with their metadata; qpdf agrees")
    func embedThenSign() async throws {
        let attached = try Self.attached()
        var signer = PDFSigner(key: try SigningFixtures.signer("party"), level: .lta, timestampAuthority: try SigningFixtures.tsa())
        signer.revocationSource = try SigningFixtures.pki.revocationDataSource()
        signer.extraCertificates = [SigningFixtures.pki.root]
        let signed = try await signer.sign(PDFDocument(bytes: attached))
        let report = await PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [SigningFixtures.pki.root])).validate(try PDFDocument(bytes: signed))
        #expect(report.valid, "\(report.signatures.map(\.findings))")

        let document = try PDFDocument(bytes: signed)
        let attachments = try document.attachments()
        #expect(attachments.map(\.fileName) == ["terms.xml", "原本.bin"])
        let terms = try #require(attachments.first)
        #expect(try document.data(of: terms) == Self.terms)
        #expect(try document.data(of: attachments[1]) == Self.blob)
        #expect(terms.mimeType == "application/xml" && terms.relationship == .data && terms.description == "契約条件")
        #expect(terms.size == Self.terms.count && terms.checksum == Array(Insecure.MD5.hash(data: Self.terms)))
        #expect(terms.creationDate == Self.date && terms.modificationDate == Self.date)
        #expect(attachments.allSatisfy(\.isAssociatedWithDocument) && attachments[1].relationship == .source)

        guard let qpdf = ["/usr/bin/qpdf", "/usr/local/bin/qpdf"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            print("SKIPPED the qpdf cross-check: qpdf not installed")
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("attached-\(UUID().uuidString).pdf")
        try Data(signed).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let shown = try await InteropKit.run(qpdf, ["--show-attachment=terms.xml", file.path])
        #expect(shown.status == 0 && Array(shown.output.utf8) == Self.terms, "\(shown.output)")
    }

    @Test("a file written by others: a name tree with /Kids, a file attachment annotation, an external file")
    func othersFile() throws {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 10 0 R >> >>")
        builder.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        builder.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [20 0 R] >>")
        builder.object(10, "<< /Kids [11 0 R 12 0 R] >>")
        builder.object(11, "<< /Limits [(a.txt) (b.txt)] /Names [(a.txt) 13 0 R (b.txt) << /Type /Filespec /F (b.txt) /EF << /F 15 0 R >> >>] >>")
        builder.object(12, "<< /Limits [(c.txt) (c.txt)] /Names [(c.txt) << /Type /Filespec /F (../../c.txt) >>] >>")
        builder.object(13, "<< /Type /Filespec /F (a.txt) /UF (a.txt) /EF << /F 14 0 R >> >>")
        builder.stream(14, "/Type /EmbeddedFile /Params << /Size 5 >>", data: Array("hello".utf8))
        builder.stream(15, "/Type /EmbeddedFile", data: Array("world".utf8))
        builder.object(20, "<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS << /Type /Filespec /F (note.txt) /EF << /F 21 0 R >> >> >>")
        builder.stream(21, "/Type /EmbeddedFile", data: Array("note".utf8))
        builder.classicXref(trailer: "/Size 22 /Root 1 0 R")
        let document = try PDFDocument(bytes: builder.bytes)
        let attachments = try document.attachments()
        #expect(attachments.map(\.fileName) == ["a.txt", "b.txt", "../../c.txt", "note.txt"])
        #expect(attachments.map(\.location) == [.embeddedFiles(key: "a.txt"), .embeddedFiles(key: "b.txt"), .embeddedFiles(key: "c.txt"), .annotation(pageIndex: 0)])
        #expect(try attachments.filter { $0.stream != nil }.map { String(decoding: try document.data(of: $0), as: UTF8.self) } == ["hello", "world", "note"])
        #expect(attachments[2].safeFileName == "c.txt")
        #expect(throws: PDFError(.objectNotFound, "")) { try document.data(of: attachments[2]) }
    }

    @Test("a looping name tree is a typed error; a checksum or size mismatch is corruptStreamData")
    func hostileTrees() throws {
        var loop = TestPDFBuilder()
        loop.object(1, "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 10 0 R >> >>")
        loop.object(2, "<< /Type /Pages /Kids [] /Count 0 >>")
        loop.object(10, "<< /Kids [11 0 R] >>")
        loop.object(11, "<< /Kids [10 0 R] >>")
        loop.classicXref(trailer: "/Size 12 /Root 1 0 R")
        #expect(throws: PDFError(.referenceCycle, "")) { try PDFDocument(bytes: loop.bytes).attachments() }

        var wrong = TestPDFBuilder()
        wrong.object(1, "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(x) 3 0 R (y) 5 0 R] >> >> >>")
        wrong.object(2, "<< /Type /Pages /Kids [] /Count 0 >>")
        wrong.object(3, "<< /Type /Filespec /F (x) /EF << /F 4 0 R >> >>")
        wrong.stream(4, "/Type /EmbeddedFile /Params << /CheckSum <00112233445566778899AABBCCDDEEFF> >>", data: Array("data".utf8))
        wrong.object(5, "<< /Type /Filespec /F (y) /EF << /F 6 0 R >> >>")
        wrong.stream(6, "/Type /EmbeddedFile /Params << /Size 99 >>", data: Array("data".utf8))
        wrong.classicXref(trailer: "/Size 7 /Root 1 0 R")
        let document = try PDFDocument(bytes: wrong.bytes)
        for attachment in try document.attachments() {
            #expect(throws: PDFError(.corruptStreamData, "")) { try document.data(of: attachment) }
        }
    }

    @Test("safe names never leave the directory")
    func safeNames() {
        #expect(PDFAttachment.safeFileName("../../etc/passwd") == "passwd")
        #expect(PDFAttachment.safeFileName("..\\..\\windows\\evil.exe") == "evil.exe")
        #expect(PDFAttachment.safeFileName("/absolute/path.txt") == "path.txt")
        #expect(PDFAttachment.safeFileName("..") == nil && PDFAttachment.safeFileName("a/..") == nil && PDFAttachment.safeFileName("") == nil)
        #expect(PDFAttachment.safeFileName("a\u{0}b\u{1B}c.txt") == "abc.txt")
        #expect(PDFAttachment.safeFileName("c:evil?.txt") == "c_evil_.txt")
        #expect(PDFAttachment.safeFileName("契約書.pdf") == "契約書.pdf")
        #expect((PDFAttachment.safeFileName(String(repeating: "あ", count: 200)) ?? "").utf8.count <= 255)
    }

    @Test("refusals: a signed document, a name given twice, a bad MIME type")
    func refusals() async throws {
        let signed = try await PDFSigner(key: try SigningFixtures.signer("party")).sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        let file = try PDFNewAttachment(fileName: "x.txt", data: [1])
        #expect(throws: PDFError(.notSignable, "")) { try PDFAttachmentEmbedder().adding([file], to: PDFDocument(bytes: signed)) }
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFAttachmentEmbedder().adding([file, file], to: PDFDocument(bytes: SigningFixtures.classicPDF())) }
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFNewAttachment(fileName: "x", data: [], mimeType: "text") }
        // A second embedding keeps the first files in the rebuilt name tree.
        let twice = try PDFAttachmentEmbedder().adding([file], to: PDFDocument(bytes: Self.attached()))
        #expect(try PDFDocument(bytes: twice).attachments().map(\.fileName).sorted() == ["terms.xml", "x.txt", "原本.bin"].sorted())
        let again = try PDFNewAttachment(fileName: "terms.xml", data: [2])
        #expect(throws: PDFError(.invalidArgument, "")) { try PDFAttachmentEmbedder().adding([again], to: PDFDocument(bytes: Self.attached())) }
    }
}
