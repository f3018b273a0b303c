import Foundation
import TestSupport

/// Builds a one-page PDF, signs it with pyHanko (`signers.SimpleSigner`, the given key and
/// `md_algorithm`) and prints pyHanko's own judgement of it, as one JSON line:
/// `{"intact": …, "valid": …, "trusted": …, "md": …}`.
enum PyHankoFixture {
    /// The interop venv's Python with pyHanko, or `nil` (tests then skip, saying so).
    static let python: String? = ExternalTool.venvPath("python")

    static let script = #"""
    import asyncio, io, json, sys
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PdfFileWriter
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    from pyhanko.keys import load_cert_from_pemder

    key, cert, root, md, out = sys.argv[1:6]
    w = PdfFileWriter()
    font = w.add_object(generic.DictionaryObject({
        generic.NameObject('/Type'): generic.NameObject('/Font'),
        generic.NameObject('/Subtype'): generic.NameObject('/Type1'),
        generic.NameObject('/BaseFont'): generic.NameObject('/Helvetica')}))
    content = w.add_object(generic.StreamObject(stream_data=b'BT /F1 18 Tf 72 720 Td (libcrypto extension test) Tj ET'))
    page = generic.DictionaryObject({
        generic.NameObject('/Type'): generic.NameObject('/Page'),
        generic.NameObject('/MediaBox'): generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 595, 842)]),
        generic.NameObject('/Resources'): generic.DictionaryObject({
            generic.NameObject('/Font'): generic.DictionaryObject({generic.NameObject('/F1'): font})}),
        generic.NameObject('/Contents'): content})
    w.insert_page(page)
    unsigned = io.BytesIO()
    w.write(unsigned)
    signer = signers.SimpleSigner.load(key, cert, ca_chain_files=(root,))
    signed = signers.sign_pdf(IncrementalPdfFileWriter(unsigned),
                              signers.PdfSignatureMetadata(field_name='Signature1', md_algorithm=md), signer=signer)
    data = signed.getvalue()
    open(out, 'wb').write(data)
    context = ValidationContext(trust_roots=[load_cert_from_pemder(root)])
    status = validate_pdf_signature(PdfFileReader(io.BytesIO(data)).embedded_signatures[0], context)
    print(json.dumps({'intact': status.intact, 'valid': status.valid, 'trusted': status.trusted, 'md': status.md_algorithm}))
    """#

    struct Judgement: Decodable {
        var intact: Bool
        var valid: Bool
        var trusted: Bool
        var md: String
    }

    /// Signs with pyHanko into `output` and returns pyHanko's judgement of the result.
    static func signAndJudge(key: String, certificate: String, root: String, digest: String, output: String) async throws -> Judgement {
        let scriptFile = FileManager.default.temporaryDirectory.appendingPathComponent("pyhanko-ext-\(UUID().uuidString).py")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scriptFile) }
        let result = try await ExternalTool.run(python ?? "python3", [scriptFile.path, key, certificate, root, digest, output])
        guard result.status == 0, let line = result.stdoutText.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
            throw ToolFailure(description: "pyHanko: \(result.stdoutText) \(result.stderrText)")
        }
        return try JSONDecoder().decode(Judgement.self, from: Data(line.utf8))
    }
}
