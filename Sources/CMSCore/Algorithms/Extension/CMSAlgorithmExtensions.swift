import Foundation

/// The registry of ``CMSAlgorithmExtension``s CMSCore consults for algorithms it cannot compute.
///
/// Empty by default: without a registration CMSCore refuses those algorithms exactly as it
/// always has (`unsupportedAlgorithm`, `legacyPKCS12Encryption`). Register once at start-up
/// (cheap: an extension does no work until an algorithm is used):
///
/// ```swift
/// import CMSCoreOpenSSL
/// CMSAlgorithmExtensions.register(OpenSSLAlgorithmExtension())
/// ```
///
/// `withExtension(_:operation:)` scopes an extension to one task tree instead (tests,
/// or a server that enables it per request); a scoped extension is consulted before the
/// registered ones.
public enum CMSAlgorithmExtensions {
    /// Registers `extension` for the whole process. Registering an extension of the same type
    /// again replaces the earlier one.
    public static func register(_ extension: some CMSAlgorithmExtension) {
        storage.withLock { list in
            list.removeAll { ObjectIdentifier(type(of: $0)) == ObjectIdentifier(type(of: `extension`)) }
            list.append(`extension`)
        }
    }

    /// Removes every process-wide registration.
    public static func removeAll() {
        storage.withLock { $0.removeAll() }
    }

    /// Runs `operation` with `extension` consulted first, in this task and its child tasks.
    public static func withExtension<R>(_ extension: any CMSAlgorithmExtension, operation: () throws -> R) rethrows -> R {
        try $scoped.withValue(`extension`, operation: operation)
    }

    /// Runs the asynchronous `operation` with `extension` consulted first, in this task and its child tasks.
    public static func withExtension<R>(
        _ extension: any CMSAlgorithmExtension, isolation: isolated (any Actor)? = #isolation,
        operation: () async throws -> R
    ) async rethrows -> R {
        try await $scoped.withValue(`extension`, operation: operation, isolation: isolation)
    }

    /// The extensions in force: the scoped one, then the registered ones in order.
    package static var active: [any CMSAlgorithmExtension] {
        let registered = storage.withLock { $0 }
        guard let scoped else { return registered }
        return [scoped] + registered
    }

    /// The first active extension that computes `digest`.
    package static func provider(of digest: DigestAlgorithm) -> (any CMSAlgorithmExtension)? {
        active.first { $0.digestAlgorithms.contains(digest) }
    }

    /// Whether an active extension verifies `scheme`.
    package static func supports(_ scheme: SignatureAlgorithm.Scheme) -> Bool {
        active.contains { $0.signatureSchemes.contains(scheme) }
    }

    /// The first active extension that decrypts `cipher`.
    package static func provider(of cipher: LegacyBlockCipher) -> (any CMSAlgorithmExtension)? {
        active.first { $0.legacyCiphers.contains(cipher) }
    }

    /// The key of the first active extension that reads `spki`; `nil` when none does.
    package static func verificationKey(subjectPublicKeyInfo spki: ArraySlice<UInt8>) throws -> (any CMSExtensionVerificationKey)? {
        for candidate in active {
            if let key = try candidate.verificationKey(subjectPublicKeyInfo: Array(spki)) { return key }
        }
        return nil
    }

    @TaskLocal private static var scoped: (any CMSAlgorithmExtension)?
    private static let storage = LockedList()
}

/// The process-wide list behind a lock.
///
/// `@unchecked Sendable`: `list` is only read or written while `lock` is held.
private final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [any CMSAlgorithmExtension] = []

    func withLock<R>(_ body: (inout [any CMSAlgorithmExtension]) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&list)
    }
}
