import Foundation
@testable import PDFSign
import Testing

@Suite("Composer: a composed document checked by qpdf, poppler, our reader, the signer and the validator")
struct ComposedDocumentTests {
    static var toolsAvailable: Bool { ExternalPDFTools.popplerAvailable && ExternalPDFTools.path("pdfinfo") != nil && ExternalPDFTools.path("qpdf") != nil }

    @Test("three pages: heading, paragraphs, a 60-row table over a page break, image, rules, header and footer",
          .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func certificate() async throws {
        let document = try ComposerFixtures.certificate()
        let layout = try document.layout()
        let pageCount = layout.pages.count
        #expect(pageCount == 3, "the layout gives \(pageCount) pages")
        let bytes = try document.pdfBytes()
        #expect(try document.pdfBytes() == bytes, "same input, same bytes (no clock, no random /ID)")

        // Our reader: page count, /Info and XMP agree.
        let reader = try PDFDocument(bytes: bytes)
        #expect(!reader.wasRepaired && reader.xrefIrregularities.isEmpty)
        #expect(try reader.pageCount() == pageCount)
        let info = try #require(try reader.info())
        #expect(info["Title"]?.stringValue?.textValue == "合意締結証明書")
        #expect(info["Author"]?.stringValue?.textValue == "サンプル商事株式会社")
        #expect(info["CreationDate"]?.stringValue.map { String(decoding: $0.bytes, as: UTF8.self) } == "D:20261126090000Z")
        let xmp = String(decoding: try Self.metadataStream(reader), as: UTF8.self)
        #expect(xmp.contains("<rdf:li xml:lang=\"x-default\">合意締結証明書</rdf:li>"))
        #expect(xmp.contains("<xmp:CreateDate>2026-11-26T09:00:00Z</xmp:CreateDate>"))
        #expect(xmp.contains("<pdf:Producer>EContractKit</pdf:Producer>"))

        // Signed by PDFSigner, our validator says intact.
        let signed = try await PDFSigner(key: SigningFixtures.signer()).sign(PDFDocument(bytes: bytes))
        let report = await PDFSignatureValidator().validate(try PDFDocument(bytes: signed))
        #expect(report.signatures.count == 1 && report.signatures.allSatisfy(\.intact), "\(report.signatures)")
        #expect(report.valid, "\(report)")

        guard Self.toolsAvailable else {
            print("ComposedDocumentTests: skipping qpdf/pdfinfo/pdftotext checks (poppler-utils or qpdf not installed)")
            return
        }
        let directory = try ExternalPDFTools.temporaryDirectory()
        let path = directory.appendingPathComponent("certificate.pdf").path
        let signedPath = directory.appendingPathComponent("certificate-signed.pdf").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        _ = FileManager.default.createFile(atPath: signedPath, contents: Data(signed))
        for file in [path, signedPath] {
            let check = String(decoding: try await ExternalPDFTools.run("qpdf", ["--check", file]), as: UTF8.self)
            #expect(check.contains("No syntax or stream encoding errors found"), "\(check)")
            #expect(!check.contains("WARNING"), "\(check)")
        }
        let pdfinfo = String(decoding: try await ExternalPDFTools.run("pdfinfo", [path]), as: UTF8.self)
        #expect(pdfinfo.contains(try Regex("Pages: +\(pageCount)\n")), "\(pdfinfo)")
        #expect(pdfinfo.contains("Title:") && pdfinfo.contains("合意締結証明書"), "\(pdfinfo)")
        #expect(pdfinfo.contains(try Regex("Producer: +EContractKit\n")), "\(pdfinfo)")
        #expect(pdfinfo.contains(try Regex("CreationDate: +Thu Nov 26 09:00:00 2026 UTC\n")), "\(pdfinfo)")
        let metadata = String(decoding: try await ExternalPDFTools.run("pdfinfo", ["-meta", path]), as: UTF8.self)
        #expect(metadata.contains("xmp:CreateDate"), "pdfinfo -meta reads the XMP stream")

        let all = String(decoding: try await ExternalPDFTools.run("pdftotext", [path, "-"]), as: UTF8.self)
        #expect(all.contains("1. 契約の概要"))
        #expect(all.contains("2. 作業明細"))
        #expect(all.contains("This certificate records the parties"))
        #expect(all.replacingOccurrences(of: "\n", with: "").contains("電子契約により締結したことを証明する"))
        let last = String(decoding: try await ExternalPDFTools.run("pdftotext", ["-f", "\(pageCount)", "-l", "\(pageCount)", "-raw", path, "-"]), as: UTF8.self)
        #expect(last.contains("行 60") && last.contains("作業項目 60 の説明") && last.contains("60000"), "the last row is on the last page")
        #expect(last.contains("\(pageCount) / \(pageCount)"), "\(last)")
        let middle = String(decoding: try await ExternalPDFTools.run("pdftotext", ["-f", "2", "-l", "2", "-raw", path, "-"]), as: UTF8.self)
        #expect(middle.contains("番号") && middle.contains("金額（円）"), "the header row is repeated on page 2")
        #expect(middle.contains("2 / \(pageCount)"))
        let fonts = String(decoding: try await ExternalPDFTools.run("pdffonts", [path]), as: UTF8.self)
        #expect(fonts.contains("CID TrueType") && fonts.contains("yes yes yes"), "\(fonts)")

        if ProcessInfo.processInfo.environment["COMPOSER_RENDER_DIR"].map({ !$0.isEmpty }) == true {
            let out = ProcessInfo.processInfo.environment["COMPOSER_RENDER_DIR"]!
            _ = FileManager.default.createFile(atPath: out + "/certificate.pdf", contents: Data(bytes))
            _ = FileManager.default.createFile(atPath: out + "/certificate-signed.pdf", contents: Data(signed))
            _ = try await ExternalPDFTools.run("pdftoppm", ["-r", "50", "-png", path, out + "/certificate"])
        }
    }

    @Test("PDFTextDocument still writes through the composer, with an injected date reproducibly",
          .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func textDocumentWrapper() throws {
        var document = PDFTextDocument(paragraphs: [.init("業務委託契約書", fontSize: 20), .init("第1条（目的）甲は乙に対し、業務を委託する。")],
                                       font: try JapaneseTestFont.load(), title: "テスト")
        document.creationDate = ComposerFixtures.date
        let bytes = try document.pdfBytes()
        #expect(try document.pdfBytes() == bytes)
        let reader = try PDFDocument(bytes: bytes)
        #expect(try reader.pageCount() == 1)
        #expect(try reader.info()?["Title"]?.stringValue?.textValue == "テスト")
    }

    @Test("bold: a second face gets its own font resource; with one face, bold is stroked (2 Tr)",
          .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func bold() throws {
        let font = try JapaneseTestFont.load()
        var document = PDFComposedDocument(blocks: [.heading("見出し"), .paragraph("本文")], fonts: PDFComposerFonts(regular: font),
                                           metadata: ComposerFixtures.metadata())
        let emulated = try document.layout()
        let emulatedOps = try ComposerContentStream(font: emulated.font).operators(for: emulated.pages[0])
        #expect(emulatedOps.contains("/F1 16 Tf 2 Tr 0.56 w"), "\(emulatedOps)")
        #expect(!emulatedOps.contains("/F2"))
        document.fonts.bold = .trueType(font)
        let real = try document.layout()
        let realOps = try ComposerContentStream(font: real.font).operators(for: real.pages[0])
        #expect(realOps.contains("BT /F2 16 Tf ") && !realOps.contains("Tr"), "\(realOps)")
        #expect(realOps.contains("BT /F1 10.5 Tf "))
    }

    @Test("impossible margins, bad numbers and unknown characters are typed errors", .enabled(if: JapaneseTestFont.isAvailable, JapaneseTestFont.skipMessage))
    func errors() throws {
        let fonts = try ComposerFixtures.fonts()
        let margins = PDFComposedDocument(blocks: [.paragraph("a")], fonts: fonts, metadata: ComposerFixtures.metadata(), margins: PDFMargins(all: 400))
        #expect(throws: PDFError(.invalidArgument, "")) { try margins.pdfBytes() }
        let glyph = PDFComposedDocument(blocks: [.paragraph("\u{E000}")], fonts: fonts, metadata: ComposerFixtures.metadata())
        #expect(throws: PDFError(.unsupportedFont, "")) { try glyph.pdfBytes() }
        var zeroSpacing = ComposerFixtures.table(rows: 3)
        zeroSpacing.lineSpacing = 0
        let badBlocks: [PDFComposerBlock] = [
            .paragraph("a", style: PDFParagraphStyle(fontSize: 0)), .paragraph("a", style: PDFParagraphStyle(lineSpacing: .nan)),
            .table(zeroSpacing), .space(.infinity), .space(-5), .rule(PDFComposerRule(thickness: -1)),
            .image(PDFComposerImage(try PDFStampImage.sampleSeal(diameter: 16), width: -10)),
        ]
        for block in badBlocks {
            let document = PDFComposedDocument(blocks: [block], fonts: fonts, metadata: ComposerFixtures.metadata())
            #expect(throws: PDFError(.invalidArgument, "")) { try document.pdfBytes() }
        }
        let tiny = PDFComposedDocument(blocks: [.paragraph("a")], fonts: fonts, metadata: ComposerFixtures.metadata(), pageSize: PDFPageSize(width: 10, height: .nan))
        #expect(throws: PDFError(.invalidArgument, "")) { try tiny.pdfBytes() }
    }

    static func metadataStream(_ document: PDFDocument) throws -> [UInt8] {
        let catalog = try document.catalog()
        guard case .reference(let reference)? = catalog["Metadata"], case .stream(let stream) = try document.resolve(.reference(reference)) else {
            throw PDFError(.objectNotFound, "no /Metadata stream")
        }
        return try document.decodedData(of: stream).bytes
    }
}
