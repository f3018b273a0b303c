import CPKCS11

/// A signing mechanism with its parameters, as passed to `C_SignInit`.
struct PKCS11SignMechanism: Sendable, Equatable {
    var type: CK_MECHANISM_TYPE
    /// `CK_RSA_PKCS_PSS_PARAMS` for `CKM_RSA_PKCS_PSS`.
    var pss: (hash: CK_MECHANISM_TYPE, mgf: CK_RSA_PKCS_MGF_TYPE, saltLength: CK_ULONG)?

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.type == rhs.type && lhs.pss?.hash == rhs.pss?.hash && lhs.pss?.mgf == rhs.pss?.mgf && lhs.pss?.saltLength == rhs.pss?.saltLength
    }

    static let rsaPKCS = PKCS11SignMechanism(type: CK_MECHANISM_TYPE(CKM_RSA_PKCS))
    static let ecdsa = PKCS11SignMechanism(type: CK_MECHANISM_TYPE(CKM_ECDSA))

    /// Calls `body` with a `CK_MECHANISM` whose parameters stay valid for the call.
    func withMechanism<R>(_ body: (UnsafeMutablePointer<CK_MECHANISM>) throws -> R) rethrows -> R {
        guard let pss else {
            var mechanism = CK_MECHANISM(mechanism: type, pParameter: nil, ulParameterLen: 0)
            return try body(&mechanism)
        }
        var parameters = CK_RSA_PKCS_PSS_PARAMS(hashAlg: pss.hash, mgf: pss.mgf, sLen: pss.saltLength)
        return try withUnsafeMutablePointer(to: &parameters) { pointer in
            var mechanism = CK_MECHANISM(mechanism: type, pParameter: UnsafeMutableRawPointer(pointer),
                                         ulParameterLen: CK_ULONG(MemoryLayout<CK_RSA_PKCS_PSS_PARAMS>.size))
            return try body(&mechanism)
        }
    }
}
