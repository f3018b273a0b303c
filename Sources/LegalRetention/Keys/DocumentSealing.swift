import Crypto
import Foundation

/// Per-document encryption: AES-256-GCM under a fresh data key, the additional authenticated
/// data binding the record id and the content version, so a blob moved to another record (or
/// replayed as another version) fails to open.
///
/// Blob layout: `ECA1` ‖ 12-byte nonce ‖ ciphertext ‖ 16-byte tag.
enum DocumentSealing {
    static let magic: [UInt8] = Array("ECA1".utf8)

    static func aad(_ id: ArchiveRecordID, contentVersion: Int) -> [UInt8] {
        Array("econtract-archive/v1|\(id.rawValue)|\(contentVersion)".utf8)
    }

    static func seal(_ plaintext: [UInt8], key: [UInt8], id: ArchiveRecordID, contentVersion: Int) throws -> [UInt8] {
        do {
            let box = try AES.GCM.seal(plaintext, using: SymmetricKey(data: key), nonce: AES.GCM.Nonce(),
                                       authenticating: aad(id, contentVersion: contentVersion))
            return magic + Array(box.nonce) + Array(box.ciphertext) + Array(box.tag)
        } catch {
            throw ArchiveError(.cryptographicFailure, "cannot encrypt the document of \(id)")
        }
    }

    static func open(_ blob: [UInt8], key: [UInt8], id: ArchiveRecordID, contentVersion: Int) throws -> [UInt8] {
        guard blob.count >= 4 + 12 + 16, Array(blob.prefix(4)) == magic else {
            throw ArchiveError(.integrityFailure, "the blob of \(id) is not an archive envelope")
        }
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: blob[4..<16]), ciphertext: blob[16..<(blob.count - 16)],
                                            tag: blob[(blob.count - 16)...])
            return Array(try AES.GCM.open(box, using: SymmetricKey(data: key), authenticating: aad(id, contentVersion: contentVersion)))
        } catch {
            throw ArchiveError(.integrityFailure, "the document of \(id) does not decrypt (wrong record, key or tampered blob)")
        }
    }

    static func newDataKey() -> [UInt8] { SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) } }
}

enum HexDigest {
    static func sha256<D: DataProtocol>(_ bytes: D) -> String {
        encode(SHA256.hash(data: bytes))
    }

    static func encode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Lower-case hex SHA-256, as blob keys and document hashes are written.
public enum SHA256Hex {
    /// The hex SHA-256 of `bytes`.
    public static func of(_ bytes: [UInt8]) -> String { HexDigest.sha256(bytes) }
}
