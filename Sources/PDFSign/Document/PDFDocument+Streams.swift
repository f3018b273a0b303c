extension PDFDocument {
    /// The raw (still encoded) bytes of `stream`.
    public func rawData(of stream: PDFStream) throws -> [UInt8] {
        Array(try source.read(stream.dataRange.clamped(to: 0..<source.count)))
    }

    /// The decoded bytes of `stream`: its /Filter chain applied (indirect /Filter and
    /// /DecodeParms resolved), under ``PDFParsingLimits/decode``. Image filters are left applied.
    ///
    /// In an encrypted document the data is decrypted first (ISO 32000-2 §7.6.3), with the
    /// stream's /Crypt filter, /EFF, or /StmF as applies.
    public func decodedData(of stream: PDFStream) throws -> PDFDecodedData {
        let (data, filters) = try encodedDataAndFilters(of: stream)
        return try PDFFilterPipeline.decode(data, filters: filters, limits: limits.decode)
    }

    /// The stream's data decrypted but still encoded, and its filter chain without /Crypt.
    func encodedDataAndFilters(of stream: PDFStream) throws -> ([UInt8], [(PDFName, PDFDictionary?)]) {
        let filters = try filterChain(of: stream)
        let raw = try rawData(of: stream)
        guard let crypt, let reference = stream.cryptReference else { return (raw, filters) }
        let (method, remaining) = try crypt.streamMethod(for: stream.dictionary, filters: filters)
        return (try crypt.decrypt(raw, method: method, reference: reference), remaining)
    }

    /// The /Filter chain of `stream` with indirect /Filter and /DecodeParms resolved (in the
    /// current view); throws for external files as ``decodedData(of:)`` does.
    func filterChain(of stream: PDFStream) throws -> [(PDFName, PDFDictionary?)] {
        var dictionary = stream.dictionary
        if dictionary["F"] != nil {
            throw PDFError(.unsupportedFilter, "stream data in an external file (/F)")
        }
        if let filter = dictionary["Filter"] { dictionary["Filter"] = try resolve(filter) }
        if let filter = dictionary["Filter"]?.arrayValue { dictionary["Filter"] = .array(try filter.map { try resolve($0) }) }
        if let parameters = dictionary["DecodeParms"] { dictionary["DecodeParms"] = try resolve(parameters) }
        if let parameters = dictionary["DecodeParms"]?.arrayValue {
            dictionary["DecodeParms"] = .array(try parameters.map { try resolve($0) })
        }
        return try PDFFilterPipeline.filterChain(of: dictionary)
    }
}

extension PDFDocument {
    /// `parsed` with its strings decrypted and its stream marked for decryption, in an
    /// encrypted document (cross-reference streams and the /Encrypt dictionary excepted).
    func decrypted(_ parsed: PDFIndirectObject) -> PDFIndirectObject {
        guard let crypt else { return parsed }
        var object = crypt.decryptStrings(in: parsed.object, reference: parsed.reference)
        if case .stream(var stream) = object, stream.dictionary.name("Type") != "XRef" {
            stream.cryptReference = parsed.reference
            object = .stream(stream)
        }
        return PDFIndirectObject(reference: parsed.reference, object: object, location: parsed.location, hasEndKeyword: parsed.hasEndKeyword)
    }
}
