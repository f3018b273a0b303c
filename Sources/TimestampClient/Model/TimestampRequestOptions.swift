import CMSCore
import SwiftASN1

/// What a time-stamp request asks of a TSA (RFC 3161 §2.4.1): the imprint's hash algorithm,
/// a nonce, a policy and whether the token must carry the TSA's certificate.
///
/// ```swift
/// var options = TimestampRequestOptions(digestAlgorithm: .sha384)
/// options.policy = try ASN1ObjectIdentifier(dotRepresentation: "1.2.3.4")
/// let token = try await localTSA.issueToken(digest: SHA384.hash(data: bytes).bytes, options: options)
/// ```
public struct TimestampRequestOptions: Sendable, Hashable {
    /// The hash algorithm of the message imprint (and of ``HTTPTimestampAuthority``'s
    /// `timestamp(data:)` and CAdES-T).
    public var digestAlgorithm: DigestAlgorithm
    /// The nonce the TSA must echo.
    public var nonce: Nonce
    /// The TSA policy to ask for (`reqPolicy`); the token must then carry it. `nil` lets
    /// the TSA choose.
    public var policy: ASN1ObjectIdentifier?
    /// Ask the TSA to include its certificate (`certReq`), and require it in the token.
    public var requestsCertificate: Bool

    /// Options; by default SHA-256, a fresh random nonce, the TSA's default policy and certReq.
    public init(digestAlgorithm: DigestAlgorithm = .sha256, nonce: Nonce = .random, policy: ASN1ObjectIdentifier? = nil,
                requestsCertificate: Bool = true) {
        self.digestAlgorithm = digestAlgorithm
        self.nonce = nonce
        self.policy = policy
        self.requestsCertificate = requestsCertificate
    }

    /// The request's nonce: a fresh random one (the default), none, or a given value.
    public struct Nonce: Sendable, Hashable, CustomStringConvertible {
        enum Kind: Sendable, Hashable { case random, omitted, fixed([UInt8]) }
        let kind: Kind

        /// A fresh positive 72-bit random number for every request.
        public static let random = Nonce(kind: .random)
        /// No nonce (replies cannot then be matched to requests by nonce).
        public static let omitted = Nonce(kind: .omitted)
        /// This value (big-endian magnitude bytes; 1 to 32 bytes).
        public static func fixed(_ bytes: [UInt8]) -> Nonce { Nonce(kind: .fixed(bytes)) }

        public var description: String {
            switch kind {
            case .random: "random"
            case .omitted: "omitted"
            case .fixed(let bytes): "fixed(\(bytes.count) bytes)"
            }
        }

        /// The bytes to send: new random ones each time for ``random``.
        func bytes() throws -> [UInt8]? {
            switch kind {
            case .random: return TimestampRequestBuilder.randomNonce()
            case .omitted: return nil
            case .fixed(let bytes):
                guard (1...32).contains(bytes.count) else {
                    throw TimestampError(.invalidArgument, "a nonce has 1 to 32 bytes, got \(bytes.count)")
                }
                return bytes
            }
        }
    }

    /// The DER `TimeStampReq` for `digest` (computed with ``digestAlgorithm``), for example
    /// to store as a `.tsq` file or send through ``HTTPTimestampAuthority/send(requestDER:)``.
    ///
    /// - Throws: ``TimestampError/Code/invalidArgument`` for a digest of the wrong length or
    ///   a fixed nonce that is empty or longer than 32 bytes.
    public func derEncodedRequest(digest: [UInt8]) throws -> [UInt8] {
        try request(digest: digest).derEncoded()
    }

    /// The wire request for `digest`.
    package func request(digest: [UInt8]) throws -> TimeStampReq {
        try TimestampRequestBuilder.checkDigest(digest, digestAlgorithm)
        return TimeStampReq(messageImprint: MessageImprint(algorithm: digestAlgorithm, digest: digest), reqPolicy: policy,
                            nonce: try nonce.bytes(), certReq: requestsCertificate)
    }
}
