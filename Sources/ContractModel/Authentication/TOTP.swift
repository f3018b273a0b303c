import Crypto
import Foundation

/// A time-based one-time password generator and checker (RFC 6238, built on HOTP, RFC 4226).
public struct TOTP: Sendable, Hashable {
    /// The HMAC algorithm.
    public enum Algorithm: String, Sendable, Hashable, Codable, CaseIterable {
        case sha1 = "SHA1", sha256 = "SHA256", sha512 = "SHA512"
    }

    /// The shared secret.
    public var secret: [UInt8]
    /// The HMAC algorithm (default SHA-1, what authenticator apps use).
    public var algorithm: Algorithm
    /// The number of digits (6–8; default 6).
    public var digits: Int
    /// The time step X in seconds (default 30).
    public var period: Int
    /// T0, the Unix time at which counting starts (default 0).
    public var epoch: Int64

    /// A TOTP; throws ``ContractError/Code/invalidArgument`` for an empty secret, 6–8 digits or a non-positive period.
    public init(secret: [UInt8], algorithm: Algorithm = .sha1, digits: Int = 6, period: Int = 30, epoch: Int64 = 0) throws {
        guard !secret.isEmpty else { throw ContractError(.invalidArgument, "a TOTP secret cannot be empty") }
        guard (6...8).contains(digits) else { throw ContractError(.invalidArgument, "TOTP codes have 6 to 8 digits") }
        guard period > 0 else { throw ContractError(.invalidArgument, "the TOTP period must be positive") }
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
        self.epoch = epoch
    }

    /// The time step T for `date` (RFC 6238 §4.2): floor((unixTime − T0) / X).
    public func timeStep(at date: Date) -> Int64 {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) - epoch
        return seconds >= 0 ? seconds / Int64(period) : (seconds - Int64(period) + 1) / Int64(period)
    }

    /// The code for time step `step` (HOTP with counter `step`, RFC 4226 §5.3).
    public func code(forStep step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Array($0) }
        let key = SymmetricKey(data: secret)
        let mac: [UInt8] = switch algorithm {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = UInt32(mac[offset] & 0x7F) << 24 | UInt32(mac[offset + 1]) << 16 | UInt32(mac[offset + 2]) << 8 | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(binary % modulus)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The code at `date`.
    public func code(at date: Date) -> String { code(forStep: timeStep(at: date)) }

    /// The time step whose code is `candidate`, within `window` steps either side of `date`, or `nil`.
    /// Every candidate step is compared in constant time.
    public func matchingStep(_ candidate: String, at date: Date, window: Int = 1) -> Int64? {
        let now = timeStep(at: date)
        var found: Int64?
        for delta in -Int64(window)...Int64(window) {
            if ConstantTime.equal(Array(code(forStep: now + delta).utf8), Array(candidate.utf8)), found == nil { found = now + delta }
        }
        return found
    }
}

/// Where the workflow finds a participant's TOTP secret (enrolment is the host's business;
/// secrets never enter the contract store).
public protocol TOTPSecretSource: Sendable {
    /// The participant's TOTP, or `nil` when not enrolled.
    func totp(for participant: Participant, contractID: ContractID) async throws -> TOTP?
}
