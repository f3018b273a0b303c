/// The result of decoding a stream's filters.
public struct PDFDecodedData: Hashable, Sendable {
    /// The decoded bytes (still encoded by ``remainingFilters`` if any).
    public let bytes: [UInt8]
    /// Image filters (DCTDecode, JPXDecode, CCITTFaxDecode, JBIG2Decode) that were left
    /// applied: the reader passes such data through undecoded.
    public let remainingFilters: [PDFName]

    /// A decode result.
    public init(bytes: [UInt8], remainingFilters: [PDFName] = []) {
        self.bytes = bytes
        self.remainingFilters = remainingFilters
    }

    /// Whether every filter was decoded.
    public var isFullyDecoded: Bool { remainingFilters.isEmpty }
}
