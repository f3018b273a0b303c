import Crypto
import Foundation

/// KEKs in files: a folder of `<id>.kek` files (32 random bytes each, mode 0600) and a
/// `current` file naming the one new data keys are wrapped with. Data keys are wrapped with
/// AES key wrap (RFC 3394).
///
/// The default for an embedded archive. Keep the folder away from the archive's backups (or on
/// another volume), or anyone holding both can read the documents; use an HSM provider where
/// the law or the auditor asks for key custody.
public struct SoftwareKeyFileProvider: KeyEncryptionKeyProvider {
    /// The folder.
    public let directory: URL

    /// Opens the folder, creating it and a first KEK when it holds none.
    /// - Throws: ``ArchiveError/Code/storageFailure`` when the folder cannot be read or written.
    public init(directory: URL) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if !FileManager.default.fileExists(atPath: currentFile.path) { _ = try addKey() }
        } catch let error as ArchiveError { throw error } catch {
            throw ArchiveError(.storageFailure, "cannot prepare the key folder \(directory.path): \(error)")
        }
    }

    var currentFile: URL { directory.appendingPathComponent("current") }

    /// Creates a new KEK, makes it current and returns its id (the old ones stay, to unwrap).
    @discardableResult
    public func addKey() throws -> String {
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        let id = "kek-" + HexDigest.encode(SHA256.hash(data: bytes).prefix(8))
        let file = directory.appendingPathComponent("\(id).kek")
        do {
            try Data(bytes).write(to: file, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
            try Data(id.utf8).write(to: currentFile, options: .atomic)
        } catch {
            throw ArchiveError(.storageFailure, "cannot write a key file in \(directory.path): \(error)")
        }
        return id
    }

    /// The current KEK's id.
    public var currentKeyID: String {
        get throws {
            guard let data = try? Data(contentsOf: currentFile), let id = String(data: data, encoding: .utf8), !id.isEmpty else {
                throw ArchiveError(.cryptographicFailure, "the key folder \(directory.path) names no current key")
            }
            return id.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    func key(_ id: String) throws -> SymmetricKey {
        guard id.hasPrefix("kek-"), id.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == "-" || $0 == "k" || $0 == "e") }),
              let data = try? Data(contentsOf: directory.appendingPathComponent("\(id).kek")), data.count == 32 else {
            throw ArchiveError(.cryptographicFailure, "key-encryption key \(id) is not in \(directory.path)")
        }
        return SymmetricKey(data: data)
    }

    /// Wraps with the current KEK.
    public func wrap(_ dataKey: [UInt8]) throws -> WrappedDataKey {
        let id = try currentKeyID
        do {
            let wrapped = try AES.KeyWrap.wrap(SymmetricKey(data: dataKey), using: key(id))
            return WrappedDataKey(keyID: id, bytes: Array(wrapped))
        } catch let error as ArchiveError { throw error } catch {
            throw ArchiveError(.cryptographicFailure, "cannot wrap a data key with \(id)")
        }
    }

    /// Unwraps with the KEK named in `wrapped`.
    public func unwrap(_ wrapped: WrappedDataKey) throws -> [UInt8] {
        let kek = try key(wrapped.keyID)
        do {
            return try AES.KeyWrap.unwrap(wrapped.bytes, using: kek).withUnsafeBytes { Array($0) }
        } catch {
            throw ArchiveError(.cryptographicFailure, "the data key does not unwrap with \(wrapped.keyID)")
        }
    }
}
