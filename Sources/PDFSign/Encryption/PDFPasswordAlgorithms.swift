import Crypto
import _CryptoExtras
import Foundation

/// The standard security handler's password algorithms (ISO 32000-2 §7.6.4.3–7.6.4.4).
enum PDFPasswordAlgorithms {
    /// The 32-byte padding string of §7.6.4.3.2 step a.
    static let padding: [UInt8] = [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ]

    /// Parameters of a revision 2–4 handler that the algorithms hash.
    struct LegacyParameters {
        var revision: Int
        /// The file key length in bytes (5 for revision 2).
        var keyLength: Int
        var owner: [UInt8]
        var user: [UInt8]
        var permissions: Int32
        var firstID: [UInt8]
        var encryptMetadata: Bool
    }

    /// A legacy password as bytes: PDFDocEncoding for revisions 2–4; we take Latin-1 where the
    /// text fits and UTF-8 bytes otherwise, truncated to 32 bytes and padded (step a).
    static func padded(_ password: [UInt8]) -> [UInt8] {
        let prefix = Array(password.prefix(32))
        return prefix + padding.prefix(32 - prefix.count)
    }

    static func legacyBytes(_ password: String) -> [UInt8] {
        if let latin1 = password.data(using: .isoLatin1) { return Array(latin1) }
        return Array(password.utf8)
    }

    static func md5(_ bytes: [UInt8]) -> [UInt8] { Array(Insecure.MD5.hash(data: bytes)) }

    /// Algorithm 2: the file key from a user password (revisions 2–4).
    static func fileKey(userPassword: [UInt8], _ p: LegacyParameters) -> [UInt8] {
        var input = padded(userPassword) + p.owner.prefix(32)
        withUnsafeBytes(of: UInt32(bitPattern: p.permissions).littleEndian) { input += $0 }
        input += p.firstID
        if p.revision >= 4, !p.encryptMetadata { input += [0xFF, 0xFF, 0xFF, 0xFF] }
        var hash = md5(input)
        if p.revision >= 3 {
            for _ in 0..<50 { hash = md5(Array(hash.prefix(p.keyLength))) }
        }
        return Array(hash.prefix(p.keyLength))
    }

    /// Algorithms 4 and 5: the /U value a file key produces (revision 3+: 16 meaningful bytes).
    static func userValue(fileKey: [UInt8], _ p: LegacyParameters) -> [UInt8] {
        guard p.revision >= 3 else { return LegacyPDFCipher.RC4.process(padding, key: fileKey) }
        var value = LegacyPDFCipher.RC4.process(md5(padding + p.firstID), key: fileKey)
        for round in 1...19 { value = LegacyPDFCipher.RC4.process(value, key: fileKey.map { $0 ^ UInt8(round) }) }
        return value
    }

    /// Algorithm 6: the file key when `password` is the user password, else nil.
    static func authenticateUser(_ password: [UInt8], _ p: LegacyParameters) -> [UInt8]? {
        let key = fileKey(userPassword: password, p)
        let expected = userValue(fileKey: key, p)
        let compared = p.revision >= 3 ? 16 : 32
        guard p.user.count >= compared, constantTimeEqual(Array(p.user.prefix(compared)), Array(expected.prefix(compared))) else {
            return nil
        }
        return key
    }

    /// Algorithm 3 steps a–d: the RC4 key derived from the owner password.
    static func ownerKey(_ ownerPassword: [UInt8], _ p: LegacyParameters) -> [UInt8] {
        var hash = md5(padded(ownerPassword))
        if p.revision >= 3 { for _ in 0..<50 { hash = md5(hash) } }
        return Array(hash.prefix(p.revision >= 3 ? p.keyLength : 5))
    }

    /// Algorithm 7: the file key when `password` is the owner password, else nil.
    static func authenticateOwner(_ password: [UInt8], _ p: LegacyParameters) -> [UInt8]? {
        let key = ownerKey(password, p)
        var user = Array(p.owner.prefix(32))
        if p.revision >= 3 {
            for round in stride(from: 19, through: 0, by: -1) {
                user = LegacyPDFCipher.RC4.process(user, key: key.map { $0 ^ UInt8(round) })
            }
        } else {
            user = LegacyPDFCipher.RC4.process(user, key: key)
        }
        return authenticateUser(user, p)
    }

    // MARK: - Revisions 5 and 6

    /// Algorithm 2.B (revision 6), or plain SHA-256 (revision 5), of `password`, `salt` and
    /// `userKey` (the 48 bytes of /U for owner operations, else empty).
    static func hash(_ password: [UInt8], salt: [UInt8], userKey: [UInt8], revision: Int) throws -> [UInt8] {
        var k = Array(SHA256.hash(data: password + salt + userKey))
        guard revision >= 6 else { return k }
        var round = 0
        while true {
            var k1: [UInt8] = []
            let block = password + k + userKey
            k1.reserveCapacity(block.count * 64)
            for _ in 0..<64 { k1 += block }
            let e = try aesCBC(encrypt: true, k1, key: Array(k[0..<16]), iv: Array(k[16..<32]))
            let selector = e.prefix(16).reduce(0) { ($0 + Int($1)) % 3 }
            switch selector {
            case 0: k = Array(SHA256.hash(data: e))
            case 1: k = Array(SHA384.hash(data: e))
            default: k = Array(SHA512.hash(data: e))
            }
            round += 1
            if round >= 64, let last = e.last, Int(last) <= round - 32 { break }
        }
        return Array(k.prefix(32))
    }

    /// AES-CBC without padding (the key-derivation uses of AES in §7.6.4.3.3 and 7.6.4.4).
    static func aesCBC(encrypt: Bool, _ data: [UInt8], key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
        let symmetric = SymmetricKey(data: key)
        let vector = try AES._CBC.IV(ivBytes: iv)
        if encrypt { return Array(try AES._CBC.encrypt(data, using: symmetric, iv: vector, noPadding: true)) }
        return Array(try AES._CBC.decrypt(data, using: symmetric, iv: vector, noPadding: true))
    }

    /// Algorithms 2.A, 11 and 12: the file key when `password` (already SASLprep'd UTF-8,
    /// at most 127 bytes) is the owner or user password of a revision 5/6 handler.
    static func authenticateModern(_ password: [UInt8], revision: Int, owner: [UInt8], user: [UInt8],
                                   ownerEncrypted: [UInt8], userEncrypted: [UInt8]) throws -> (key: [UInt8], owner: Bool)? {
        guard owner.count >= 48, user.count >= 48, ownerEncrypted.count >= 32, userEncrypted.count >= 32 else {
            throw PDFError(.malformedSyntax, "/O, /U, /OE or /UE of a revision \(revision) handler is too short")
        }
        let userKey = Array(user.prefix(48))
        let zero = [UInt8](repeating: 0, count: 16)
        if constantTimeEqual(try hash(password, salt: Array(owner[32..<40]), userKey: userKey, revision: revision), Array(owner[0..<32])) {
            let intermediate = try hash(password, salt: Array(owner[40..<48]), userKey: userKey, revision: revision)
            return (try aesCBC(encrypt: false, Array(ownerEncrypted.prefix(32)), key: intermediate, iv: zero), true)
        }
        if constantTimeEqual(try hash(password, salt: Array(user[32..<40]), userKey: [], revision: revision), Array(user[0..<32])) {
            let intermediate = try hash(password, salt: Array(user[40..<48]), userKey: [], revision: revision)
            return (try aesCBC(encrypt: false, Array(userEncrypted.prefix(32)), key: intermediate, iv: zero), false)
        }
        return nil
    }

    /// Compares without an early exit.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
