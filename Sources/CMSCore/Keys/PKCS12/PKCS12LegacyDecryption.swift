import Crypto
import SwiftASN1

/// The legacy password-based encryption of PKCS#12 files that a registered
/// ``CMSAlgorithmExtension`` decrypts: the PKCS#12 v1 schemes with 3DES and RC2 (RFC 7292
/// Appendix C, keys and IVs derived with the PKCS#12 KDF and SHA-1) and PBES2 with
/// DES-EDE3-CBC (RFC 8018 §6.2, PBKDF2). Key derivation stays in CMSCore; the extension
/// only runs the block cipher.
enum PKCS12LegacyDecryption {
    /// The PKCS#12 v1 schemes (`pkcs-12PbeIds`) with the cipher each names.
    static let pkcs12Schemes: [ASN1ObjectIdentifier: LegacyBlockCipher] = [
        [1, 2, 840, 113549, 1, 12, 1, 3]: .desEDE3CBC,
        [1, 2, 840, 113549, 1, 12, 1, 5]: .rc2CBC(keyBytes: 16, effectiveKeyBits: 128),
        [1, 2, 840, 113549, 1, 12, 1, 6]: .rc2CBC(keyBytes: 5, effectiveKeyBits: 40),
    ]

    /// The plaintext under a PKCS#12 v1 scheme, or `nil` when no registered extension decrypts its cipher.
    ///
    /// ```
    /// pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
    /// ```
    static func decryptPKCS12Scheme(
        _ ciphertext: ArraySlice<UInt8>, algorithm: CMSAlgorithmIdentifier, password: String,
        what: String, integrityVerified: Bool, budget: inout PKCS12IterationBudget
    ) throws -> [UInt8]? {
        guard let cipher = pkcs12Schemes[algorithm.algorithm], let provider = CMSAlgorithmExtensions.provider(of: cipher) else {
            return nil
        }
        guard let parameters = algorithm.parameters else {
            throw CMSError(.malformedEncoding, "PKCS#12: \(cipher) PBE without parameters")
        }
        let (salt, iterations) = try BER.sequence(try BER.parse(parameters.serializedBytes), identifier: .sequence) { nodes in
            (try ASN1OctetString(berEncoded: &nodes).bytes, try Int(berEncoded: &nodes))
        }
        try budget.spend(iterations, "PKCS#12 PBE")
        try PKCS12Limits.checkSalt(salt, "PKCS#12 PBE")
        let encodedPassword = PKCS12KeyDerivation.bmpPassword(password)
        let keyBytes = if case .rc2CBC(let count, _) = cipher { count } else { 24 }
        let key = PKCS12KeyDerivation.derive(Insecure.SHA1.self, purpose: .encryptionKey, password: encodedPassword,
                                             salt: salt, iterations: iterations, byteCount: keyBytes)
        let iv = PKCS12KeyDerivation.derive(Insecure.SHA1.self, purpose: .initializationVector, password: encodedPassword,
                                            salt: salt, iterations: iterations, byteCount: 8)
        do {
            return try provider.decrypt(Array(ciphertext), cipher: cipher, key: key, iv: iv)
        } catch {
            throw PKCS12PasswordDecryption.decryptionFailure(what: what, integrityVerified: integrityVerified)
        }
    }

    /// The plaintext under PBES2 with DES-EDE3-CBC, or `nil` when no registered extension decrypts 3DES.
    static func decryptPBES2TripleDES(
        _ ciphertext: ArraySlice<UInt8>, parameters: PBES2Parameters, password: String,
        what: String, integrityVerified: Bool, budget: inout PKCS12IterationBudget
    ) throws -> [UInt8]? {
        guard let provider = CMSAlgorithmExtensions.provider(of: .desEDE3CBC) else { return nil }
        guard let ivAny = parameters.encryptionScheme.parameters,
              let iv = try? ASN1OctetString(berASN1Any: ivAny).bytes, iv.count == 8
        else {
            throw CMSError(.malformedEncoding, "PKCS#12: DES-EDE3-CBC needs an 8-byte IV")
        }
        let key = try PKCS12PasswordDecryption.pbkdf2Key(
            parameters.keyDerivationFunc, password: Array(password.utf8), expectedKeyLength: 24, context: "PBES2", budget: &budget)
        do {
            return try provider.decrypt(Array(ciphertext), cipher: .desEDE3CBC, key: key.withUnsafeBytes { Array($0) }, iv: Array(iv))
        } catch {
            throw PKCS12PasswordDecryption.decryptionFailure(what: what, integrityVerified: integrityVerified)
        }
    }
}
