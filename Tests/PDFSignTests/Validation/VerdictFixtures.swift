import CMSCore
import Foundation
@testable import PDFSign

/// Signed files with crafted details, for the validation verdict tests: a two-phase signature
/// whose prepared bytes are changed before the digest is taken (so the signature stays valid
/// over the changed bytes), and byte edits of equal length.
enum VerdictFixtures {
    /// Signs `bytes` in two phases; `mutate` may change the prepared file (keeping its length and
    /// the /Contents placeholder) before the byte ranges are digested.
    static func signMutating(
        _ bytes: [UInt8], options: PDFSignatureOptions = .init(), _ mutate: (inout [UInt8]) throws -> Void = { _ in }
    ) async throws -> [UInt8] {
        let key = try SigningFixtures.signer()
        var (prepared, state) = try PDFSignaturePreparer(options: options).prepare(PDFDocument(bytes: bytes), contentsCapacity: 8_192)
        let length = prepared.count
        try mutate(&prepared)
        guard prepared.count == length else { throw PDFError(.invalidArgument, "the mutation changed the file's length") }
        var digest = StreamingDigest(try state.digestAlgorithm)
        digest.update(Array(prepared[0..<state.byteRange[1]]))
        digest.update(Array(prepared[state.byteRange[2]..<state.fileLength]))
        let cms = try await CAdESSigner(key: key).prepare(digest: digest.finalize())
        let signature = try cms.completed(signatureValue: try await key.sign(cms.signatureRequest))
        try state.embed(signature, into: &prepared)
        return prepared
    }

    /// Replaces the first occurrence of `old` at or after `start` by `new`, padded with spaces to the same length.
    static func replace(_ old: String, with new: String, in bytes: inout [UInt8], from start: Int = 0) throws {
        let pattern = Array(old.utf8)
        var replacement = Array(new.utf8)
        guard replacement.count <= pattern.count,
              let offset = try PDFByteReader(source: PDFMemoryByteSource(bytes)).find(pattern, from: start)
        else { throw PDFError(.invalidArgument, "cannot replace \(old)") }
        replacement += Array(repeating: UInt8(ascii: " "), count: pattern.count - replacement.count)
        bytes.replaceSubrange(offset..<offset + pattern.count, with: replacement)
    }

    /// The offset of the first `text` at or after `start`.
    static func offset(of text: String, in bytes: [UInt8], from start: Int = 0) throws -> Int {
        guard let offset = try PDFByteReader(source: PDFMemoryByteSource(bytes)).find(Array(text.utf8), from: start) else {
            throw PDFError(.invalidArgument, "\(text) not found")
        }
        return offset
    }

    /// Validation without trust anchors (trust is not what these tests judge).
    static func validate(_ bytes: [UInt8]) async throws -> PDFValidationReport {
        await PDFSignatureValidator().validate(try PDFDocument(bytes: bytes))
    }

    /// Every finding code of the report: the document's and each signature's.
    static func codes(_ report: PDFValidationReport) -> Set<PDFValidationFinding.Code> {
        Set(report.findings.map(\.code) + (report.signatures + report.documentTimestamps).flatMap { $0.findings.map(\.code) })
    }
}
