import Foundation

/// A document's data key wrapped by a key-encryption key (KEK).
public struct WrappedDataKey: Hashable, Codable, Sendable {
    /// Which KEK wrapped it (the provider's identifier).
    public var keyID: String
    /// The wrapped key (RFC 3394 AES key wrap for ``SoftwareKeyFileProvider``).
    public var bytes: [UInt8]
    /// A wrapped key.
    public init(keyID: String, bytes: [UInt8]) {
        self.keyID = keyID
        self.bytes = bytes
    }
}

/// Wraps and unwraps per-document data keys with a key-encryption key the archive never sees.
///
/// ``SoftwareKeyFileProvider`` keeps the KEKs in files; an HSM provider (PKCS#11) implements the
/// same two methods. Rotation (``ArchiveService/rotateKeys(progress:)``) unwraps every data key
/// with the old KEK and wraps it with ``currentKeyID``; the encrypted documents are not touched.
public protocol KeyEncryptionKeyProvider: Sendable {
    /// The KEK new data keys are wrapped with.
    var currentKeyID: String { get async throws }
    /// `dataKey` (32 bytes) wrapped with the current KEK.
    func wrap(_ dataKey: [UInt8]) async throws -> WrappedDataKey
    /// The data key inside `wrapped`. - Throws: ``ArchiveError/Code/cryptographicFailure``.
    func unwrap(_ wrapped: WrappedDataKey) async throws -> [UInt8]
}
