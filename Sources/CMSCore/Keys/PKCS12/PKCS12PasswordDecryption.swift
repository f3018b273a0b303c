import Crypto
import Foundation
import SwiftASN1
import _CryptoExtras

/// Password-based decryption of PKCS#12 bags and `EncryptedData` (PBES2, RFC 8018 §6.2),
/// and recognition of the legacy schemes, which are decrypted only through a registered
/// ``CMSAlgorithmExtension`` (``PKCS12LegacyDecryption``).
enum PKCS12PasswordDecryption {
    /// The command that converts a legacy file into one this library reads.
    static let conversionCommand = "openssl pkcs12 -legacy -in OLD.p12 -nodes | openssl pkcs12 -export -out NEW.p12"

    /// The error for a legacy scheme, naming it and how to convert the file.
    static func legacyError(_ name: String, protecting what: String) -> CMSError {
        CMSError(
            .legacyPKCS12Encryption,
            "PKCS#12: the \(what) is encrypted with \(name), a legacy algorithm that is not supported; "
                + "convert the file to AES (PBES2) with: \(conversionCommand)")
    }

    /// Decrypts `ciphertext` encrypted with `algorithm` under `password`.
    ///
    /// - Parameters:
    ///   - what: What is being decrypted, for error messages ("private key", "certificates").
    ///   - integrityVerified: Whether a MAC has already confirmed the password. A failed
    ///     decryption is then reported as damaged data rather than a wrong password.
    /// - Throws: ``CMSError/Code/legacyPKCS12Encryption`` for RC2/RC4/3DES/DES schemes no
    ///   registered extension decrypts,
    ///   ``CMSError/Code/unsupportedAlgorithm`` for other unknown schemes,
    ///   ``CMSError/Code/wrongPassword`` when decryption fails and no MAC was verified.
    static func decrypt(
        _ ciphertext: ArraySlice<UInt8>, algorithm: CMSAlgorithmIdentifier, password: String,
        what: String, integrityVerified: Bool, budget: inout PKCS12IterationBudget
    ) throws -> [UInt8] {
        if let legacy = PKCS12ObjectIdentifier.legacyEncryptionName(algorithm.algorithm) {
            if let plaintext = try PKCS12LegacyDecryption.decryptPKCS12Scheme(
                ciphertext, algorithm: algorithm, password: password, what: what, integrityVerified: integrityVerified, budget: &budget) {
                return plaintext
            }
            throw legacyError(legacy, protecting: what)
        }
        guard algorithm.algorithm == PKCS12ObjectIdentifier.PKCS5.pbes2 else {
            throw CMSError(.unsupportedAlgorithm, "PKCS#12: the \(what) is encrypted with unknown algorithm \(algorithm.algorithm)")
        }
        guard let parameterAny = algorithm.parameters else {
            throw CMSError(.malformedEncoding, "PKCS#12: PBES2 without parameters")
        }
        let parameters = try PBES2Parameters(berASN1Any: parameterAny)

        // Encryption scheme: AES-CBC with a 16-byte IV as parameters.
        let keyByteCount: Int
        switch parameters.encryptionScheme.algorithm {
        case PKCS12ObjectIdentifier.Cipher.aes128CBC: keyByteCount = 16
        case PKCS12ObjectIdentifier.Cipher.aes192CBC: keyByteCount = 24
        case PKCS12ObjectIdentifier.Cipher.aes256CBC: keyByteCount = 32
        case PKCS12ObjectIdentifier.Cipher.desEDE3CBC:
            if let plaintext = try PKCS12LegacyDecryption.decryptPBES2TripleDES(
                ciphertext, parameters: parameters, password: password, what: what, integrityVerified: integrityVerified, budget: &budget) {
                return plaintext
            }
            throw legacyError("PBES2 with des-ede3-cbc (3DES)", protecting: what)
        case PKCS12ObjectIdentifier.Cipher.desCBC:
            throw legacyError("PBES2 with des-cbc", protecting: what)
        case PKCS12ObjectIdentifier.Cipher.rc2CBC:
            throw legacyError("PBES2 with rc2-cbc", protecting: what)
        case let other:
            throw CMSError(.unsupportedAlgorithm, "PKCS#12: PBES2 cipher \(other) is not supported (use AES-CBC)")
        }
        guard let ivAny = parameters.encryptionScheme.parameters else {
            throw CMSError(.malformedEncoding, "PKCS#12: AES-CBC without an IV")
        }
        let ivBytes = try ASN1OctetString(berASN1Any: ivAny).bytes
        let iv: AES._CBC.IV
        do {
            iv = try AES._CBC.IV(ivBytes: ivBytes)
        } catch {
            throw CMSError(.malformedEncoding, "PKCS#12: AES-CBC IV of \(ivBytes.count) bytes is not 16 bytes")
        }

        // Key derivation: PBKDF2 with the password as UTF-8.
        let key = try pbkdf2Key(
            parameters.keyDerivationFunc, password: Array(password.utf8), expectedKeyLength: keyByteCount, context: "PBES2",
            budget: &budget)

        let plaintext: Data
        do {
            plaintext = try AES._CBC.decrypt(Array(ciphertext), using: key, iv: iv)
        } catch {
            throw decryptionFailure(what: what, integrityVerified: integrityVerified)
        }
        return Array(plaintext)
    }

    /// The error for a decryption whose result is unusable.
    static func decryptionFailure(what: String, integrityVerified: Bool) -> CMSError {
        integrityVerified
            ? CMSError(.malformedEncoding, "PKCS#12: the \(what) cannot be decrypted although the MAC verified; the file is damaged")
            : CMSError(.wrongPassword, "PKCS#12: the \(what) cannot be decrypted; the password is wrong")
    }

    /// Derives a key with the PBKDF2 algorithm identifier `kdf`.
    ///
    /// - Parameter expectedKeyLength: The length the consumer needs; `nil` requires the
    ///   parameters to carry `keyLength` (PBMAC1, RFC 9579 §3).
    static func pbkdf2Key(
        _ kdf: CMSAlgorithmIdentifier, password: [UInt8], expectedKeyLength: Int?, context: String,
        budget: inout PKCS12IterationBudget
    ) throws -> SymmetricKey {
        guard kdf.algorithm == PKCS12ObjectIdentifier.PKCS5.pbkdf2 else {
            throw CMSError(.unsupportedAlgorithm, "PKCS#12: \(context) key derivation \(kdf.algorithm) is not supported (use PBKDF2)")
        }
        guard let parameterAny = kdf.parameters else {
            throw CMSError(.malformedEncoding, "PKCS#12: PBKDF2 without parameters")
        }
        let parameters = try PBKDF2Parameters(berASN1Any: parameterAny)
        try budget.spend(parameters.iterationCount, "PBKDF2")
        try PKCS12Limits.checkSalt(parameters.salt, "PBKDF2")
        let length: Int
        switch (parameters.keyLength, expectedKeyLength) {
        case (let declared?, let expected?):
            guard declared == expected else {
                throw CMSError(.malformedEncoding, "PKCS#12: PBKDF2 key length \(declared) does not fit the cipher's \(expected) bytes")
            }
            length = declared
        case (nil, let expected?):
            length = expected
        case (let declared?, nil):
            guard (1...1024).contains(declared) else {
                throw CMSError(.malformedEncoding, "PKCS#12: PBKDF2 key length \(declared) is out of range")
            }
            length = declared
        case (nil, nil):
            throw CMSError(.malformedEncoding, "PKCS#12: \(context) requires a PBKDF2 keyLength")
        }
        let prf = try PKCS12HashAlgorithm(hmacAlgorithm: parameters.prf.algorithm)
        return try prf.pbkdf2(password: password, salt: parameters.salt, iterations: parameters.iterationCount, byteCount: length)
    }
}
