extension PDFDocument {
    /// The indirect object with `number`, parsed on first access and cached.
    ///
    /// Throws ``PDFError/Code/objectNotFound`` for free or missing entries and for offsets that
    /// do not hold the object, ``PDFError/Code/referenceCycle`` when parsing it needs itself
    /// (for example a /Length pointing at its own stream). Strings of encrypted documents
    /// are decrypted (ISO 32000-2 §7.6.2), except where the standard says they are not.
    public func indirectObject(number: Int) throws -> PDFIndirectObject {
        lock.lock()
        defer { lock.unlock() }
        if let cached = objectCache[number] { return cached }
        guard let entry = xrefTable[number] else {
            throw PDFError(.objectNotFound, "object \(number) is not in the cross-reference table")
        }
        guard inProgress.insert(number).inserted else {
            throw PDFError(.referenceCycle, "object \(number) is needed while it is being read")
        }
        // Reading one object can need others (/Length, object streams, their /Filter…); bound
        // that nesting so a crafted chain cannot exhaust the stack.
        guard inProgress.count <= 32 else {
            inProgress.remove(number)
            throw PDFError(.limitExceeded, "more than 32 objects needed to read object \(number)")
        }
        defer { inProgress.remove(number) }
        let object: PDFIndirectObject
        switch entry {
        case .free:
            throw PDFError(.objectNotFound, "object \(number) is free")
        case .inUse(let offset, let generation):
            let parsed = try readObject(number: number, at: offset)
            if parsed.reference.generation != generation {
                throw PDFError(.objectNotFound, "object \(number) has generation \(parsed.reference.generation), xref says \(generation)")
            }
            object = parsed
        case .compressed(let streamNumber, let index):
            let contents = try objectStream(number: streamNumber)
            let value = try contents.object(number: number, index: index, limits: limits)
            object = PDFIndirectObject(
                reference: PDFObjectReference(number, 0), object: value,
                location: .objectStream(streamNumber: streamNumber, index: index))
        }
        objectCache[number] = object
        return object
    }

    /// The value of the object `reference` points to (generations must match).
    public func object(for reference: PDFObjectReference) throws -> PDFObject {
        let indirect = try indirectObject(number: reference.number)
        guard indirect.reference.generation == reference.generation else {
            throw PDFError(.objectNotFound, "no object \(reference) (generation is \(indirect.reference.generation))")
        }
        return indirect.object
    }

    /// Follows `object` through indirect references to a direct value.
    ///
    /// Chains (`1 0 R` → `2 0 R` → …) are followed up to ``PDFParsingLimits/maxReferenceDepth``;
    /// a loop throws ``PDFError/Code/referenceCycle``.
    public func resolve(_ object: PDFObject) throws -> PDFObject {
        var current = object
        var seen: Set<PDFObjectReference> = []
        while case .reference(let reference) = current {
            guard seen.insert(reference).inserted else {
                throw PDFError(.referenceCycle, "reference cycle through \(reference)")
            }
            guard seen.count <= limits.maxReferenceDepth else {
                throw PDFError(.limitExceeded, "reference chain longer than \(limits.maxReferenceDepth)")
            }
            current = try self.object(for: reference)
        }
        return current
    }

    /// The document catalog (trailer /Root).
    public func catalog() throws -> PDFDictionary {
        guard let root = trailer["Root"] else { throw PDFError(.objectNotFound, "trailer has no /Root") }
        guard let dictionary = try resolve(root).dictionaryValue else {
            throw PDFError(.malformedSyntax, "/Root is not a dictionary")
        }
        return dictionary
    }

    /// The document information dictionary (trailer /Info), if any.
    public func info() throws -> PDFDictionary? {
        guard let info = trailer["Info"] else { return nil }
        return try resolve(info).dictionaryValue
    }

    func objectStream(number: Int) throws -> PDFObjectStreamContents {
        guard case .inUse(let offset, _)? = xrefTable[number] else {
            throw PDFError(.objectNotFound, "object stream \(number) is not a type-1 xref entry")
        }
        // Read (or take from the cache) the stream object first, so its generation is checked
        // even when an older revision's walk has already decoded the stream at this offset.
        let object = try indirectObject(number: number)
        return try objectStreamContents(number: number, at: offset) { object }
    }

    /// The decoded contents of object stream `number`, whose object starts at `offset` and is
    /// parsed by `read` (the current view or an older revision).
    ///
    /// Decoding and splitting the stream depend only on its bytes and its filter chain, so the
    /// outcome is cached by offset for both views, failures included: the objects of a stream
    /// that cannot be decoded (a decompression bomb, a bad /First) do not each decode it again,
    /// and walking the compressed entries of every revision decodes each stream once.
    /// Failures to read the stream object or resolve its filters are not cached: they can
    /// depend on what else is being read (reference cycles, the nesting limit).
    func objectStreamContents(
        number: Int, at offset: Int, reading read: () throws -> PDFIndirectObject
    ) throws -> PDFObjectStreamContents {
        lock.lock()
        defer { lock.unlock() }
        if let cached = objectStreamCache[offset] { return try cached.get() }
        guard let stream = try read().object.streamValue else {
            throw PDFError(.malformedSyntax, "object stream \(number) is not a stream")
        }
        let (raw, filters) = try encodedDataAndFilters(of: stream)
        let result: Result<PDFObjectStreamContents, PDFError>
        do {
            let decoded = try PDFFilterPipeline.decode(raw, filters: filters, limits: limits.decode)
            guard decoded.isFullyDecoded else {
                throw PDFError(.unsupportedFilter, "object stream \(number) uses an image filter")
            }
            result = .success(try PDFObjectStreamContents(stream: stream, decoded: decoded.bytes, limits: limits))
        } catch let error as PDFError {
            result = .failure(error)
        }
        objectStreamCache[offset] = result
        return try result.get()
    }
}
