@testable import PDFSign
import Testing

@Suite("Security handlers the reader does not implement are typed errors")
struct SecurityHandlerTests {
    /// A one-page file whose trailer points at `encrypt` as its /Encrypt dictionary.
    static func file(encrypt: String) -> [UInt8] {
        var builder = TestPDFBuilder()
        builder.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        builder.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
        builder.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
        builder.object(4, encrypt)
        builder.classicXref(trailer: "/Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]")
        return builder.bytes
    }

    @Test("/Adobe.PubSec (certificate encryption) is refused with .unsupportedSecurityHandler naming it")
    func publicKeyHandler() {
        let bytes = Self.file(encrypt: "<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /R 4 /Recipients [<3000>] >>")
        do {
            _ = try PDFDocument(bytes: bytes)
            Issue.record("an /Adobe.PubSec file opened")
        } catch let error as PDFError {
            #expect(error.code == .unsupportedSecurityHandler)
            #expect(error.reason.contains("Adobe.PubSec"))
        } catch {
            Issue.record("untyped error \(error)")
        }
    }

    @Test("unknown /V, /R and crypt filter methods are refused with .unsupportedSecurityHandler", arguments: [
        "<< /Filter /Standard /V 3 /R 3 /O <00> /U <00> /P -4 >>",
        "<< /Filter /Standard /V 2 /R 7 /O <00> /U <00> /P -4 >>",
        "<< /Filter /Standard /V 4 /R 4 /CF << /X << /CFM /SM4 >> >> /StmF /X /StrF /X /O <00> /U <00> /P -4 >>",
    ])
    func unknownParameters(encrypt: String) {
        #expect(throws: PDFError(.unsupportedSecurityHandler, "")) { try PDFDocument(bytes: Self.file(encrypt: encrypt)) }
    }
}
