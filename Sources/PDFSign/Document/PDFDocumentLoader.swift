/// Opens a file: header, `startxref`, the /Prev chain of cross-reference sections, offset
/// validation and, when any of that is broken, repair by scanning.
struct PDFDocumentLoader {
    let source: any PDFByteSource
    let limits: PDFParsingLimits
    let endstreamIndex: PDFEndstreamIndex

    func load() throws -> PDFDocumentStructure {
        var structure = PDFDocumentStructure()
        let reader = PDFByteReader(source: source)
        structure.version = try headerVersion(reader)
        structure.headerOffset = try reader.find(Array("%PDF-".utf8), from: 0, to: min(reader.count, 1024))

        var sections: [PDFXrefSection] = []
        var chainError: PDFError?
        do {
            let startxref = try findStartxref(reader)
            structure.startxref = startxref
            try loadChain(from: startxref, into: &sections, irregularities: &structure.irregularities)
        } catch let error as PDFError {
            chainError = error
        }

        structure.revisions = try makeRevisions(sections, reader: reader)

        if let chainError {
            structure.repairNotes.append(PDFRepairNote(category: "xref", message: chainError.reason))
            try repairFully(&structure)
        } else {
            // Merge newest first.
            var table: [Int: PDFXrefEntry] = [:]
            for section in sections {
                for (number, entry) in section.entries where table[number] == nil { table[number] = entry }
            }
            structure.table = table
            structure.trailer = mergedTrailer(sections)
            try validateOffsets(&structure)
        }
        if !hasUsableRoot(structure) {
            structure.repairNotes.append(PDFRepairNote(category: "trailer", message: "trailer has no usable /Root"))
            try repairTrailer(&structure, scan: nil)
        }
        return structure
    }

    // MARK: - Header and tail

    private func headerVersion(_ reader: PDFByteReader) throws -> String? {
        guard let offset = try reader.find(Array("%PDF-".utf8), from: 0, to: min(reader.count, 1024)) else { return nil }
        let bytes = try reader.bytes(offset + 5..<min(reader.count, offset + 13))
        let version = bytes.prefix { PDFCharacterClass.isDigit($0) || $0 == UInt8(ascii: ".") }
        return version.isEmpty ? nil : String(decoding: version, as: UTF8.self)
    }

    /// The offset after the last `startxref` in the file's tail (2 KiB, then 64 KiB for long junk after %%EOF).
    private func findStartxref(_ reader: PDFByteReader) throws -> Int {
        for window in [2048, 65_536] {
            let start = max(0, reader.count - window)
            if let keyword = try reader.findLast(Array("startxref".utf8), from: start, to: reader.count) {
                var lexer = PDFLexer(source: source, position: keyword + 9, limits: limits)
                guard case .integer(let value) = try lexer.next(), let offset = Int(exactly: value) else {
                    throw PDFError(.brokenXref, "'startxref' at \(keyword) is not followed by an offset")
                }
                return offset
            }
            if start == 0 { break }
        }
        throw PDFError(.brokenXref, "no 'startxref' in the file's tail")
    }

    // MARK: - Sections

    private func loadChain(from start: Int, into sections: inout [PDFXrefSection], irregularities: inout [String]) throws {
        let parser = PDFXrefParser(source: source, limits: limits, endstreamIndex: endstreamIndex)
        var visited: Set<Int> = []
        var next: Int? = start
        var entryCount = 0
        while let offset = next {
            guard visited.insert(offset).inserted else {
                // A /Prev loop: stop following it (the sections read so far are complete).
                irregularities.append("the /Prev chain loops back to offset \(offset)")
                break
            }
            guard sections.count < limits.maxRevisions else {
                throw PDFError(.limitExceeded, "more than \(limits.maxRevisions) cross-reference sections")
            }
            var section = try parser.parseSection(at: offset)
            if section.kind == .table, let streamOffset = section.trailer.integer("XRefStm") {
                if let hidden = try? parser.parseStream(at: streamOffset) {
                    for (number, entry) in hidden.entries {
                        if let existing = section.entries[number], existing.isInUse { continue }
                        section.entries[number] = entry
                    }
                    section.kind = .hybrid
                    section.xrefStreamOffset = streamOffset
                    if let unusual = unusualStreamEncoding(hidden.trailer) {
                        irregularities.append("the /XRefStm stream at offset \(streamOffset) uses \(unusual)")
                    }
                }
            }
            if section.hasIrregularEntries {
                irregularities.append("the cross-reference table at offset \(offset) has entries that are not 20-byte lines")
            }
            if section.kind == .stream, let unusual = unusualStreamEncoding(section.trailer) {
                irregularities.append("the cross-reference stream at offset \(offset) uses \(unusual)")
            }
            if section.trailer.integer("Size") == nil {
                irregularities.append("the trailer of the cross-reference section at offset \(offset) has no integer /Size")
            }
            // As for one xref stream (see PDFXrefParser.parseStream): all sections together
            // cannot locate more entries than the file has bytes.
            entryCount += section.entries.count
            guard entryCount <= source.count else {
                throw PDFError(.limitExceeded, "cross-reference sections hold more entries (\(entryCount)) than the file has bytes")
            }
            sections.append(section)
            next = section.previousOffset
        }
    }

    /// A cross-reference stream encoded other than with FlateDecode and a PNG predictor (or
    /// none) is valid, but several readers do not support it.
    private func unusualStreamEncoding(_ dictionary: PDFDictionary) -> String? {
        switch dictionary["Filter"] {
        case nil, .name("FlateDecode")?, .array([.name("FlateDecode")])?: break
        case let filter?: return "the filter \(filter)"
        }
        let parameters = dictionary["DecodeParms"]?.dictionaryValue ?? dictionary["DecodeParms"]?.arrayValue?.first?.dictionaryValue
        if let predictor = parameters?.integer("Predictor"), predictor != 1, predictor < 10 {
            return "predictor \(predictor)"
        }
        return nil
    }

    private func mergedTrailer(_ sections: [PDFXrefSection]) -> PDFDictionary {
        guard var trailer = sections.first?.trailer else { return PDFDictionary() }
        for older in sections.dropFirst() {
            for entry in older.trailer.effectiveEntries where trailer[entry.key] == nil {
                if ["Prev", "XRefStm", "W", "Index", "Length", "Filter", "DecodeParms", "Type"].contains(entry.key) { continue }
                trailer[entry.key] = entry.value
            }
        }
        return trailer
    }

    /// Revisions oldest first, with the `startxref`/`%%EOF` that end each one.
    ///
    /// A section whose /Prev points forward in the file is a linearized file's first-page
    /// section; it and the main section it points at form one revision.
    private func makeRevisions(_ sections: [PDFXrefSection], reader: PDFByteReader) throws -> [PDFRevision] {
        var groups: [(primary: PDFXrefSection, main: PDFXrefSection?)] = []
        var i = 0
        while i < sections.count {
            let section = sections[i]
            if i + 1 < sections.count, let previous = section.previousOffset, previous > section.offset,
               sections[i + 1].offset == previous {
                groups.append((section, sections[i + 1]))
                i += 2
            } else {
                groups.append((section, nil))
                i += 1
            }
        }
        var revisions: [PDFRevision] = []
        for (index, group) in groups.reversed().enumerated() {
            let last = group.main ?? group.primary
            let (startxref, endOffset) = try revisionEnd(after: last.byteRange.upperBound, reader: reader)
            var entries = group.main?.entries ?? [:]
            for (number, entry) in group.primary.entries { entries[number] = entry }
            revisions.append(PDFRevision(
                index: index, kind: group.primary.kind, xrefOffset: group.primary.offset, xrefByteRange: group.primary.byteRange,
                xrefStreamOffset: group.primary.xrefStreamOffset, trailer: group.primary.trailer, entries: entries,
                startxrefKeywordOffset: startxref, endOffset: endOffset, linearizedMainXrefByteRange: group.main?.byteRange))
        }
        return revisions
    }

    /// The `startxref` keyword after `offset` and the end of the `%%EOF` line after it.
    private func revisionEnd(after offset: Int, reader: PDFByteReader) throws -> (Int?, Int?) {
        guard let startxref = try reader.find(Array("startxref".utf8), from: offset, to: min(reader.count, offset + 2048)) else {
            return (nil, nil)
        }
        guard let eof = try reader.find(Array("%%EOF".utf8), from: startxref, to: min(reader.count, startxref + 2048)) else {
            return (startxref, nil)
        }
        var end = eof + 5
        var scratch = reader
        if try scratch.byte(at: end) == 0x0D { end += 1 }
        if try scratch.byte(at: end) == 0x0A { end += 1 }
        return (startxref, end)
    }

    // MARK: - Validation and repair

    /// Checks that every type-1 entry points at its `n g obj` header; repairs the entries that do not.
    private func validateOffsets(_ structure: inout PDFDocumentStructure) throws {
        var failures: [Int] = []
        for (number, entry) in structure.table.sorted(by: { $0.key < $1.key }) {
            guard case .inUse(let offset, _) = entry else { continue }
            if !(try headerMatches(number: number, at: offset)) { failures.append(number) }
        }
        // Producers often list a cross-reference stream in itself with a dummy offset; its real
        // offset is known from startxref, /Prev or /XRefStm, so that is no reason to repair.
        let xrefStreams = try xrefStreamObjects(structure.revisions)
        failures.removeAll { number in
            guard let offset = xrefStreams[number] else { return false }
            structure.table[number] = .inUse(offset: offset, generation: 0)
            return true
        }
        guard !failures.isEmpty else { return }
        let sample = failures.prefix(5).map(String.init).joined(separator: ", ")
        let scan = try PDFRepairScanner(source: source, limits: limits).scan()
        for number in failures {
            if let found = scan.objects[number] {
                structure.table[number] = .inUse(offset: found.offset, generation: found.generation)
            } else {
                structure.table[number] = nil
            }
        }
        structure.repairNotes.append(PDFRepairNote(
            category: "offset",
            message: "\(failures.count) xref entries do not point at their object (objects \(sample)\(failures.count > 5 ? ", …" : "")); rebuilt from a scan",
            extent: Self.repairExtent(failures, revisions: structure.revisions, scan: scan)))
    }

    /// Object number → offset of each cross-reference stream the /Prev chain reached.
    private func xrefStreamObjects(_ revisions: [PDFRevision]) throws -> [Int: Int] {
        var result: [Int: Int] = [:]
        for revision in revisions {
            for offset in [revision.kind == .stream ? revision.xrefOffset : nil, revision.xrefStreamOffset].compactMap({ $0 }) {
                let bounded = PDFBoundedByteSource(source, limit: min(source.count, offset + 64))
                var parser = PDFObjectParser(source: bounded, position: offset, limits: limits)
                if let header = try? parser.parseObjectHeader() { result[header.number] = offset }
            }
        }
        return result
    }

    /// Whether `n g obj` (with optional leading whitespace) starts at `offset`; reads at most 64 bytes.
    private func headerMatches(number: Int, at offset: Int) throws -> Bool {
        guard offset >= 0, offset < source.count else { return false }
        let bounded = PDFBoundedByteSource(source, limit: offset + 64)
        var parser = PDFObjectParser(source: bounded, position: offset, limits: limits)
        do {
            try parser.lexer.skipWhitespaceAndComments()
            return try parser.parseObjectHeader().number == number
        } catch let error as PDFError where error.code != .ioFailure {
            return false
        }
    }

    private func hasUsableRoot(_ structure: PDFDocumentStructure) -> Bool {
        guard let root = structure.trailer["Root"]?.referenceValue else { return false }
        return structure.table[root.number]?.isInUse ?? false
    }

    /// Rebuilds the whole table from a scan.
    private func repairFully(_ structure: inout PDFDocumentStructure) throws {
        let scan = try PDFRepairScanner(source: source, limits: limits).scan()
        guard !scan.objects.isEmpty else {
            throw PDFError(.brokenXref, "cross-reference unusable and no 'n g obj' found in the file")
        }
        var table: [Int: PDFXrefEntry] = [:]
        for (number, found) in scan.objects { table[number] = .inUse(offset: found.offset, generation: found.generation) }
        // Objects inside object streams.
        for (number, found, limit) in Self.boundedObjects(scan, fileSize: source.count) {
            guard let stream = try? parseStream(at: found.offset, limit: limit), stream.dictionary.name("Type") == "ObjStm",
                  let raw = try? Array(source.read(stream.dataRange)),
                  let filters = try? PDFFilterPipeline.filterChain(of: stream.dictionary),
                  let decoded = try? PDFFilterPipeline.decode(raw, filters: filters, limits: limits.decode), decoded.isFullyDecoded,
                  let contents = try? PDFObjectStreamContents(stream: stream, decoded: decoded.bytes, limits: limits)
            else { continue }
            for (index, member) in contents.directory.enumerated() where table[member.number] == nil && member.number != number {
                table[member.number] = .compressed(streamNumber: number, index: index)
            }
        }
        structure.table = table
        structure.repairNotes.append(PDFRepairNote(category: "xref", message: "cross-reference rebuilt by scanning: \(table.count) objects"))
        try repairTrailer(&structure, scan: scan)
    }

    private func parseStream(at offset: Int, limit: Int) throws -> PDFStream? {
        var parser = PDFObjectParser(source: PDFBoundedByteSource(source, limit: limit), limits: limits, endstreamIndex: endstreamIndex)
        return try parser.parseIndirectObject(at: offset).object.streamValue
    }

    /// Scanned objects in file order, each with the offset of the next header as its parse limit.
    static func boundedObjects(_ scan: PDFRepairScanner.Result, fileSize: Int) -> [(Int, (offset: Int, generation: Int), Int)] {
        let sorted = scan.objects.sorted { $0.value.offset < $1.value.offset }
        let headers = (scan.objects.values.map(\.offset) + scan.trailerOffsets).sorted()
        return sorted.map { number, found in
            // The first header after this one (binary search in `headers`).
            var low = 0
            var high = headers.count
            while low < high {
                let middle = (low + high) / 2
                if headers[middle] <= found.offset { low = middle + 1 } else { high = middle }
            }
            return (number, found, low < headers.count ? headers[low] : fileSize)
        }
    }

    /// Finds a trailer with a usable /Root: the last `trailer` dictionary, else the last xref
    /// stream dictionary, else the last catalog object.
    private func repairTrailer(_ structure: inout PDFDocumentStructure, scan existing: PDFRepairScanner.Result?) throws {
        let scan = try existing ?? PDFRepairScanner(source: source, limits: limits).scan()
        func usable(_ dictionary: PDFDictionary) -> Bool {
            guard let root = dictionary["Root"]?.referenceValue else { return false }
            return structure.table[root.number]?.isInUse ?? false
        }
        for offset in scan.trailerOffsets.suffix(32).reversed() {
            var parser = PDFObjectParser(source: PDFBoundedByteSource(source, limit: offset + 65_536), position: offset + 7, limits: limits)
            if case .dictionary(let dictionary)? = try? parser.parseObject(), usable(dictionary) {
                structure.trailer = merged(dictionary, over: structure.trailer)
                return
            }
        }
        var catalog: (offset: Int, reference: PDFObjectReference)?
        var xrefTrailer: (offset: Int, dictionary: PDFDictionary)?
        for (number, found, limit) in Self.boundedObjects(scan, fileSize: source.count) {
            var parser = PDFObjectParser(source: PDFBoundedByteSource(source, limit: limit), limits: limits, endstreamIndex: endstreamIndex)
            guard let object = try? parser.parseIndirectObject(at: found.offset), let dictionary = object.object.dictionaryValue else { continue }
            if dictionary.name("Type") == "XRef", usable(dictionary), found.offset > (xrefTrailer?.offset ?? -1) {
                xrefTrailer = (found.offset, dictionary)
            }
            if dictionary.name("Type") == "Catalog", found.offset > (catalog?.offset ?? -1) {
                catalog = (found.offset, PDFObjectReference(number, found.generation))
            }
        }
        if let xrefTrailer {
            structure.trailer = merged(xrefTrailer.dictionary, over: structure.trailer)
            return
        }
        if let catalog {
            var trailer = structure.trailer
            trailer["Root"] = .reference(catalog.reference)
            structure.trailer = trailer
            structure.repairNotes.append(PDFRepairNote(category: "trailer", message: "catalog found by scanning: \(catalog.reference)"))
            return
        }
        throw PDFError(.brokenXref, "no trailer with /Root and no /Type /Catalog object found")
    }

    private func merged(_ dictionary: PDFDictionary, over base: PDFDictionary) -> PDFDictionary {
        var result = dictionary
        for entry in base.effectiveEntries where result[entry.key] == nil { result[entry.key] = entry.value }
        return result
    }
}
