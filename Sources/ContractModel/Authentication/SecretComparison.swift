import Crypto

/// Salted hashes of short secrets (OTP codes, access codes) and constant-time comparison.
public struct SecretHash: Hashable, Codable, Sendable {
    /// A random salt (16 bytes).
    public var salt: [UInt8]
    /// HMAC-SHA256(salt, secret).
    public var mac: [UInt8]

    /// Hashes `secret` with a fresh salt from `random`.
    init(secret: String, random: any RandomSource) {
        salt = random.bytes(16)
        mac = Self.mac(secret, salt: salt)
    }

    /// Whether `candidate` is the secret, compared in constant time.
    func matches(_ candidate: String) -> Bool {
        ConstantTime.equal(Self.mac(candidate, salt: salt), mac)
    }

    private static func mac(_ secret: String, salt: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(secret.utf8), using: SymmetricKey(data: salt)))
    }
}

/// Comparison whose time does not depend on where the inputs differ.
public enum ConstantTime {
    /// Whether `a` and `b` are equal; runs in time depending only on their lengths.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
