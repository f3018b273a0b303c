import Crypto
import Foundation
import SwiftASN1

/// A message digest algorithm usable in CMS.
///
/// SHA-256, SHA-384 and SHA-512 are accepted for new signatures. SHA-1 is recognised
/// only so that old signatures can be verified and flagged as weak.
public struct DigestAlgorithm: Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable { case sha1, sha256, sha384, sha512 }
    let kind: Kind

    public static let sha256 = DigestAlgorithm(kind: .sha256)
    public static let sha384 = DigestAlgorithm(kind: .sha384)
    public static let sha512 = DigestAlgorithm(kind: .sha512)
    /// SHA-1: verification only; refused for new signatures.
    public static let sha1 = DigestAlgorithm(kind: .sha1)

    /// The algorithm's object identifier.
    public var oid: ASN1ObjectIdentifier {
        switch kind {
        case .sha1: CMSObjectIdentifier.Digest.sha1
        case .sha256: CMSObjectIdentifier.Digest.sha256
        case .sha384: CMSObjectIdentifier.Digest.sha384
        case .sha512: CMSObjectIdentifier.Digest.sha512
        }
    }

    /// The digest length in bytes.
    public var outputByteCount: Int {
        switch kind {
        case .sha1: 20
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
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
        }
    }

    /// Looks an algorithm up by object identifier; `nil` when unknown.
    public init?(oid: ASN1ObjectIdentifier) {
        switch oid {
        case CMSObjectIdentifier.Digest.sha1: kind = .sha1
        case CMSObjectIdentifier.Digest.sha256: kind = .sha256
        case CMSObjectIdentifier.Digest.sha384: kind = .sha384
        case CMSObjectIdentifier.Digest.sha512: kind = .sha512
        default: return nil
        }
    }

    /// Looks an algorithm up by its name (`sha256`, `SHA-384`, …); `nil` when unknown.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "-", with: "") {
        case "sha1": kind = .sha1
        case "sha256": kind = .sha256
        case "sha384": kind = .sha384
        case "sha512": kind = .sha512
        default: return nil
        }
    }

    private init(kind: Kind) { self.kind = kind }

    /// Computes the digest of `bytes` in one call.
    public func hash(_ bytes: some DataProtocol) -> [UInt8] {
        Array(typedDigest(of: bytes))
    }
}

extension DigestAlgorithm {
    /// The digest of `message` as swift-crypto's typed digest, which its RSA and ECDSA APIs require.
    package func typedDigest(of message: some DataProtocol) -> any Digest {
        switch kind {
        case .sha1: Insecure.SHA1.hash(data: message)
        case .sha256: SHA256.hash(data: message)
        case .sha384: SHA384.hash(data: message)
        case .sha512: SHA512.hash(data: message)
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
    }
    private var state: State
    public let algorithm: DigestAlgorithm

    public init(_ algorithm: DigestAlgorithm) {
        self.algorithm = algorithm
        switch algorithm.kind {
        case .sha1: state = .sha1(Insecure.SHA1())
        case .sha256: state = .sha256(SHA256())
        case .sha384: state = .sha384(SHA384())
        case .sha512: state = .sha512(SHA512())
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
        }
    }
}
