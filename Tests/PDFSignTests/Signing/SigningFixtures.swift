import CMSCore
import Foundation
@testable import PDFSign
import TimestampClient
import X509

/// A sandbox PKI (made once per test process), a signer, a TSA and small PDFs to sign.
enum SigningFixtures {
    static let pki: SandboxPKI = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pdfsign-tests-\(ProcessInfo.processInfo.processIdentifier)")
        return try! SandboxPKI.openOrCreate(at: directory)
    }()

    static func signer(_ name: String = "party") throws -> SoftwareSigningKey {
        try pki.signer(named: name, subject: try DistinguishedName {
            CountryName("JP")
            CommonName("山田 太郎 (\(name))")
        })
    }

    static func tsa() throws -> LocalTimestampAuthority {
        try LocalTimestampAuthority(key: pki.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 1])
    }

    /// A one-page document with a classic table, optionally with extra objects in the catalog.
    static func classicPDF(catalogExtra: String = "", extraObjects: [(Int, String)] = []) -> [UInt8] {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R \(catalogExtra) >>")
        builder.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        builder.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>")
        builder.stream(4, data: Array("BT /F1 12 Tf 72 720 Td (Contract) Tj ET".utf8))
        for (number, body) in extraObjects { builder.object(number, body) }
        let size = (extraObjects.map(\.0).max() ?? 4) + 1
        builder.classicXref(trailer: "/Size \(size) /Root 1 0 R")
        return builder.bytes
    }

    /// The same page tree stored in an object stream, with a cross-reference stream.
    static func xrefStreamPDF() throws -> [UInt8] {
        let builder = try TestPDFBuilder.objectStreamDocument(pageEntries: "/MediaBox [0 0 595 842]")
        return builder.bytes
    }
}

/// What a signed file says about one signature, read back with the reader.
struct SignedPDFReadback {
    let document: PDFDocument
    let field: PDFFormField
    let signatureDictionary: PDFDictionary
    let byteRange: [Int]
    let cms: CMSSignature
    let signedBytes: [UInt8]

    init(_ bytes: [UInt8], field name: String? = nil) throws {
        document = try PDFDocument(bytes: bytes)
        let signed = try document.embeddedSignatures()
        guard let signature = name.map({ name in signed.first { $0.field.qualifiedName == name } }) ?? signed.last else {
            throw PDFError(.objectNotFound, "no signed field")
        }
        field = signature.field
        signatureDictionary = signature.dictionary
        byteRange = signature.byteRange
        guard byteRange.count == 4, let der = signature.cmsBytes else {
            throw PDFError(.malformedSyntax, "no /ByteRange or /Contents")
        }
        cms = try CMSSignature(berEncoded: der)
        signedBytes = Array(bytes[byteRange[0]..<byteRange[0] + byteRange[1]] + bytes[byteRange[2]..<byteRange[2] + byteRange[3]])
    }

    /// Our CMS verifier over the byte ranges, trusting the sandbox root.
    func verify() async -> CMSValidationReport {
        let policy = CMSVerificationPolicy(trustAnchors: [SigningFixtures.pki.root])
        return await CMSSignatureVerifier(policy: policy).verify(cms, content: .bytes(signedBytes))
    }
}
