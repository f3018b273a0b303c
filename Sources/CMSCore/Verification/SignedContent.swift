/// The content a signature is checked against.
public enum SignedContent: Sendable {
    /// The content in memory.
    case bytes([UInt8])
    /// The content in a file (hashed in chunks).
    case file(path: String)
    /// Only the content's digest, computed with the given algorithm (the PDF layer hashes byte ranges itself).
    case digest([UInt8], algorithm: DigestAlgorithm)
    /// The content is encapsulated in the SignedData (as in RFC 3161 tokens).
    case encapsulated

    func digest(with algorithm: DigestAlgorithm, encapsulated: [UInt8]?) throws -> [UInt8]? {
        switch self {
        case .bytes(let bytes): return algorithm.hash(bytes)
        case .file(let path): return try FileDigest.digest(ofFileAt: path, algorithm: algorithm)
        case .digest(let digest, let given):
            guard given == algorithm else {
                throw CMSError(.invalidArgument, "the signer used \(algorithm) but a \(given) digest was supplied")
            }
            return digest
        case .encapsulated: return encapsulated.map { algorithm.hash($0) }
        }
    }

    /// The content itself, when it is at hand (for algorithms that sign the message, not a digest).
    func message(encapsulated: [UInt8]?) -> [UInt8]? {
        switch self {
        case .bytes(let bytes): bytes
        case .encapsulated: encapsulated
        case .file, .digest: nil
        }
    }
}
