import Foundation
@testable import PDFSign
import Testing

/// Helpers: the signed revision of each signature, and hand-made incremental updates.
enum ModificationFixtures {
    /// (field reference, signed revision index) for every signed field.
    static func signatures(_ document: PDFDocument) throws -> [(PDFObjectReference, Int?)] {
        try document.formFields().filter(\.isSigned).map { field in
            let signature = try document.resolve(field.value ?? .null).dictionaryValue ?? PDFDictionary()
            let range = try (document.resolve(signature["ByteRange"] ?? .null).arrayValue ?? []).compactMap(\.integerValue)
            let end = range.count == 4 ? range[2] + range[3] : -1
            return (field.reference, document.revisions.firstIndex { $0.endOffset == end })
        }
    }

    /// The report for the newest signature (or the one in `name`).
    static func analyze(_ bytes: [UInt8], signature index: Int = 0) throws -> PDFModificationReport {
        let document = try PDFDocument(bytes: bytes)
        let signatures = try signatures(document)
        let (field, revision) = signatures[index]
        return PDFModificationAnalyzer(document: document).analyze(signedRevision: revision ?? 0, signatureField: field)
    }

    /// Appends an incremental update with classic xref writing `objects` (number, body) and `streams`.
    /// `trailerExtra` is written into the trailer after /Root (for example a second /Root).
    static func append(_ bytes: [UInt8], objects: [(Int, String)] = [], streams: [(Int, String, String)] = [], free: [Int] = [],
                       trailerExtra: String = "") throws -> [UInt8] {
        let document = try PDFDocument(bytes: bytes)
        let last = document.revisions.last!
        var out = bytes
        if out.last != 0x0A { out += Array("\n".utf8) }
        var offsets: [Int: Int] = [:]
        for (number, body) in objects {
            offsets[number] = out.count
            out += Array("\(number) 0 obj\n\(body)\nendobj\n".utf8)
        }
        for (number, dictionary, data) in streams {
            offsets[number] = out.count
            out += Array("\(number) 0 obj\n<< \(dictionary) /Length \(data.utf8.count) >>\nstream\n\(data)\nendstream\nendobj\n".utf8)
        }
        let numbers = (Array(offsets.keys) + free).sorted()
        let size = max((document.trailer.integer("Size") ?? 0), (numbers.max() ?? 0) + 1)
        let start = out.count
        var text = "xref\n0 1\n0000000000 65535 f \n"
        for number in numbers {
            text += "\(number) 1\n"
            if let offset = offsets[number] {
                text += String(format: "%010d 00000 n \n", offset)
            } else {
                text += "0000000000 00001 f \n"
            }
        }
        let root = document.trailer["Root"]!.description
        text += "trailer\n<< /Size \(size) /Root \(root) \(trailerExtra) /Prev \(last.xrefOffset) >>\nstartxref\n\(start)\n%%EOF\n"
        return out + Array(text.utf8)
    }

    static func sign(_ bytes: [UInt8], key: String = "party", _ configure: (inout PDFSignatureOptions) -> Void = { _ in }) async throws -> [UInt8] {
        var options = PDFSignatureOptions()
        configure(&options)
        return try await PDFSigner(key: SigningFixtures.signer(key), options: options).sign(PDFDocument(bytes: bytes))
    }

    static func codes(_ report: PDFModificationReport) -> Set<PDFValidationFinding.Code> { Set(report.findings.map(\.code)) }
}

@Suite("Modification analyzer: our own updates are allowed")
struct ModificationAllowedTests {
    @Test("three signers in turn: each earlier signature sees allowed changes, the last none")
    func threeSigners() async throws {
        var bytes = SigningFixtures.classicPDF()
        for name in ["a", "b", "c"] { bytes = try await ModificationFixtures.sign(bytes, key: name) }
        let document = try PDFDocument(bytes: bytes)
        let signatures = try ModificationFixtures.signatures(document)
        #expect(signatures.count == 3)
        for (field, revision) in signatures {
            let report = PDFModificationAnalyzer(document: document).analyze(signedRevision: revision!, signatureField: field)
            #expect(report.level == (revision == document.revisions.count - 1 ? .none : .allowed), "\(report.findings)")
        }
    }

    @Test("certification P=2 then an approval signature (invisible) is allowed")
    func certificationThenApproval() async throws {
        let certified = try await ModificationFixtures.sign(SigningFixtures.classicPDF()) { $0.certification = .formFillingAndSigning }
        let approved = try await ModificationFixtures.sign(certified, key: "second")
        let report = try ModificationFixtures.analyze(approved, signature: 0)
        #expect(report.level == .allowed, "\(report.findings)")
    }

    @Test("a signature into an existing empty field, then an empty text field filled, are allowed")
    func existingField() async throws {
        let first = try await ModificationFixtures.sign(FormValueTests.formPDF(note: nil), key: "x")
        let second = try await ModificationFixtures.sign(first, key: "y") { $0.fieldName = "Parties.Buyer" }
        let document = try PDFDocument(bytes: second)
        for (field, revision) in try ModificationFixtures.signatures(document) where revision! < document.revisions.count - 1 {
            let report = PDFModificationAnalyzer(document: document).analyze(signedRevision: revision!, signatureField: field)
            #expect(report.level == .allowed, "\(report.findings)")
        }
        let filled = try FormValueTests.filled(second, value: "changed", appearanceText: "changed")
        let report = try ModificationFixtures.analyze(filled, signature: 0)
        #expect(report.level == .allowed, "\(report.findings)")
    }

    @Test("a DSS update (catalog /DSS with new streams) and a document timestamp field are allowed")
    func dss() async throws {
        let signed = try await ModificationFixtures.sign(SigningFixtures.classicPDF())
        let document = try PDFDocument(bytes: signed)
        var catalog = try document.catalog()
        let size = document.trailer.integer("Size")!
        catalog["DSS"] = .reference(PDFObjectReference(size))
        let withDSS = try ModificationFixtures.append(signed, objects: [
            (document.trailer["Root"]!.referenceValue!.number, catalog.description),
            (size, "<< /Certs [\(size + 1) 0 R] /VRI << /ABCDEF0123456789ABCDEF0123456789ABCDEF01 << /Cert [\(size + 1) 0 R] >> >> >>"),
        ], streams: [(size + 1, "", "certificate bytes")])
        let report = try ModificationFixtures.analyze(withDSS)
        #expect(report.level == .allowed, "\(report.findings)")
    }
}

@Suite("Modification analyzer: synthetic attacks")
struct ModificationAttackTests {
    static func signed(_ configure: (inout PDFSignatureOptions) -> Void = { _ in }) async throws -> [UInt8] {
        try await ModificationFixtures.sign(SigningFixtures.classicPDF(extraObjects: [(5, "<< /Length 10 >>\nstream\n0 0 m 1 1 l\nendstream")]), configure)
    }

    @Test("page content stream replaced → shadow replace")
    func contentReplaced() async throws {
        let attacked = try ModificationFixtures.append(try await Self.signed(), streams: [(4, "", "BT /F1 12 Tf 72 720 Td (Forged) Tj ET")])
        let report = try ModificationFixtures.analyze(attacked)
        #expect(report.level == .disallowed)
        #expect(ModificationFixtures.codes(report).contains(.shadowAttackReplace), "\(report.findings)")
    }

    @Test("/Contents array extended with an overlay → disallowed")
    func overlay() async throws {
        let signed = try await Self.signed()
        let document = try PDFDocument(bytes: signed)
        let size = document.trailer.integer("Size")!
        let attacked = try ModificationFixtures.append(signed, objects: [
            (3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R \(size) 0 R] >>"),
        ], streams: [(size, "", "1 1 1 rg 0 0 595 842 re f")])
        let report = try ModificationFixtures.analyze(attacked)
        #expect(report.level == .disallowed)
        #expect(report.findings.contains { $0.code == .disallowedModification && $0.message.contains("overlay") }, "\(report.findings)")
    }

    @Test("catalog /Pages re-pointed to a pre-existing object → hide-and-replace")
    func pagesRepointed() async throws {
        let signed = try await ModificationFixtures.sign(SigningFixtures.classicPDF(extraObjects: [
            (5, "<< /Type /Pages /Kids [6 0 R] /Count 1 >>"),
            (6, "<< /Type /Page /Parent 5 0 R /MediaBox [0 0 595 842] /Contents 7 0 R >>"),
            (7, "<< /Length 3 >>\nstream\nq Q\nendstream"),
        ]))
        let document = try PDFDocument(bytes: signed)
        var catalog = try document.catalog()
        catalog["Pages"] = .reference(PDFObjectReference(5))
        let attacked = try ModificationFixtures.append(signed, objects: [(document.trailer["Root"]!.referenceValue!.number, catalog.description)])
        let report = try ModificationFixtures.analyze(attacked)
        #expect(ModificationFixtures.codes(report).contains(.shadowAttackHideAndReplace), "\(report.findings)")
    }

    @Test("FreeText annotation after certification P=2 → evil annotation")
    func evilAnnotation() async throws {
        let signed = try await Self.signed { $0.certification = .formFillingAndSigning }
        let document = try PDFDocument(bytes: signed)
        let size = document.trailer.integer("Size")!
        let page = try document.resolve(.reference(document.pageReference(at: 0))).dictionaryValue!
        var annots = (try document.resolve(page["Annots"] ?? .array([])).arrayValue) ?? []
        annots.append(.reference(PDFObjectReference(size)))
        var newPage = page
        newPage["Annots"] = .array(annots)
        let attacked = try ModificationFixtures.append(signed, objects: [
            (try document.pageReference(at: 0).number, newPage.description),
            (size, "<< /Type /Annot /Subtype /FreeText /Rect [72 700 300 740] /Contents (Price: 1 EUR) /DA (/Helv 12 Tf 0 g) >>"),
        ])
        let report = try ModificationFixtures.analyze(attacked)
        #expect(ModificationFixtures.codes(report).contains(.evilAnnotation), "\(report.findings)")
    }

    @Test("new visible signature widget over text after certification → sneaky signature")
    func sneakySignature() async throws {
        let signed = try await Self.signed { $0.certification = .formFillingAndSigning }
        let document = try PDFDocument(bytes: signed)
        let size = document.trailer.integer("Size")!
        let pageReference = try document.pageReference(at: 0)
        var page = try document.resolve(.reference(pageReference)).dictionaryValue!
        page["Annots"] = .array(((try document.resolve(page["Annots"] ?? .array([])).arrayValue) ?? []) + [.reference(PDFObjectReference(size))])
        let catalog = try document.catalog()
        let formReference = catalog["AcroForm"]!.referenceValue
        var form = try document.resolve(catalog["AcroForm"]!).dictionaryValue!
        form["Fields"] = .array(((try document.resolve(form["Fields"]!).arrayValue) ?? []) + [.reference(PDFObjectReference(size))])
        var objects: [(Int, String)] = [
            (pageReference.number, page.description),
            (size, "<< /FT /Sig /T (Sneaky) /Type /Annot /Subtype /Widget /F 4 /Rect [72 700 300 740] /P \(pageReference) /AP << /N \(size + 1) 0 R >> >>"),
        ]
        if let formReference {
            objects.append((formReference.number, form.description))
        } else {
            var newCatalog = catalog
            newCatalog["AcroForm"] = .dictionary(form)
            objects.append((document.trailer["Root"]!.referenceValue!.number, newCatalog.description))
        }
        let attacked = try ModificationFixtures.append(signed, objects: objects,
            streams: [(size + 1, "/Type /XObject /Subtype /Form /BBox [0 0 228 40]", "BT /Helv 12 Tf 2 10 Td (Price: 1 EUR) Tj ET")])
        let report = try ModificationFixtures.analyze(attacked)
        #expect(ModificationFixtures.codes(report).contains(.sneakySignature), "\(report.findings)")
    }

    @Test("a FieldMDP-locked field's /V changed → disallowed")
    func lockedField() async throws {
        let signed = try await ModificationFixtures.sign(SignatureFieldTests.formPDF()) {
            $0.fieldName = "Parties.Buyer"
            $0.fieldLock = .include(["Note"])
        }
        let attacked = try ModificationFixtures.append(signed, objects: [(8, "<< /T (Note) /FT /Tx /V (forged) /Type /Annot /Subtype /Widget /Rect [0 0 10 10] >>")])
        let report = try ModificationFixtures.analyze(attacked)
        #expect(report.level == .disallowed)
        #expect(report.findings.contains { $0.code == .disallowedModification && $0.message.contains("lock") }, "\(report.findings)")
    }

    @Test("bytes appended without a cross-reference section → incremental saving attack")
    func appendedWithoutXref() async throws {
        let signed = try await Self.signed()
        let attacked = signed + Array("4 0 obj\n<< /Length 20 >>\nstream\nBT (Forged) Tj ET   \nendstream\nendobj\n".utf8)
        let report = try ModificationFixtures.analyze(attacked)
        #expect(ModificationFixtures.codes(report).contains(.incrementalSavingAttack), "\(report.findings)")
    }

    @Test("P=1 certification then a new signature → disallowed")
    func noChangesThenSignature() async throws {
        let signed = try await Self.signed { $0.certification = .noChanges }
        let document = try PDFDocument(bytes: signed)
        let size = document.trailer.integer("Size")!
        let catalog = try document.catalog()
        var form = try document.resolve(catalog["AcroForm"]!).dictionaryValue!
        form["Fields"] = .array(((try document.resolve(form["Fields"]!).arrayValue) ?? []) + [.reference(PDFObjectReference(size))])
        var formObject: (Int, String)
        if let formReference = catalog["AcroForm"]!.referenceValue {
            formObject = (formReference.number, form.description)
        } else {
            var newCatalog = catalog
            newCatalog["AcroForm"] = .dictionary(form)
            formObject = (document.trailer["Root"]!.referenceValue!.number, newCatalog.description)
        }
        let attacked = try ModificationFixtures.append(signed, objects: [
            formObject,
            (size, "<< /FT /Sig /T (Second) /Type /Annot /Subtype /Widget /F 132 /Rect [0 0 0 0] /V \(size + 1) 0 R >>"),
            (size + 1, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 0 0 0] /Contents <00> >>"),
        ])
        let report = try ModificationFixtures.analyze(attacked)
        #expect(report.level == .disallowed)
        #expect(report.findings.contains { $0.message.contains("P=1") }, "\(report.findings)")
    }
}

@Suite("Modification analyzer: attack and signed corpora")
struct ModificationCorpusTests {
    /// `../shared/corpus` beside the package, found as every corpus test finds it.
    static let corpus = CorpusTests.packageRoot.appendingPathComponent("../shared/corpus").standardized
    static let attackDirectory = corpus.appendingPathComponent("attacks")
    static let signedDirectory = corpus.appendingPathComponent("signed")
    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    @Test("attack corpus: each modification attack gets its specific finding; isaValidPdf is not an ISA",
          .enabled(if: exists(attackDirectory), "../shared/corpus/attacks is absent: skipped"))
    func attacks() throws {
        let expected: [String: PDFValidationFinding.Code] = [
            "pyhanko/form-update-override-appearance-stream-sneaky.pdf": .sneakySignature,
            "pyhanko/form-update-override-appearance-stream-ap-indirect-sneaky.pdf": .sneakySignature,
            "pyhanko/form-update-no-override-appearance-stream-ap-indirect-sneaky.pdf": .sneakySignature,
            "pyhanko/form-update-ap-indirect-sneaky-trailer.pdf": .sneakySignature,
            "itext/isa-3.pdf": .incrementalSavingAttack,
        ]
        for (file, code) in expected.sorted(by: { $0.key < $1.key }) {
            let path = Self.attackDirectory.appendingPathComponent(file).path
            let document = try PDFDocument(contentsOfFile: path)
            let (field, revision) = Self.firstSignature(document, file: path)
            let report = PDFModificationAnalyzer(document: document).analyze(signedRevision: revision ?? 0, signatureField: field)
            #expect(report.level == .disallowed, "\(file)")
            #expect(ModificationFixtures.codes(report).contains(code), "\(file): \(report.findings)")
        }
        let benign = try PDFDocument(contentsOfFile: Self.attackDirectory.appendingPathComponent("itext/isaValidPdf.pdf").path)
        let (field, revision) = try ModificationFixtures.signatures(benign)[0]
        let report = PDFModificationAnalyzer(document: benign).analyze(signedRevision: revision ?? 0, signatureField: field)
        #expect(!ModificationFixtures.codes(report).contains(.incrementalSavingAttack), "\(report.findings)")
    }

    /// The first signature's field and signed revision; when the reader cannot list the fields
    /// (isa-3: the last, broken update hides the older xref sections), its /ByteRange is found
    /// in the bytes and matched against the revisions the reader sees (else revision 0).
    static func firstSignature(_ document: PDFDocument, file: String) -> (PDFObjectReference?, Int?) {
        if let first = (try? ModificationFixtures.signatures(document))?.first { return (first.0, first.1) }
        let text = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data(), as: UTF8.self)
        guard let range = text.range(of: #"/ByteRange\s*\[\s*\d+\s+\d+\s+(\d+)\s+(\d+)"#, options: .regularExpression) else { return (nil, 0) }
        let numbers = text[range].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let end = numbers[numbers.count - 2] + numbers[numbers.count - 1]
        return (nil, document.revisions.firstIndex { $0.endOffset == end } ?? 0)
    }

    /// Every signature of the signed corpus gets a modification report without a crash, and
    /// the corpus is really there: files with signatures outnumber those without.
    @Test("signed corpus: every signature analysed; level counts printed",
          .enabled(if: exists(signedDirectory), "../shared/corpus/signed is absent: skipped"))
    func signedCorpus() throws {
        guard let enumerator = FileManager.default.enumerator(atPath: Self.signedDirectory.path) else {
            Issue.record("cannot list \(Self.signedDirectory.path)")
            return
        }
        var counts: [String: Int] = [:]
        for case let path as String in enumerator where path.hasSuffix(".pdf") {
            guard let document = try? PDFDocument(contentsOfFile: Self.signedDirectory.appendingPathComponent(path).path) else {
                counts["unreadable", default: 0] += 1
                continue
            }
            let signatures = (try? ModificationFixtures.signatures(document)) ?? []
            if signatures.isEmpty { counts["no signature", default: 0] += 1 }
            for (field, revision) in signatures {
                guard let revision else { counts["no revision for byte range", default: 0] += 1; continue }
                let report = PDFModificationAnalyzer(document: document).analyze(signedRevision: revision, signatureField: field)
                counts[report.level.rawValue, default: 0] += 1
            }
        }
        print("signed corpus levels: \(counts.sorted { $0.key < $1.key })")
        let analysed = counts.filter { !["unreadable", "no signature", "no revision for byte range"].contains($0.key) }.values.reduce(0, +)
        #expect(analysed > counts["no signature", default: 0], "\(counts)")
    }
}

@Suite("Modification analyzer: widgets listed only in a field's /Kids")
struct ParentlessKidWidgetTests {
    /// A signed document with a new field appended whose widget has no /Parent (pyHanko's
    /// separate-annots-kids-indir layout): the widget's type comes from the field listing it.
    static func withNewField(type: String) async throws -> [UInt8] {
        let signed = try await ModificationFixtures.sign(SigningFixtures.classicPDF())
        let document = try PDFDocument(bytes: signed)
        let size = document.trailer.integer("Size")!
        let (field, widget) = (size, size + 1)
        let rootNumber = document.trailer["Root"]!.referenceValue!.number
        var catalog = try document.catalog()
        var page = try #require(try document.resolve(.reference(PDFObjectReference(3))).dictionaryValue)
        let annots = (try document.resolve(page["Annots"] ?? .array([])).arrayValue ?? []) + [.reference(PDFObjectReference(widget))]
        page["Annots"] = .array(annots)
        var objects: [(Int, String)] = [
            (3, page.description),
            (field, "<< /FT /\(type) /T (Second) /Kids [\(widget) 0 R] >>"),
            (widget, "<< /Type /Annot /Subtype /Widget /F 4 /Rect [0 0 0 0] /P 3 0 R >>"),
        ]
        let formObject = try #require(catalog["AcroForm"])
        var form = try #require(try document.resolve(formObject).dictionaryValue)
        form["Fields"] = .array((try document.resolve(form["Fields"] ?? .array([])).arrayValue ?? []) + [.reference(PDFObjectReference(field))])
        if let reference = formObject.referenceValue {
            objects.append((reference.number, form.description))
        } else {
            catalog["AcroForm"] = .dictionary(form)
            objects.append((rootNumber, catalog.description))
        }
        return try ModificationFixtures.append(signed, objects: objects)
    }

    @Test("an empty signature field whose widget has no /Parent is allowed; a text field so added is not")
    func parentlessKid() async throws {
        let signatureField = try ModificationFixtures.analyze(try await Self.withNewField(type: "Sig"))
        #expect(signatureField.level == .allowed, "\(signatureField.findings)")
        let textField = try ModificationFixtures.analyze(try await Self.withNewField(type: "Tx"))
        #expect(textField.level == .disallowed, "\(textField.findings)")
    }
}
