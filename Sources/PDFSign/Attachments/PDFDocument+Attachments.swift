import Crypto
import Foundation

extension PDFDocument {
    /// Every embedded file: the /EmbeddedFiles name tree (its /Names and /Kids, each node once,
    /// depth and size limited) in tree order, then file attachment annotations page by page.
    ///
    /// - Throws: ``PDFError`` — `referenceCycle` for a name tree that loops, `limitExceeded`
    ///   for one too deep or too large; reading errors. A malformed entry is skipped.
    public func attachments() throws -> [PDFAttachment] {
        let catalog = try catalog()
        let associated = Set(try resolve(catalog["AF"] ?? .null).arrayValue?.compactMap(\.referenceValue) ?? [])
        var result: [PDFAttachment] = []
        if let names = try resolve(catalog["Names"] ?? .null).dictionaryValue, let root = names["EmbeddedFiles"] {
            for (key, value) in try nameTreeEntries(root) {
                if let attachment = try attachment(value, location: .embeddedFiles(key: key), fallbackName: key, associated: associated) {
                    result.append(attachment)
                }
            }
        }
        let pages = (try? pageCount()) ?? 0
        for index in 0..<pages {
            guard let page = try? resolve(.reference(pageReference(at: index))).dictionaryValue else { continue }
            for annotation in try resolve(page["Annots"] ?? .null).arrayValue ?? [] {
                guard let dictionary = try? resolve(annotation).dictionaryValue,
                      try resolve(dictionary["Subtype"] ?? .null).nameValue == "FileAttachment", let spec = dictionary["FS"],
                      let found = try? attachment(spec, location: .annotation(pageIndex: index), fallbackName: "attachment", associated: associated)
                else { continue }
                result.append(found)
            }
        }
        return result
    }

    /// The uncompressed bytes of `attachment`.
    ///
    /// - Throws: ``PDFError`` — `objectNotFound` when it embeds no stream (an external file);
    ///   `corruptStreamData` when the bytes do not match its /Params /CheckSum or /Size;
    ///   decoding errors and limits as ``decodedData(of:)``.
    public func data(of attachment: PDFAttachment) throws -> [UInt8] {
        guard let reference = attachment.stream, let stream = try object(for: reference).streamValue else {
            throw PDFError(.objectNotFound, "attachment \(attachment.fileName) embeds no file stream")
        }
        let bytes = try decodedData(of: stream).bytes
        if let size = attachment.size, size != bytes.count {
            throw PDFError(.corruptStreamData, "attachment \(attachment.fileName) has \(bytes.count) bytes, its /Params /Size says \(size)")
        }
        if let checksum = attachment.checksum, checksum.count == 16, Array(Insecure.MD5.hash(data: bytes)) != checksum {
            throw PDFError(.corruptStreamData, "attachment \(attachment.fileName) does not match its /Params /CheckSum")
        }
        return bytes
    }

    /// The (key, value) pairs of a name tree (ISO 32000-2 §7.9.6), in order.
    func nameTreeEntries(_ root: PDFObject) throws -> [(String, PDFObject)] {
        var entries: [(String, PDFObject)] = []
        var visited: Set<PDFObjectReference> = []
        let budget = max(1_000, xrefTable.count + 16)

        func visit(_ node: PDFObject, depth: Int) throws {
            guard depth < limits.maxReferenceDepth else { throw PDFError(.limitExceeded, "name tree deeper than \(limits.maxReferenceDepth)") }
            if let reference = node.referenceValue {
                guard visited.insert(reference).inserted else { throw PDFError(.referenceCycle, "name tree node \(reference) appears twice") }
                guard visited.count <= budget else { throw PDFError(.limitExceeded, "name tree has more than \(budget) nodes") }
            }
            guard let dictionary = try resolve(node).dictionaryValue else { return }
            let names = try resolve(dictionary["Names"] ?? .null).arrayValue ?? []
            var index = 0
            while index + 1 < names.count {
                if let key = try resolve(names[index]).stringValue?.textValue { entries.append((key, names[index + 1])) }
                index += 2
            }
            guard entries.count <= 10 * budget else { throw PDFError(.limitExceeded, "name tree has more than \(10 * budget) entries") }
            for kid in try resolve(dictionary["Kids"] ?? .null).arrayValue ?? [] { try visit(kid, depth: depth + 1) }
        }

        try visit(root, depth: 0)
        return entries
    }

    /// A file specification (Table 43) read as an attachment; `nil` when it is not a dictionary.
    private func attachment(_ spec: PDFObject, location: PDFAttachment.Location, fallbackName: String,
                            associated: Set<PDFObjectReference>) throws -> PDFAttachment? {
        guard let dictionary = try resolve(spec).dictionaryValue else { return nil }
        func text(_ key: PDFName, in dictionary: PDFDictionary) -> String? { (try? resolve(dictionary[key] ?? .null))?.stringValue?.textValue }
        let embedded = try resolve(dictionary["EF"] ?? .null).dictionaryValue
        let streamReference = (embedded?["UF"] ?? embedded?["F"])?.referenceValue
        let streamDictionary = try streamReference.flatMap { try object(for: $0).streamValue?.dictionary }
        let params = try streamDictionary.flatMap { try resolve($0["Params"] ?? .null).dictionaryValue }
        return PDFAttachment(
            location: location,
            fileName: text("UF", in: dictionary) ?? text("F", in: dictionary) ?? fallbackName,
            description: text("Desc", in: dictionary),
            mimeType: try streamDictionary.flatMap { try resolve($0["Subtype"] ?? .null).nameValue?.string },
            relationship: try resolve(dictionary["AFRelationship"] ?? .null).nameValue.map { PDFAttachmentRelationship(name: $0.string) },
            size: try params.flatMap { try resolve($0["Size"] ?? .null).integerValue }.map { Int($0) },
            creationDate: try params.flatMap { try resolve($0["CreationDate"] ?? .null).stringValue?.dateValue },
            modificationDate: try params.flatMap { try resolve($0["ModDate"] ?? .null).stringValue?.dateValue },
            checksum: try params.flatMap { try resolve($0["CheckSum"] ?? .null).stringValue?.bytes },
            isAssociatedWithDocument: spec.referenceValue.map(associated.contains) ?? false,
            stream: streamReference)
    }
}
