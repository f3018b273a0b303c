/// A PDF or attachment held by a ``DocumentStore``, named by the SHA-256 of its bytes.
public struct DocumentReference: Hashable, Codable, Sendable {
    /// The lower-case hex SHA-256 of the bytes: the key in the ``DocumentStore``.
    public var sha256: String
    /// A file name for display and export (`contract.pdf`).
    public var fileName: String
    /// The media type (`application/pdf`).
    public var mediaType: String
    /// The size in bytes.
    public var byteCount: Int

    /// A reference to stored bytes.
    public init(sha256: String, fileName: String, mediaType: String = "application/pdf", byteCount: Int) {
        self.sha256 = sha256
        self.fileName = fileName
        self.mediaType = mediaType
        self.byteCount = byteCount
    }
}
