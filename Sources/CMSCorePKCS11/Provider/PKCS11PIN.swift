import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A user PIN, held in memory this object owns and zeroes.
///
/// The provider asks its PIN source for a fresh ``PKCS11PIN`` each time it logs in, and wipes
/// it right after `C_Login`, so a PIN lives only for the duration of one login. Copies the
/// caller made before (a `String` read from a file, say) are the caller's to clear.
public final class PKCS11PIN: @unchecked Sendable {
    // @unchecked: the buffer is written only at init and by wipe(), which the provider calls
    // once it no longer reads the PIN; the lock orders the two.
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var count: Int
    private let lock = NSLock()

    /// A PIN from its bytes (PKCS#11 PINs are UTF-8 text in practice).
    public init(bytes: some Collection<UInt8>) {
        buffer = .allocate(capacity: max(bytes.count, 1))
        count = bytes.count
        _ = buffer.initialize(from: bytes)
    }

    /// A PIN from text (its UTF-8 bytes).
    public convenience init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// The first line of a file, read into zeroed-after-use memory (the file's bytes are
    /// wiped from the intermediate buffer too).
    public static func firstLine(ofFile path: String) throws -> PKCS11PIN {
        guard var data = FileManager.default.contents(atPath: path) else {
            throw PKCS11Error(.pinUnavailable, "cannot read the PIN file \(path)")
        }
        defer { data.withUnsafeMutableBytes { Self.zero($0) } }
        var end = data.firstIndex(of: 0x0A) ?? data.endIndex
        if end > data.startIndex, data[end - 1] == 0x0D { end -= 1 }
        return PKCS11PIN(bytes: data[data.startIndex..<end])
    }

    /// Whether the PIN has been wiped.
    public var isWiped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return count == 0
    }

    /// Overwrites the PIN with zeros; it is then empty.
    public func wipe() {
        lock.lock()
        defer { lock.unlock() }
        Self.zero(UnsafeMutableRawBufferPointer(buffer))
        count = 0
    }

    /// Calls `body` with the PIN's bytes (valid only during the call).
    func withBytes<R>(_ body: (UnsafeMutableBufferPointer<UInt8>) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
    }

    deinit {
        wipe()
        buffer.deallocate()
    }

    /// Zeroes memory in a way the optimiser does not remove.
    private static func zero(_ bytes: UnsafeMutableRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        #if canImport(Darwin)
        _ = memset_s(base, bytes.count, 0, bytes.count)
        #else
        explicit_bzero(base, bytes.count)
        #endif
    }
}

/// Why the provider asks for the PIN.
public struct PKCS11PINRequest: Sendable, Hashable {
    /// The token's label.
    public let tokenLabel: String
    /// The token's serial number.
    public let tokenSerialNumber: String
    /// Whether this is a login after the token logged the session out or was reinserted.
    public let isRelogin: Bool
}

/// Supplies the user PIN each time the provider logs in. Return a new ``PKCS11PIN``; the
/// provider wipes it after `C_Login`.
public typealias PKCS11PINSource = @Sendable (PKCS11PINRequest) async throws -> PKCS11PIN
