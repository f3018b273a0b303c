import CMSCore
import Foundation
@testable import PDFSign
import Testing

@Suite("Deferred (two-phase) PDF signing")
struct DeferredSigningTests {
    @Test("prepare, store both states as JSON, sign elsewhere, embed: the result verifies")
    func roundTrip() async throws {
        let key = try SigningFixtures.signer()
        let (preparedBytes, state) = try PDFSignaturePreparer().prepare(PDFDocument(bytes: SigningFixtures.classicPDF()), contentsCapacity: 8_192)
        // Phase one on the server: the document and the CMS signed attributes.
        let storedPDF = try JSONEncoder().encode(state)
        let cmsPrepared = try await CAdESSigner(key: key).prepare(digest: state.documentDigest)
        let storedCMS = try JSONEncoder().encode(cmsPrepared)
        // Phase two, later: the key holder signs the request; the server completes and embeds.
        let restoredCMS = try JSONDecoder().decode(PreparedCMSSignature.self, from: storedCMS)
        #expect(restoredCMS == cmsPrepared)
        let value = try await key.sign(restoredCMS.signatureRequest)
        let signature = try restoredCMS.completed(signatureValue: value)
        let restoredPDF = try JSONDecoder().decode(PreparedPDFSignature.self, from: storedPDF)
        var file = preparedBytes
        try restoredPDF.embed(signature, into: &file)
        #expect(try await SignedPDFReadback(file).verify().isValid)
        // The placeholder is gone: embedding again is refused.
        #expect(throws: PDFError(.invalidArgument, "")) { try restoredPDF.embed(signature, into: &file) }
    }

    @Test("a signature value from the wrong key is caught when completing")
    func wrongKey() async throws {
        let prepared = try await CAdESSigner(key: SigningFixtures.signer("a")).prepare(digest: Array(repeating: 7, count: 32))
        let other = try await SigningFixtures.signer("b").sign(prepared.signatureRequest)
        #expect(throws: CMSError(.signingFailed, "")) { try prepared.completed(signatureValue: other) }
    }

    @Test("a CMS larger than the reserved /Contents is refused, and the file is left unchanged")
    func tooLarge() throws {
        var (bytes, prepared) = try PDFSignaturePreparer().prepare(PDFDocument(bytes: SigningFixtures.classicPDF()), contentsCapacity: 64)
        let before = bytes
        #expect(throws: PDFError(.signatureTooLarge, "")) { try prepared.embed(Array(repeating: 1, count: 65), into: &bytes) }
        #expect(bytes == before)
    }

    @Test("embedding into a file that is not the prepared one is refused")
    func wrongFile() throws {
        var (bytes, prepared) = try PDFSignaturePreparer().prepare(PDFDocument(bytes: SigningFixtures.classicPDF()), contentsCapacity: 64)
        bytes.append(0x0A)
        #expect(throws: PDFError(.invalidArgument, "")) { try prepared.embed([0x30, 0x00], into: &bytes) }
    }

    @Test("file preparation hashes the same bytes as in-memory preparation")
    func fileAndMemoryAgree() throws {
        var options = PDFSignatureOptions()
        options.signingTime = Date(timeIntervalSince1970: 1_800_000_000)
        let preparer = PDFSignaturePreparer(options: options)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("prepared-\(UUID()).pdf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let document = try PDFDocument(bytes: SigningFixtures.classicPDF())
        let fromFile = try preparer.prepare(document, contentsCapacity: 4_096, writingTo: path)
        let written = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written.count == fromFile.fileLength)
        // The /ID differs between two preparations, so compare the digest with the file's own bytes.
        var digest = StreamingDigest(.sha256)
        digest.update(written[0..<fromFile.byteRange[1]])
        digest.update(written[fromFile.byteRange[2]...])
        #expect(digest.finalize() == fromFile.documentDigest)
    }
}
