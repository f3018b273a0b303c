import CMSCore
import SwiftASN1

/// Builds requests and checks replies the same way for every client-side authority.
enum TimestampRequestBuilder {
    /// A positive random INTEGER of exactly 72 bits (magnitude bytes: nine random bytes,
    /// the first with its top bit set; DER adds the 0x00 sign byte).
    static func randomNonce() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<9).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes[0] |= 0x80
        return bytes
    }

    static func checkDigest(_ digest: [UInt8], _ algorithm: DigestAlgorithm) throws {
        guard digest.count == algorithm.outputByteCount else {
            throw TimestampError(.invalidArgument, "a \(algorithm) digest has \(algorithm.outputByteCount) bytes, got \(digest.count)")
        }
    }

    /// Checks that `token` answers `request` (RFC 3161 §2.4.2): same imprint, same nonce,
    /// the requested policy, and the TSA certificate when certReq was set.
    static func check(_ token: TimestampToken, answers request: TimeStampReq) throws {
        guard token.messageImprint.matches(request.messageImprint) else {
            throw TimestampError(.imprintMismatch, "the token's messageImprint differs from the request's")
        }
        if let nonce = request.nonce {
            guard let echoed = token.nonce else {
                throw TimestampError(.nonceMismatch, "the request had a nonce but the token has none")
            }
            guard IntegerBytes.equal(echoed, nonce) else {
                throw TimestampError(.nonceMismatch, "the token's nonce differs from the request's")
            }
        }
        if let policy = request.reqPolicy, token.policy != policy {
            throw TimestampError(.policyMismatch, "policy \(policy) was requested but the token has \(token.policy)")
        }
        if request.certReq, token.tsaCertificate == nil {
            throw TimestampError(.certificateMissing, "certReq was set but the token does not carry the TSA's certificate")
        }
    }
}

/// Helpers for non-negative INTEGERs held as big-endian magnitude bytes.
package enum IntegerBytes {
    /// Whether two magnitudes denote the same value (ignoring leading zero bytes).
    package static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        normalized(a) == normalized(b)
    }

    static func normalized(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var slice = bytes[...]
        while slice.count > 1, slice.first == 0x00 { slice = slice.dropFirst() }
        return slice
    }

    /// The minimal magnitude bytes of a value.
    static func magnitude(_ value: UInt64) -> [UInt8] {
        var bytes = withUnsafeBytes(of: value.bigEndian, Array.init)
        while bytes.count > 1, bytes[0] == 0 { bytes.removeFirst() }
        return bytes
    }

    /// Hexadecimal text of magnitude bytes.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = normalized(bytes).map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        return digits.isEmpty ? "00" : digits
    }
}
