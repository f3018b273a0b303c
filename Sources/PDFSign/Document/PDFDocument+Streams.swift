extension PDFDocument {
    /// The raw (still encoded) bytes of `stream`.
    public func rawData(of stream: PDFStream) throws -> [UInt8] {
        Array(try source.read(stream.dataRange.clamped(to: 0..<source.count)))
    }

    /// The decoded bytes of `stream`: its /Filter chain applied (indirect /Filter and
    /// /DecodeParms resolved), under ``PDFParsingLimits/decode``. Image filters are left applied.
    ///
    /// Throws ``PDFError/Code/encrypted`` for streams of an encrypted document (except
    /// cross-reference streams, which are never encrypted).
    public func decodedData(of stream: PDFStream) throws -> PDFDecodedData {
        let filters = try filterChain(of: stream)
        return try PDFFilterPipeline.decode(try rawData(of: stream), filters: filters, limits: limits.decode)
    }

    /// The /Filter chain of `stream` with indirect /Filter and /DecodeParms resolved (in the
    /// current view); throws for encrypted data and external files as ``decodedData(of:)`` does.
    func filterChain(of stream: PDFStream) throws -> [(PDFName, PDFDictionary?)] {
        var dictionary = stream.dictionary
        if isEncrypted, dictionary.name("Type") != "XRef" {
            throw PDFError(.encrypted, "stream data is encrypted")
        }
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
