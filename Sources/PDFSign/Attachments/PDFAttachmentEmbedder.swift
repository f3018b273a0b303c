import Crypto
import Foundation

/// Embeds files in a PDF before it is signed, in one incremental update: each as an embedded
/// file stream (ISO 32000-2 §7.11.4, Flate-compressed, /Subtype MIME type, /Params with /Size,
/// dates and the MD5 /CheckSum) in a file specification with /UF and /AFRelationship, listed
/// in the catalog's /Names /EmbeddedFiles name tree (§7.9.6) and its /AF array (PDF 2.0
/// §14.13, associated files).
///
/// Attach before signing: the signatures then cover the files. A signed document is refused
/// (``PDFError/Code/notSignable``): a new catalog /AF or /Names entry after a signature is a
/// change DocMDP does not allow (§12.8.2.2), and validators would flag it.
public struct PDFAttachmentEmbedder: Sendable {
    /// An embedder.
    public init() {}

    /// The document with `files` embedded, as the bytes of the updated file.
    ///
    /// - Throws: ``PDFError`` — `invalidArgument` for no files, or a name given twice or
    ///   already in the name tree; `notSignable` for a signed document; reading errors.
    public func adding(_ files: [PDFNewAttachment], to document: PDFDocument) throws -> [UInt8] {
        guard !files.isEmpty else { throw PDFError(.invalidArgument, "no files to attach") }
        guard try document.embeddedSignatures().isEmpty else {
            throw PDFError(.notSignable, "the document is signed: attach files before signing (a later /AF or /EmbeddedFiles change is not an allowed modification)")
        }
        guard let catalogReference = document.trailer["Root"]?.referenceValue else {
            throw PDFError(.notSignable, "the trailer's /Root is not an indirect reference, so the catalog cannot be updated")
        }
        let update = PDFIncrementalUpdate(document: document)
        var catalog = try dictionary(update.current(catalogReference), "the catalog")
        var names = try catalog["Names"].map { try dictionary(update.resolve($0), "/Names") } ?? PDFDictionary()
        var entries = try names["EmbeddedFiles"].map { try document.nameTreeEntries($0) } ?? []
        var specs: [PDFObject] = []
        for file in files {
            guard !entries.contains(where: { $0.0 == file.fileName }) else {
                throw PDFError(.invalidArgument, "an attachment named \(file.fileName) already exists or is given twice")
            }
            let spec = try fileSpecification(file, in: update)
            entries.append((file.fileName, .reference(spec)))
            specs.append(.reference(spec))
        }
        // One leaf root with every entry, sorted by key bytes (§7.9.6); existing values are kept as they were.
        let sorted = entries.map { (PDFString.text($0.0), $0.1) }.sorted { $0.0.bytes.lexicographicallyPrecedes($1.0.bytes) }
        names["EmbeddedFiles"] = .reference(update.add(.dictionary(PDFDictionary(["Names": .array(sorted.flatMap { [.string($0.0), $0.1] })]))))
        if let namesReference = catalog["Names"]?.referenceValue {
            update.set(namesReference, .object(.dictionary(names)))
        } else {
            catalog["Names"] = .dictionary(names)
        }
        if let afReference = catalog["AF"]?.referenceValue, let array = try? update.current(afReference).arrayValue {
            update.set(afReference, .object(.array(array + specs)))
        } else {
            catalog["AF"] = .array((try catalog["AF"].map { try update.resolve($0).arrayValue ?? [] } ?? []) + specs)
        }
        update.set(catalogReference, .object(.dictionary(catalog)))
        let serialized = try PDFUpdateWriter.write(update)
        return Array(try document.source.read(0..<document.source.count)) + serialized.bytes
    }

    /// The embedded file stream and its file specification; returns the specification.
    private func fileSpecification(_ file: PDFNewAttachment, in update: PDFIncrementalUpdate) throws -> PDFObjectReference {
        var params = PDFDictionary([
            "Size": .integer(Int64(file.data.count)),
            "CheckSum": .string(PDFString(bytes: Array(Insecure.MD5.hash(data: file.data)), format: .hex)),
        ])
        if let date = file.creationDate { params["CreationDate"] = .string(.date(date)) }
        if let date = file.modificationDate { params["ModDate"] = .string(.date(date)) }
        var streamDictionary = PDFDictionary(["Type": .name("EmbeddedFile"), "Filter": .name("FlateDecode"), "Params": .dictionary(params)])
        if let mime = file.mimeType { streamDictionary["Subtype"] = .name(PDFName(mime)) }
        let stream = update.addStream(streamDictionary, data: try FlateEncoder.encode(file.data))
        var spec = PDFDictionary([
            "Type": .name("Filespec"), "F": .string(.text(file.fileName)), "UF": .string(.text(file.fileName)),
            "EF": .dictionary(PDFDictionary(["F": .reference(stream), "UF": .reference(stream)])),
            "AFRelationship": .name(PDFName(file.relationship.name)),
        ])
        if let description = file.description { spec["Desc"] = .string(.text(description)) }
        return update.add(.dictionary(spec))
    }

    private func dictionary(_ object: PDFObject, _ what: String) throws -> PDFDictionary {
        guard case .dictionary(let dictionary) = object else { throw PDFError(.notSignable, "\(what) is not a dictionary") }
        return dictionary
    }
}
