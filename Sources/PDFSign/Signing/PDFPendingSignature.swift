import CMSCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import TimestampClient
import X509

/// A deferred PAdES signature between its two phases, `Codable` so that another process can
/// finish it: the prepared file's layout (``PreparedPDFSignature``), the CMS signed attributes
/// (`PreparedCMSSignature`, whose `signatureRequest` goes to wherever the key lives) and the
/// PAdES level to reach.
///
/// ```swift
/// // Process 1: the certificates are known, the key is elsewhere (a phone, a remote service).
/// let signer = PDFSigner(key: ExternalSigningKey(certificateChain: chain) { _ in throw … }, level: .lta)
/// let pending = try await signer.prepareDeferred(document, writingTo: "pending.pdf")
/// store(try JSONEncoder().encode(pending))           // and send pending.signatureRequest out
///
/// // Process 2, later: the signature value has arrived.
/// let pending = try JSONDecoder().decode(PDFPendingSignature.self, from: stored)
/// try await pending.finish(signatureValue: value, fileAt: "pending.pdf",
///     timestampAuthority: tsa, longTermValidation: PDFLongTermValidation(timestampAuthority: tsa))
/// ```
public struct PDFPendingSignature: Sendable, Hashable, Codable {
    /// The prepared file's byte range, capacity and digest.
    public let prepared: PreparedPDFSignature
    /// The CMS signed attributes over ``PreparedPDFSignature/documentDigest``.
    public let cms: PreparedCMSSignature
    /// The level ``finish(signatureValue:fileAt:timestampAuthority:longTermValidation:)`` reaches.
    public let level: PAdESLevel

    /// What the key holder signs: the DER of the signed attributes and the algorithm.
    public var signatureRequest: SignatureRequest { cms.signatureRequest }

    /// Phase two: completes the CMS with `signatureValue` (checked against the signer's
    /// certificate), adds the signature timestamp for B-T and above, writes it into the prepared
    /// file and, for B-LT and B-LTA, appends the validation data and the document timestamp.
    /// The file at `path` is replaced atomically; on an error it is left as it was.
    ///
    /// - Throws: `CMSError` for a signature value that does not verify; ``PDFError`` with
    ///   `invalidArgument` when a TSA or the long-term validation settings are missing for the
    ///   level, or the file is not the prepared one, `signatureTooLarge` when the timestamped
    ///   CMS does not fit; the TSA's and the revocation sources' errors.
    public func finish(signatureValue: [UInt8], fileAt path: String, timestampAuthority: (any TimestampAuthority)?,
                       longTermValidation: PDFLongTermValidation? = nil) async throws {
        if level.includes(.lt), longTermValidation == nil {
            throw PDFError(.invalidArgument, "PAdES \(level.rawValue) needs long-term validation settings (revocation source, TSA)")
        }
        var signature = try cms.completed(signatureValue: signatureValue)
        if level.includes(.t) {
            guard let timestampAuthority else { throw PDFError(.invalidArgument, "PAdES \(level.rawValue) needs a timestamp authority") }
            signature = try await signature.addingSignatureTimestamp(using: timestampAuthority)
        }
        // The prepared file is copied (in the kernel) and completed beside it: memory stays
        // small whatever the file size, and `path` changes only by the final rename.
        let partial = path + ".partial"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        try PDFFileCopier.copyFile(from: path, to: partial)
        try prepared.embed(signature, intoFileAt: partial)
        if level.includes(.lt), let longTermValidation {
            try await longTermValidation.appendValidationData(toFileAt: partial)
            if level.includes(.lta) { try await longTermValidation.appendDocumentTimestamp(toFileAt: partial) }
        }
        guard rename(partial, path) == 0 else { throw PDFError(.ioFailure, "replacing \(path) failed: errno \(errno)") }
    }
}

extension PDFSigner {
    /// Phase one of deferred signing: writes the prepared file to `path` with room for this
    /// signer's CMS at its level (``estimatedContentsCapacity()`` unless the options fix one)
    /// and builds the signed attributes with the key's certificates, without calling its `sign`.
    ///
    /// - Throws: as ``PDFSignaturePreparer/prepare(_:contentsCapacity:writingTo:)`` and
    ///   `CAdESSigner.prepare(digest:)`.
    public func prepareDeferred(_ document: PDFDocument, writingTo path: String) async throws -> PDFPendingSignature {
        var resolved = self
        resolved.options = try await resolvedOptions()
        let prepared = try PDFSignaturePreparer(options: resolved.options)
            .prepare(document, contentsCapacity: try await initialCapacity(), writingTo: path)
        let cms = try await CAdESSigner(key: key, options: resolved.cadesOptions(for: prepared)).prepare(digest: prepared.documentDigest)
        return PDFPendingSignature(prepared: prepared, cms: cms, level: level)
    }
}
