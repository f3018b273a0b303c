extension PDFDocument {
    /// The cross-reference entry for `number` as of `revision`: the newest definition in that
    /// revision or an older one, ignoring later updates.
    public func xrefEntry(for number: Int, asOf revision: PDFRevision) -> PDFXrefEntry? {
        guard revision.index < revisions.count else { return nil }
        for older in revisions[...revision.index].reversed() {
            if let entry = older.entries[number] { return entry }
        }
        return nil
    }

    /// Object `number` as it was in `revision` (read each time, not cached).
    ///
    /// Validators use this to compare what an incremental update changed. Indirect /Length
    /// and /Filter values are resolved in the current (newest) view of the document.
    public func indirectObject(number: Int, asOf revision: PDFRevision) throws -> PDFIndirectObject {
        guard revision.index < revisions.count, revisions[revision.index] == revision else {
            throw PDFError(.objectNotFound, "revision \(revision.index) does not belong to this document")
        }
        guard let entry = xrefEntry(for: number, asOf: revision) else {
            throw PDFError(.objectNotFound, "object \(number) is not defined as of revision \(revision.index)")
        }
        switch entry {
        case .free:
            throw PDFError(.objectNotFound, "object \(number) is free as of revision \(revision.index)")
        case .inUse(let offset, _):
            return try readObject(number: number, at: offset)
        case .compressed(let streamNumber, let index):
            if isEncrypted { throw PDFError(.encrypted, "object \(number) is in an encrypted object stream") }
            guard case .inUse(let streamOffset, _)? = xrefEntry(for: streamNumber, asOf: revision) else {
                throw PDFError(.objectNotFound, "object stream \(streamNumber) is not a type-1 entry as of revision \(revision.index)")
            }
            let contents = try objectStreamContents(number: streamNumber, at: streamOffset) {
                try readObject(number: streamNumber, at: streamOffset)
            }
            return PDFIndirectObject(
                reference: PDFObjectReference(number, 0), object: try contents.object(number: number, index: index, limits: limits),
                location: .objectStream(streamNumber: streamNumber, index: index))
        }
    }

    /// Parses the object at `offset`, checking its number; not cached.
    func readObject(number: Int, at offset: Int) throws -> PDFIndirectObject {
        guard offset >= 0, offset < source.count else {
            throw PDFError(.objectNotFound, "object \(number) offset \(offset) is outside the file")
        }
        lock.lock()
        defer { lock.unlock() }
        var parser = PDFObjectParser(source: source, position: offset, limits: limits, endstreamIndex: endstreamIndex) { [unowned self] reference in
            try self.resolve(.reference(reference)).integerValue
        }
        let parsed = try parser.parseIndirectObject(at: offset)
        guard parsed.reference.number == number else {
            throw PDFError(.objectNotFound, "offset \(offset) holds object \(parsed.reference.number), not \(number)")
        }
        return parsed
    }

    /// The revision (index into ``revisions``) that ends where a signature's signed bytes end:
    /// its `%%EOF`, with or without the end-of-line after it (two bytes of slack either way).
    public func revisionIndex(endingAt length: Int) -> Int? {
        revisions.lastIndex { revision in
            guard let end = revision.endOffset else { return false }
            return abs(length - end) <= 2
        }
    }
}
