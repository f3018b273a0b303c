/// Where tokens, OTP codes and salts get their randomness.
///
/// The default, ``SystemRandomSource``, uses the system's cryptographically secure generator
/// (`SystemRandomNumberGenerator`: `getrandom(2)` on Linux, `arc4random` on Apple platforms).
public protocol RandomSource: Sendable {
    /// `count` random bytes.
    func bytes(_ count: Int) -> [UInt8]
}

/// The system's cryptographically secure random number generator.
public struct SystemRandomSource: RandomSource {
    /// The system source.
    public init() {}
    /// `count` bytes from `SystemRandomNumberGenerator`.
    public func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

extension RandomSource {
    /// A uniformly distributed decimal code of `digits` digits (rejection sampling, no modulo bias).
    func decimalCode(digits: Int) -> String {
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let limit = UInt32.max - UInt32.max % modulus
        while true {
            let b = bytes(4)
            let value = UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
            guard value < limit else { continue }
            let text = String(value % modulus)
            return String(repeating: "0", count: digits - text.count) + text
        }
    }
}
