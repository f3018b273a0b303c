/// What the trailer's /Encrypt dictionary says. Decryption is not implemented.
public struct PDFEncryptionInfo: Hashable, Sendable {
    /// The security handler (/Filter), usually `/Standard`.
    public let filter: PDFName?
    /// The algorithm version /V.
    public let version: Int?
    /// The standard handler revision /R.
    public let revision: Int?
    /// The key length in bits (/Length), when given.
    public let keyLength: Int?

    /// Encryption information.
    public init(filter: PDFName?, version: Int?, revision: Int?, keyLength: Int?) {
        self.filter = filter
        self.version = version
        self.revision = revision
        self.keyLength = keyLength
    }
}
