/// The main status of a validation, as in ETSI EN 319 102-1 §5.1.3.
public enum ValidationIndication: String, Sendable, Hashable, Codable {
    /// Every check passed.
    case totalPassed = "TOTAL-PASSED"
    /// A check failed in a way that more data cannot repair (the signature is broken).
    case totalFailed = "TOTAL-FAILED"
    /// The checks could not decide (missing chain, missing revocation data, expired certificate…).
    case indeterminate = "INDETERMINATE"
}

/// The reason behind a failed or indeterminate result (ETSI EN 319 102-1 Table 5 and 6).
///
/// A struct with static members rather than an enum, so new sub-indications can be added
/// without breaking callers.
public struct ValidationSubIndication: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    // TOTAL-FAILED
    /// The signature is not in a format that can be processed.
    public static let formatFailure = Self(rawValue: "FORMAT_FAILURE")
    /// The signed content's digest does not match the message-digest attribute.
    public static let hashFailure = Self(rawValue: "HASH_FAILURE")
    /// The signature value does not verify with the signer's public key.
    public static let sigCryptoFailure = Self(rawValue: "SIG_CRYPTO_FAILURE")
    /// The signer's certificate was revoked before the signature is proven to exist.
    public static let revoked = Self(rawValue: "REVOKED")

    // INDETERMINATE
    /// The signing certificate could not be found or identified.
    public static let noSigningCertificateFound = Self(rawValue: "NO_SIGNING_CERTIFICATE_FOUND")
    /// No chain to a trust anchor could be built.
    public static let noCertificateChainFound = Self(rawValue: "NO_CERTIFICATE_CHAIN_FOUND")
    /// The chain was built but fails a constraint (key usage, basic constraints, name constraints…).
    public static let chainConstraintsFailure = Self(rawValue: "CHAIN_CONSTRAINTS_FAILURE")
    /// The signature's own constraints are not met (for example a missing signing-certificate attribute).
    public static let sigConstraintsFailure = Self(rawValue: "SIG_CONSTRAINTS_FAILURE")
    /// A certificate is outside its validity period at the validation time and no proof of existence helps.
    public static let outOfBoundsNoPOE = Self(rawValue: "OUT_OF_BOUNDS_NO_POE")
    /// The validation time is before the signer certificate's notBefore.
    public static let notYetValid = Self(rawValue: "NOT_YET_VALID")
    /// The signer certificate is revoked and no proof shows the signature existed before.
    public static let revokedNoPOE = Self(rawValue: "REVOKED_NO_POE")
    /// A CA certificate in the chain is revoked and no proof shows the signature existed before.
    public static let revokedCANoPOE = Self(rawValue: "REVOKED_CA_NO_POE")
    /// An algorithm or key size is below the policy and no proof of existence predates its sunset.
    public static let cryptoConstraintsFailureNoPOE = Self(rawValue: "CRYPTO_CONSTRAINTS_FAILURE_NO_POE")
    /// An algorithm is not among those the validation can accept, with no date from which a
    /// proof of existence would help: here, an algorithm this library cannot compute (SHA-3,
    /// brainpool, Ed448, DSA…), so the signature cannot be checked.
    public static let cryptoConstraintsFailure = Self(rawValue: "CRYPTO_CONSTRAINTS_FAILURE")
    /// Revocation status could not be determined now; trying later with fresh data may succeed.
    public static let tryLater = Self(rawValue: "TRY_LATER")
    /// The chain could not be validated for another reason.
    public static let certificateChainGeneralFailure = Self(rawValue: "CERTIFICATE_CHAIN_GENERAL_FAILURE")
    /// The signed data was not supplied.
    public static let signedDataNotFound = Self(rawValue: "SIGNED_DATA_NOT_FOUND")
}

/// One check made during validation, for the report.
public struct ValidationCheck: Sendable, Hashable, Codable {
    /// The check's outcome.
    public enum Outcome: String, Sendable, Hashable, Codable {
        case passed, failed, skipped, warning
    }

    /// A stable identifier (``Name/messageDigest``, ``Name/signatureValue``, ``Name/chain``, …),
    /// encoded as its raw string.
    public var name: Name
    public var outcome: Outcome
    /// What was found, readable.
    public var detail: String

    public init(name: Name, outcome: Outcome, detail: String) {
        self.name = name
        self.outcome = outcome
        self.detail = detail
    }
}
