import CMSCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PDFSign
import Testing
import TestSupport

/// The ETSI TS 119 102-2 XML report: well-formed, carrying each verdict as ETSI's URIs, and —
/// where xmllint and a snapshot of EU DSS's schemas are at hand — valid against ETSI's XSD.
@Suite("ETSI TS 119 102-2 XML validation report")
struct ETSIReportTests {
    static let packageRoot = CorpusTests.packageRoot
    static let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let schemaSnapshot = ProcessInfo.processInfo.environment["ETSI_XSD_DIR"]
        ?? ProcessInfo.processInfo.environment["DSS_GIT_DIR"] ?? "/work/.mirror/esig+dss/repo"
    static var schemaAvailable: Bool { xmllint != nil && FileManager.default.fileExists(atPath: schemaSnapshot) }

    /// Reports for our own B-LTA file (with trust), a tampered copy, and a file that is no PDF.
    static func reports() async throws -> [(String, PDFValidationReport)] {
        var signer = PDFSigner(key: try SigningFixtures.signer(), level: .lta, timestampAuthority: try SigningFixtures.tsa())
        signer.revocationSource = try SigningFixtures.pki.revocationDataSource()
        signer.extraCertificates = [SigningFixtures.pki.root]
        let bytes = try await signer.sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        let validator = PDFSignatureValidator(policy: PDFSignatureValidationPolicy(trustAnchors: [SigningFixtures.pki.root]))
        var tampered = bytes
        let marker = Array("(Contract)".utf8)
        let position = try #require((0..<(tampered.count - marker.count)).first { tampered[$0..<$0 + marker.count].elementsEqual(marker) })
        tampered[position + 1] = UInt8(ascii: "D")
        return [
            ("lta", await validator.validate(try PDFDocument(bytes: bytes))),
            ("tampered", await validator.validate(try PDFDocument(bytes: tampered))),
            ("unparseable", await validator.validate(fileAt: "/dev/null")),
        ]
    }

    /// Element names (without prefix) and their text, in document order.
    final class Collector: NSObject, XMLParserDelegate, @unchecked Sendable {
        var elements: [(String, String)] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) { text = "" }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            elements.append((String(name.split(separator: ":").last ?? ""), text.trimmingCharacters(in: .whitespacesAndNewlines)))
            text = ""
        }
    }

    static func parse(_ data: Data) throws -> [(String, String)] {
        let parser = XMLParser(data: data)
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        return collector.elements
    }

    @Test("each verdict is written with ETSI's indication URIs, the field, times and our findings")
    func content() async throws {
        for (name, report) in try await Self.reports() {
            let elements = try Self.parse(report.etsiXML())
            let values = { (element: String) in elements.filter { $0.0 == element }.map(\.1) }
            let main = values("MainIndication")
            #expect(!main.isEmpty, "\(name)")
            switch name {
            case "lta":
                #expect(main.first == "urn:etsi:019102:mainindication:total-passed", "\(main)")
                #expect(values("DAIdentifier").contains(report.signatures[0].field))
                #expect(values("SignatureValidationProcessID").first == "urn:etsi:019102:validationprocess:LTA")
                #expect(values("ObjectType").contains("urn:etsi:019102:validationObject:timestamp"), "the document timestamp")
                #expect(values("ObjectType").contains("urn:etsi:019102:validationObject:certificate"), "the signer certificate")
                #expect(values("Value").contains("B-LTA"))
            case "tampered":
                #expect(main.first == "urn:etsi:019102:mainindication:total-failed", "\(main)")
                #expect(values("SubIndication").first == "urn:etsi:019102:subindication:HASH_FAILURE")
            default:
                #expect(main == ["urn:etsi:019102:mainindication:total-failed"])
                #expect(values("Type").contains("urn:econtractkit:document-finding:unparseable"), "\(values("Type"))")
            }
        }
    }

    @Test("valid against ETSI's XSD (xmllint, offline, schemas from an EU DSS snapshot)",
          .enabled(if: schemaAvailable, "xmllint or the EU DSS schema snapshot (ETSI_XSD_DIR / DSS_GIT_DIR) is absent: XSD check skipped"))
    func schemaValid() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("etsi-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for (name, report) in try await Self.reports() {
            let file = directory.appendingPathComponent("\(name).xml")
            try report.etsiXML().write(to: file)
            files.append(file.path)
        }
        let result = try await ExternalTool.run("/bin/bash", [Self.packageRoot.appendingPathComponent(".ci/etsi-xsd").path] + files,
                                                standardError: .merged)
        #expect(result.status == 0, "\(result.stdoutText)")
    }
}
