import Crypto
import SwiftASN1

/// Verification of the password integrity `MacData` of a PFX (RFC 7292 §5.1 and
/// Appendix B; PBMAC1 per RFC 9579).
enum PKCS12MacVerification {
    /// Checks the MAC over `authSafeContent` (the octets of the id-data `authSafe`).
    ///
    /// - Throws: ``CMSError/Code/wrongPassword`` when the MAC does not verify,
    ///   ``CMSError/Code/unsupportedAlgorithm`` for an unknown MAC algorithm,
    ///   ``CMSError/Code/limitExceeded`` for an excessive iteration count or salt.
    static func verify(
        _ macData: PKCS12MacData, authSafeContent: ArraySlice<UInt8>, password: String, budget: inout PKCS12IterationBudget
    ) throws {
        let algorithm = macData.mac.digestAlgorithm
        if algorithm.algorithm == PKCS12ObjectIdentifier.PKCS5.pbmac1 {
            try verifyPBMAC1(macData, authSafeContent: authSafeContent, password: password, budget: &budget)
            return
        }
        let hash = try PKCS12HashAlgorithm(digestAlgorithm: algorithm.algorithm)
        try PKCS12Limits.checkSalt(macData.macSalt, "MAC")
        guard macData.mac.digest.count == hash.outputByteCount else {
            throw CMSError(.malformedEncoding, "PKCS#12: a \(hash) MAC has \(hash.outputByteCount) bytes, not \(macData.mac.digest.count)")
        }
        // The empty password is ambiguous: RFC 7292 encodes it as two zero bytes, some
        // producers as no bytes at all. Accept either.
        var candidates = [PKCS12KeyDerivation.bmpPassword(password)]
        if password.isEmpty { candidates.append([]) }
        for candidate in candidates {
            try budget.spend(macData.iterations, "MAC")
            let key = try hash.pkcs12Derive(
                purpose: .macKey, password: candidate, salt: macData.macSalt,
                iterations: macData.iterations, byteCount: hash.outputByteCount)
            if try hash.hmacIsValid(macData.mac.digest, message: authSafeContent, key: SymmetricKey(data: key)) {
                return
            }
        }
        throw CMSError(.wrongPassword, "PKCS#12: the integrity check (HMAC-\(hash)) failed; the password is wrong or the file is damaged")
    }

    private static func verifyPBMAC1(
        _ macData: PKCS12MacData, authSafeContent: ArraySlice<UInt8>, password: String, budget: inout PKCS12IterationBudget
    ) throws {
        guard let parameterAny = macData.mac.digestAlgorithm.parameters else {
            throw CMSError(.malformedEncoding, "PKCS#12: PBMAC1 without parameters")
        }
        let parameters = try PBMAC1Parameters(berASN1Any: parameterAny)
        let hash = try PKCS12HashAlgorithm(hmacAlgorithm: parameters.messageAuthScheme.algorithm)
        let key = try PKCS12PasswordDecryption.pbkdf2Key(
            parameters.keyDerivationFunc, password: Array(password.utf8), expectedKeyLength: nil, context: "PBMAC1", budget: &budget)
        guard try hash.hmacIsValid(macData.mac.digest, message: authSafeContent, key: key) else {
            throw CMSError(.wrongPassword, "PKCS#12: the integrity check (PBMAC1 HMAC-\(hash)) failed; the password is wrong or the file is damaged")
        }
    }
}
