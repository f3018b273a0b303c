extension ContractWorkflow {
    /// How many recently stored or read revisions the workflow keeps in memory, and their total size.
    static let recentDocumentLimit = (count: 8, bytes: 32 << 20)

    /// Stores `bytes` in the ``DocumentStore`` and keeps them as a recent revision.
    func storeDocument(_ bytes: [UInt8]) async throws -> String {
        let hash = try await dependencies.documents.put(bytes)
        rememberDocument(hash, bytes)
        return hash
    }

    /// The revision with this hash for signing or completion: from memory when this workflow
    /// stored or read it lately, else from the ``DocumentStore`` (which checks the hash).
    ///
    /// Documents are content-addressed, so bytes kept under their own SHA-256 cannot be stale;
    /// this saves the signing path a store round trip, a file read and hashing the PDF again.
    /// Downloads still read the store.
    func revision(_ sha256: String) async throws -> [UInt8] {
        if let kept = recentDocuments.last(where: { $0.hash == sha256 }) { return kept.bytes }
        let bytes = try await dependencies.documents.get(sha256)
        rememberDocument(sha256, bytes)
        return bytes
    }

    private func rememberDocument(_ hash: String, _ bytes: [UInt8]) {
        guard bytes.count <= Self.recentDocumentLimit.bytes else { return }
        recentDocuments.removeAll { $0.hash == hash }
        recentDocuments.append((hash, bytes))
        var total = recentDocuments.reduce(0) { $0 + $1.bytes.count }
        while recentDocuments.count > Self.recentDocumentLimit.count || total > Self.recentDocumentLimit.bytes {
            total -= recentDocuments.removeFirst().bytes.count
        }
    }
}
