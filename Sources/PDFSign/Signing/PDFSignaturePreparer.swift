import CMSCore
import Foundation

/// Phase one of signing a PDF: appends an incremental update holding the signature field,
/// its appearance and a signature dictionary with an empty /Contents, and computes the
/// digest of the byte ranges (ISO 32000-2 §12.8.1).
///
/// ``PDFSigner`` uses it for one-step signing. Use it directly for deferred signing: keep
/// the ``PreparedPDFSignature``, have the CMS made elsewhere (for example with
/// `CAdESSigner.prepare(digest:)` and a remote key), then embed it.
public struct PDFSignaturePreparer: Sendable {
    /// The signature's options.
    public var options: PDFSignatureOptions
    /// Prepare a document timestamp (/DocTimeStamp) instead of a signature; only the digest
    /// algorithm of ``options`` applies.
    var isDocumentTimestamp = false

    /// A preparer for `options`.
    public init(options: PDFSignatureOptions = .init()) {
        self.options = options
    }

    /// Prepares the signed file in memory.
    ///
    /// - Parameters:
    ///   - document: the document to sign (its bytes are not changed).
    ///   - contentsCapacity: bytes reserved for the DER CMS object.
    /// - Throws: ``PDFError`` — ``PDFError/Code/notSignable`` when the document's form or
    ///   permissions forbid this signature, ``PDFError/Code/permissionDenied`` when an encrypted
    ///   file opened with its user password does not allow it (see ``PDFEncryptionInfo/allows(_:)``),
    ///   ``PDFError/Code/invalidArgument`` for a bad page or capacity, and reading errors.
    public func prepare(_ document: PDFDocument, contentsCapacity: Int) throws -> (bytes: [UInt8], prepared: PreparedPDFSignature) {
        let layout = try self.layout(document, contentsCapacity: contentsCapacity)
        var bytes = Array(try document.source.read(0..<document.source.count))
        bytes += layout.update.bytes
        var digest = StreamingDigest(options.resolvedDigestAlgorithm)
        digest.update(bytes[0..<layout.byteRange[1]])
        digest.update(bytes[layout.byteRange[2]...])
        return (bytes, layout.prepared(digest: digest.finalize(), options: effectiveOptions))
    }

    /// Prepares the signed file at `path` (created or replaced), copying the original in
    /// chunks while hashing it: memory stays small whatever the file size.
    ///
    /// The file is flushed to disk (fsync) before this returns: it can wait for a remote
    /// signature across a restart.
    public func prepare(_ document: PDFDocument, contentsCapacity: Int, writingTo path: String) throws -> PreparedPDFSignature {
        try prepare(document, contentsCapacity: contentsCapacity, writingTo: path, flushing: true)
    }

    /// ``prepare(_:contentsCapacity:writingTo:)``, flushing the file or not: ``PDFSigner``
    /// flushes its partial file once, after the signature is embedded and before it is renamed.
    func prepare(_ document: PDFDocument, contentsCapacity: Int, writingTo path: String, flushing: Bool) throws -> PreparedPDFSignature {
        try PDFOutputFile.refuseOverwritingSource(document, path: path)
        let layout = try self.layout(document, contentsCapacity: contentsCapacity)
        var digest = StreamingDigest(options.resolvedDigestAlgorithm)
        let output = try PDFOutputFile(path: path)
        defer { output.close() }
        let source = document.source
        if let file = source as? PDFFileByteSource {
            try PDFFileCopier.copy(from: file.path, count: source.count, to: output.handle, digest: &digest)
        } else {
            var offset = 0
            while offset < source.count {
                let chunk = try source.read(offset..<min(source.count, offset + PDFOutputFile.chunkSize))
                digest.update(chunk)
                try output.write(chunk)
                offset += chunk.count
            }
        }
        let start = layout.update.startOffset
        digest.update(layout.update.bytes[0..<(layout.byteRange[1] - start)])
        digest.update(layout.update.bytes[(layout.byteRange[2] - start)...])
        try output.write(layout.update.bytes[...])
        if flushing { try output.finish() }
        return layout.prepared(digest: digest.finalize(), options: effectiveOptions)
    }

    /// The options as written: a document timestamp's /SubFilter is /ETSI.RFC3161.
    private var effectiveOptions: PDFSignatureOptions {
        var effective = options
        if isDocumentTimestamp { effective.subFilter = .rfc3161 }
        return effective
    }

    /// The update with the signature dictionary's /ByteRange patched.
    struct Layout {
        var update: PDFSerializedUpdate
        var byteRange: [Int]
        var capacity: Int

        func prepared(digest: [UInt8], options: PDFSignatureOptions) -> PreparedPDFSignature {
            PreparedPDFSignature(
                byteRange: byteRange, contentsCapacity: capacity, digestAlgorithm: options.resolvedDigestAlgorithm,
                documentDigest: digest, subFilter: options.subFilter)
        }
    }

    func layout(_ document: PDFDocument, contentsCapacity: Int) throws -> Layout {
        guard contentsCapacity > 0, contentsCapacity <= 4 * 1024 * 1024 else {
            throw PDFError(.invalidArgument, "a /Contents capacity of \(contentsCapacity) bytes is outside 1…4 MiB")
        }
        guard isDocumentTimestamp || options.subFilter != .rfc3161 else {
            throw PDFError(.invalidArgument, "/ETSI.RFC3161 is a document timestamp's /SubFilter; add one with PDFLongTermValidation")
        }
        guard !options.resolvedDigestAlgorithm.isWeak else {
            throw PDFError(.invalidArgument, "\(options.resolvedDigestAlgorithm) is refused for new signatures")
        }
        var options = self.options
        if !isDocumentTimestamp, options.fieldLock == nil {
            // ISO 32000-2 §12.7.5.5: a field's /Lock names the fields its signature locks (FieldMDP).
            options.fieldLock = try PDFSignatureFieldPlacer.placeholderLock(named: options.fieldName, in: document)
        }
        let update = PDFIncrementalUpdate(document: document)
        let signature = update.reserve()
        try PDFSignatureFieldPlacer(update: update, options: options, signature: signature, isDocumentTimestamp: isDocumentTimestamp).place()
        let crypt = document.crypt
        let encrypting: PDFSignatureDictionaryTemplate.Encrypting = { dictionary in
            guard let crypt else { return dictionary }
            return try crypt.encryptStrings(in: .dictionary(dictionary), reference: signature).dictionaryValue ?? dictionary
        }
        let template = isDocumentTimestamp
            ? try PDFSignatureDictionaryTemplate(documentTimestampCapacity: contentsCapacity, encrypting: encrypting)
            : try PDFSignatureDictionaryTemplate(
                options: options, signingTime: options.signingTime ?? Date(), capacity: contentsCapacity,
                docMDPPermission: options.certification?.rawValue, encrypting: encrypting)
        update.set(signature, .raw(template.bytes))
        var serialized = try PDFUpdateWriter.write(update)
        guard let body = serialized.bodyOffsets[signature] else {
            throw PDFError(.signingFailed, "the signature dictionary was not written")
        }
        let contentsStart = body + template.contentsOffset
        let contentsEnd = contentsStart + 2 * contentsCapacity + 2
        let byteRange = [0, contentsStart, contentsEnd, serialized.totalLength - contentsEnd]
        let patch = body + template.byteRangeOffset - serialized.startOffset
        let text = PDFSignatureDictionaryTemplate.byteRangeText(byteRange)
        serialized.bytes.replaceSubrange(patch..<patch + text.count, with: text)
        return Layout(update: serialized, byteRange: byteRange, capacity: contentsCapacity)
    }
}
