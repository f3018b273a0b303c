/// A stream object: its dictionary and where its raw (still encoded) data lies in the file.
public struct PDFStream: Hashable, Sendable, CustomStringConvertible {
    /// The stream dictionary.
    public let dictionary: PDFDictionary
    /// The byte range of the raw data in the file (after the `stream` EOL, before `endstream`).
    public let dataRange: Range<Int>
    /// `true` when /Length was missing or wrong and the end was found by scanning for `endstream`.
    public let lengthWasRecovered: Bool
    /// In an encrypted document, the indirect object whose key decrypts the data
    /// (ISO 32000-2 §7.6.3); `nil` when the data is not encrypted.
    var cryptReference: PDFObjectReference?

    /// A stream.
    public init(dictionary: PDFDictionary, dataRange: Range<Int>, lengthWasRecovered: Bool = false) {
        self.dictionary = dictionary
        self.dataRange = dataRange
        self.lengthWasRecovered = lengthWasRecovered
    }

    /// `<< … >> stream[range]`.
    public var description: String { "\(dictionary) stream[\(dataRange.lowerBound)..<\(dataRange.upperBound)]" }
}
