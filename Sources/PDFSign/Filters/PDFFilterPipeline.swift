/// Applies a stream's /Filter chain with its /DecodeParms.
public enum PDFFilterPipeline {
    /// Filters passed through undecoded.
    static let imageFilters: Set<PDFName> = ["DCTDecode", "DCT", "JPXDecode", "CCITTFaxDecode", "CCF", "JBIG2Decode"]

    /// Decodes `data` through `filters` (in order), each with its parameters dictionary (or `nil`).
    ///
    /// The output limit of every stage is computed from the size of `data` (the encoded bytes
    /// in the file), so a chain cannot multiply expansion ratios. All stages together may
    /// produce at most twice that limit plus the size of `data` (any chain with at most two
    /// expanding stages fits), so a long chain of filters that keep the size (RunLengthDecode
    /// of `FF FF…` yields `FF FF…` again) cannot multiply the work either. Either bound throws
    /// ``PDFError/Code/limitExceeded``.
    ///
    /// Decoding stops at the first image filter, which is reported in
    /// ``PDFDecodedData/remainingFilters`` with all filters after it.
    public static func decode(_ data: [UInt8], filters: [(PDFName, PDFDictionary?)], limits: PDFDecodeLimits = PDFDecodeLimits()) throws -> PDFDecodedData {
        var current = data
        let limit = limits.outputLimit(forInputCount: data.count)
        let (twice, overflow1) = limit.multipliedReportingOverflow(by: 2)
        let (sum, overflow2) = twice.addingReportingOverflow(data.count)
        let budget = overflow1 || overflow2 ? Int.max : sum
        var remaining = budget
        for (position, (name, parameters)) in filters.enumerated() {
            if imageFilters.contains(name) {
                return PDFDecodedData(bytes: current, remainingFilters: filters[position...].map(\.0))
            }
            current = try decodeOne(current, filter: name, parameters: parameters ?? PDFDictionary(), limit: min(limit, remaining))
            remaining -= current.count
            guard remaining >= 0 else {
                throw PDFError(.limitExceeded, "filter chain of \(filters.count) filters produces more than \(budget) bytes in all (decompression limit)")
            }
        }
        return PDFDecodedData(bytes: current)
    }

    static func decodeOne(_ data: [UInt8], filter: PDFName, parameters: PDFDictionary, limit: Int) throws -> [UInt8] {
        switch filter.string {
        case "FlateDecode", "Fl":
            let inflated = try FlateDecoder.decode(data, limit: limit)
            let result = try PredictorDecoder.decode(inflated, parameters: parameters)
            return result
        case "LZWDecode", "LZW":
            let early = (parameters.integer("EarlyChange") ?? 1) != 0
            return try PredictorDecoder.decode(try LZWDecoder.decode(data, earlyChange: early, limit: limit), parameters: parameters)
        case "ASCIIHexDecode", "AHx":
            return try ASCIIHexDecoder.decode(data)
        case "ASCII85Decode", "A85":
            return try ASCII85Decoder.decode(data, limit: limit)
        case "RunLengthDecode", "RL":
            return try RunLengthDecoder.decode(data, limit: limit)
        case "Crypt":
            let name = parameters.name("Name") ?? "Identity"
            guard name == "Identity" else { throw PDFError(.encrypted, "Crypt filter /\(name.string) needs decryption") }
            return data
        default:
            throw PDFError(.unsupportedFilter, "filter /\(filter.string)")
        }
    }

    /// Reads /Filter and /DecodeParms of a stream dictionary as pairs (direct values only;
    /// use ``PDFDocument`` to resolve indirect ones first).
    public static func filterChain(of dictionary: PDFDictionary) throws -> [(PDFName, PDFDictionary?)] {
        let filters: [PDFName]
        switch dictionary["Filter"] {
        case nil, .null?:
            return []
        case .name(let name)?:
            filters = [name]
        case .array(let array)?:
            filters = try array.map {
                guard let name = $0.nameValue else { throw PDFError(.malformedSyntax, "/Filter array holds a non-name") }
                return name
            }
        default:
            throw PDFError(.malformedSyntax, "/Filter is neither a name nor an array")
        }
        let parameters: [PDFDictionary?]
        switch dictionary["DecodeParms"] ?? dictionary["DP"] {
        case .dictionary(let single)?:
            parameters = [single] + Array(repeating: nil, count: max(0, filters.count - 1))
        case .array(let array)?:
            parameters = (0..<filters.count).map { $0 < array.count ? array[$0].dictionaryValue : nil }
        default:
            parameters = Array(repeating: nil, count: filters.count)
        }
        return Array(zip(filters, parameters))
    }
}
