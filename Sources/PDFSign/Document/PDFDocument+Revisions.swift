extension PDFDocument {
    /// The cross-reference entry for `number` as of `revision`: the newest definition in that
    /// revision or an older one, ignoring later updates.
    ///
    /// A binary search in the object's own history: the cost does not grow with the number of revisions.
    public func xrefEntry(for number: Int, asOf revision: PDFRevision) -> PDFXrefEntry? {
        guard revision.index >= 0, revision.index < revisions.count else { return nil }
        lock.lock()
        defer { lock.unlock() }
        var probes = 0
        let entry = revisionIndexes.entry(for: number, asOf: revision.index, probes: &probes)
        work.xrefProbes += probes
        return entry
    }

    /// The cross-revision indexes, built on first use (call with the lock held).
    var revisionIndexes: PDFRevisionIndexes {
        if let revisionIndexesCache { return revisionIndexesCache }
        let built = PDFRevisionIndexes(revisions)
        revisionIndexesCache = built
        return built
    }

    /// /Root, /Info, /Encrypt or /ID as of `revision`: the newest section up to it that has the key.
    func trailerValue(_ key: PDFName, asOf revision: PDFRevision) -> PDFObject? {
        lock.lock()
        defer { lock.unlock() }
        return revisionIndexes.trailerValue(key, asOf: revision.index)
    }

    /// Adds to the work counters (under the lock: a document may be shared between threads).
    func countWork(_ update: (inout PDFWorkCounts) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        update(&work)
    }

    /// The work counted so far.
    var workCounts: PDFWorkCounts {
        lock.lock()
        defer { lock.unlock() }
        return work
    }

    /// Object `number` as it was in `revision`.
    ///
    /// Validators use this to compare what an incremental update changed. Indirect /Length
    /// and /Filter values are resolved in the current (newest) view of the document. Bodies are
    /// cached by where they are stored, so revisions sharing an object parse it once.
    public func indirectObject(number: Int, asOf revision: PDFRevision) throws -> PDFIndirectObject {
        guard revision.index >= 0, revision.index < revisions.count, revisions[revision.index].xrefOffset == revision.xrefOffset,
              revisions[revision.index].xrefByteRange == revision.xrefByteRange
        else {
            throw PDFError(.objectNotFound, "revision \(revision.index) does not belong to this document")
        }
        guard let entry = xrefEntry(for: number, asOf: revision) else {
            throw PDFError(.objectNotFound, "object \(number) is not defined as of revision \(revision.index)")
        }
        switch entry {
        case .free:
            throw PDFError(.objectNotFound, "object \(number) is free as of revision \(revision.index)")
        case .inUse(let offset, _):
            return try storedObject(number, PDFStoredObjectKey(offset: offset, index: nil)) { try readObject(number: number, at: offset) }
        case .compressed(let streamNumber, let index):
            guard case .inUse(let streamOffset, _)? = xrefEntry(for: streamNumber, asOf: revision) else {
                throw PDFError(.objectNotFound, "object stream \(streamNumber) is not a type-1 entry as of revision \(revision.index)")
            }
            return try storedObject(number, PDFStoredObjectKey(offset: streamOffset, index: index)) {
                let contents = try objectStreamContents(number: streamNumber, at: streamOffset) {
                    try storedObject(streamNumber, PDFStoredObjectKey(offset: streamOffset, index: nil)) {
                        try readObject(number: streamNumber, at: streamOffset)
                    }
                }
                return PDFIndirectObject(
                    reference: PDFObjectReference(number, 0), object: try contents.object(number: number, index: index, limits: limits),
                    location: .objectStream(streamNumber: streamNumber, index: index))
            }
        }
    }

    /// Object `number` stored at `key`, parsed by `read` on first use (failures are not cached).
    /// Two entries pointing at one body get it only when the numbers agree, as when parsing.
    private func storedObject(_ number: Int, _ key: PDFStoredObjectKey, _ read: () throws -> PDFIndirectObject) throws -> PDFIndirectObject {
        lock.lock()
        defer { lock.unlock() }
        let parsed: PDFIndirectObject
        if let cached = storedObjectCache[key] {
            parsed = cached
        } else {
            parsed = try read()
            storedObjectCache[key] = parsed
            work.objectParses += 1
        }
        guard parsed.reference.number == number else {
            throw PDFError(.objectNotFound, "the body stored at offset \(key.offset)\(key.index.map { " index \($0)" } ?? "") is object \(parsed.reference.number), not \(number)")
        }
        return parsed
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
        return decrypted(parsed)
    }

    /// The revision (index into ``revisions``) that ends where a signature's signed bytes end:
    /// its `%%EOF`, with or without the end-of-line after it (two bytes of slack either way).
    public func revisionIndex(endingAt length: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        return revisionIndexes.revision(endingAt: length)
    }
}
