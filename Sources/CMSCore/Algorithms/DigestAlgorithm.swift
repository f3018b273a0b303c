import Crypto
import Foundation
import SwiftASN1

/// A message digest algorithm usable in CMS.
///
/// SHA-256, SHA-384 and SHA-512 are accepted for new signatures. SHA-1 is recognised
/// only so that old signatures can be verified and flagged as weak.
///
/// SHA3-256, SHA3-384, SHA3-512 and SHAKE256 (512-bit output, the digest of Ed448 in CMS,
/// RFC 8419) are for verification only and are computed by a registered
/// ``CMSAlgorithmExtension``: without one, ``init(oid:)`` does not recognise them.
public struct DigestAlgorithm: Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable { case sha1, sha256, sha384, sha512, sha3_256, sha3_384, sha3_512, shake256, shake256Len }
    let kind: Kind

    public static let sha256 = DigestAlgorithm(kind: .sha256)
    public static let sha384 = DigestAlgorithm(kind: .sha384)
    public static let sha512 = DigestAlgorithm(kind: .sha512)
    /// SHA-1: verification only; refused for new signatures.
    public static let sha1 = DigestAlgorithm(kind: .sha1)
    /// SHA3-256 (FIPS 202): verification only, computed by a ``CMSAlgorithmExtension``.
    public static let sha3_256 = DigestAlgorithm(kind: .sha3_256)
    /// SHA3-384 (FIPS 202): verification only, computed by a ``CMSAlgorithmExtension``.
    public static let sha3_384 = DigestAlgorithm(kind: .sha3_384)
    /// SHA3-512 (FIPS 202): verification only, computed by a ``CMSAlgorithmExtension``.
    public static let sha3_512 = DigestAlgorithm(kind: .sha3_512)
    /// SHAKE256 with 512 bits of output (`id-shake256`, RFC 8419 §2.3, the digest paired with
    /// Ed448): verification only, computed by a ``CMSAlgorithmExtension``.
    public static let shake256 = DigestAlgorithm(kind: .shake256)
    /// SHAKE256 named `id-shake256-len` (RFC 8702 §3, with its output length as parameter), as
    /// pyHanko writes it for Ed448; 512 bits of output (a different declared length then fails
    /// as a digest mismatch). Verification only, computed by a ``CMSAlgorithmExtension``.
    public static let shake256Len = DigestAlgorithm(kind: .shake256Len)

    /// The algorithm's object identifier.
    public var oid: ASN1ObjectIdentifier {
        switch kind {
        case .sha1: CMSObjectIdentifier.Digest.sha1
        case .sha256: CMSObjectIdentifier.Digest.sha256
        case .sha384: CMSObjectIdentifier.Digest.sha384
        case .sha512: CMSObjectIdentifier.Digest.sha512
        case .sha3_256: CMSObjectIdentifier.Digest.sha3_256
        case .sha3_384: CMSObjectIdentifier.Digest.sha3_384
        case .sha3_512: CMSObjectIdentifier.Digest.sha3_512
        case .shake256: CMSObjectIdentifier.Digest.shake256
        case .shake256Len: CMSObjectIdentifier.Digest.shake256Len
        }
    }

    /// The digest length in bytes.
    public var outputByteCount: Int {
        switch kind {
        case .sha1: 20
        case .sha256, .sha3_256: 32
        case .sha384, .sha3_384: 48
        case .sha512, .sha3_512, .shake256, .shake256Len: 64
        }
    }

    /// Whether a ``CMSAlgorithmExtension`` computes this digest (SHA-3, SHAKE256) rather than swift-crypto.
    public var needsExtension: Bool {
        switch kind {
        case .sha1, .sha256, .sha384, .sha512: false
        case .sha3_256, .sha3_384, .sha3_512, .shake256, .shake256Len: true
        }
    }

    /// Whether the algorithm is considered too weak for new signatures.
    public var isWeak: Bool { kind == .sha1 }

    public var description: String {
        switch kind {
        case .sha1: "sha1"
        case .sha256: "sha256"
        case .sha384: "sha384"
        case .sha512: "sha512"
        case .sha3_256: "sha3-256"
        case .sha3_384: "sha3-384"
        case .sha3_512: "sha3-512"
        case .shake256: "shake256"
        case .shake256Len: "shake256-len"
        }
    }

    /// Looks an algorithm up by object identifier; `nil` when unknown, or when it is computed
    /// by an extension (``needsExtension``) and no registered ``CMSAlgorithmExtension`` computes it.
    public init?(oid: ASN1ObjectIdentifier) {
        switch oid {
        case CMSObjectIdentifier.Digest.sha1: kind = .sha1
        case CMSObjectIdentifier.Digest.sha256: kind = .sha256
        case CMSObjectIdentifier.Digest.sha384: kind = .sha384
        case CMSObjectIdentifier.Digest.sha512: kind = .sha512
        case CMSObjectIdentifier.Digest.sha3_256: kind = .sha3_256
        case CMSObjectIdentifier.Digest.sha3_384: kind = .sha3_384
        case CMSObjectIdentifier.Digest.sha3_512: kind = .sha3_512
        case CMSObjectIdentifier.Digest.shake256: kind = .shake256
        case CMSObjectIdentifier.Digest.shake256Len: kind = .shake256Len
        default: return nil
        }
        guard !needsExtension || isAvailable else { return nil }
    }

    /// Whether this digest can be computed now: always for SHA-1 and SHA-2, for the others
    /// when a registered ``CMSAlgorithmExtension`` computes them.
    public var isAvailable: Bool {
        !needsExtension || CMSAlgorithmExtensions.provider(of: self) != nil
    }

    /// Looks an algorithm up by its name (`sha256`, `SHA-384`, …); `nil` when unknown.
    public init?(name: String) {
        switch name.lowercased().filter({ $0 != "-" }) {
        case "sha1": kind = .sha1
        case "sha256": kind = .sha256
        case "sha384": kind = .sha384
        case "sha512": kind = .sha512
        default: return nil
        }
    }

    private init(kind: Kind) { self.kind = kind }

    /// Computes the digest of `bytes` in one call (empty when the algorithm is not available, see ``isAvailable``).
    public func hash(_ bytes: some DataProtocol) -> [UInt8] {
        guard needsExtension else { return Array(typedDigest(of: bytes)) }
        var digest = StreamingDigest(self)
        digest.update(Array(bytes))
        return digest.finalize()
    }
}

extension DigestAlgorithm {
    /// The digest of `message` as swift-crypto's typed digest, which its RSA and ECDSA APIs
    /// require; for digests an extension computes, the bytes wrapped as a prehashed digest.
    package func typedDigest(of message: some DataProtocol) -> any Digest {
        switch kind {
        case .sha1: Insecure.SHA1.hash(data: message)
        case .sha256: SHA256.hash(data: message)
        case .sha384: SHA384.hash(data: message)
        case .sha512: SHA512.hash(data: message)
        case .sha3_256, .sha3_384, .sha3_512, .shake256, .shake256Len: PrehashedDigest(bytes: hash(message))
        }
    }
}

/// An incremental hash over any of the supported ``DigestAlgorithm``s, for data that
/// arrives in pieces (PDF byte ranges, files read in chunks).
public struct StreamingDigest: Sendable {
    private enum State: Sendable {
        case sha1(Insecure.SHA1)
        case sha256(SHA256)
        case sha384(SHA384)
        case sha512(SHA512)
        case external(any CMSExtensionHasher)
        /// An extension digest with no extension registered: finalizes to no bytes.
        case unavailable
    }
    private var state: State
    public let algorithm: DigestAlgorithm

    /// A hash over `algorithm`; for one an extension computes (``DigestAlgorithm/needsExtension``)
    /// and no extension is registered, ``finalize()`` returns no bytes, which matches no digest.
    public init(_ algorithm: DigestAlgorithm) {
        self.algorithm = algorithm
        switch algorithm.kind {
        case .sha1: state = .sha1(Insecure.SHA1())
        case .sha256: state = .sha256(SHA256())
        case .sha384: state = .sha384(SHA384())
        case .sha512: state = .sha512(SHA512())
        case .sha3_256, .sha3_384, .sha3_512, .shake256, .shake256Len:
            state = CMSAlgorithmExtensions.provider(of: algorithm)?.makeHasher(for: algorithm).map { .external($0) } ?? .unavailable
        }
    }

    /// Feeds more bytes into the hash.
    public mutating func update<Bytes: ContiguousBytes>(_ bytes: Bytes) {
        bytes.withUnsafeBytes { buffer in
            switch state {
            case .sha1(var h): h.update(bufferPointer: buffer); state = .sha1(h)
            case .sha256(var h): h.update(bufferPointer: buffer); state = .sha256(h)
            case .sha384(var h): h.update(bufferPointer: buffer); state = .sha384(h)
            case .sha512(var h): h.update(bufferPointer: buffer); state = .sha512(h)
            case .external(var h): h.update(buffer); state = .external(h)
            case .unavailable: break
            }
        }
    }

    /// Returns the digest of everything fed so far.
    public func finalize() -> [UInt8] {
        switch state {
        case .sha1(let h): Array(h.finalize())
        case .sha256(let h): Array(h.finalize())
        case .sha384(let h): Array(h.finalize())
        case .sha512(let h): Array(h.finalize())
        case .external(let h): h.finalize()
        case .unavailable: []
        }
    }
}
