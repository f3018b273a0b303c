import CMSCore
import CPKCS11
import Crypto

/// The type of a private key on a token, from `CKA_KEY_TYPE`.
public enum PKCS11KeyType: Sendable, Hashable {
    /// `CKK_RSA`
    case rsa
    /// `CKK_EC` (ECDSA)
    case ec
}

/// Where an ECDSA digest is computed.
public enum PKCS11ECDSAHashing: Sendable, Hashable {
    /// We hash and the module signs the digest with `CKM_ECDSA`; when the token lacks
    /// `CKM_ECDSA`, the module hashes (`CKM_ECDSA_SHA256`/`384`/`512`) instead.
    case inProcess
    /// The module hashes with `CKM_ECDSA_SHA256`/`384`/`512` where it has them, else we do.
    case inModuleWhereAvailable
}

/// How one ``SignatureRequest`` is signed on a token: the mechanism, the bytes given to
/// `C_Sign`, and whether the result is a raw ECDSA `r‖s` to convert to DER.
struct PKCS11SigningPlan: Sendable {
    var mechanism: PKCS11SignMechanism
    var data: [UInt8]
    var rawECDSA: Bool

    init(_ request: SignatureRequest, keyType: PKCS11KeyType, mechanisms: Set<CK_MECHANISM_TYPE>, ecdsaHashing: PKCS11ECDSAHashing) throws {
        let digest = request.algorithm.digest
        let names = try Self.digestMechanisms(digest)
        switch (request.algorithm.scheme, keyType) {
        case (.rsaPKCS1v15, .rsa):
            mechanism = .rsaPKCS
            data = names.digestInfoPrefix + request.digest
            rawECDSA = false
        case (.rsaPSS, .rsa):
            mechanism = PKCS11SignMechanism(type: CK_MECHANISM_TYPE(CKM_RSA_PKCS_PSS),
                                            pss: (names.hash, names.mgf1, CK_ULONG(digest.outputByteCount)))
            data = request.digest
            rawECDSA = false
        case (.ecdsa, .ec):
            let hasRaw = mechanisms.contains(CK_MECHANISM_TYPE(CKM_ECDSA))
            let hasCombined = mechanisms.contains(names.ecdsa)
            let combined = hasCombined && (ecdsaHashing == .inModuleWhereAvailable || !hasRaw)
            mechanism = combined ? PKCS11SignMechanism(type: names.ecdsa) : .ecdsa
            data = combined ? request.message : request.digest
            rawECDSA = true
        default:
            throw PKCS11Error(.unsupportedMechanism, "a \(keyType) key on a PKCS#11 token cannot sign \(request.algorithm)")
        }
    }

    /// The signature as it goes into CMS (ECDSA: DER `ECDSA-Sig-Value`).
    func finish(_ signature: [UInt8]) throws -> [UInt8] {
        guard rawECDSA else { return signature }
        do {
            switch signature.count {
            case 64: return Array(try P256.Signing.ECDSASignature(rawRepresentation: signature).derRepresentation)
            case 96: return Array(try P384.Signing.ECDSASignature(rawRepresentation: signature).derRepresentation)
            case 132: return Array(try P521.Signing.ECDSASignature(rawRepresentation: signature).derRepresentation)
            default: break
            }
        } catch {}
        throw PKCS11Error(.badModuleResponse, "the module returned a \(signature.count)-byte ECDSA signature (expected r‖s for P-256, P-384 or P-521)")
    }

    /// The Cryptoki names of a digest and the DER prefix of its `DigestInfo` (RFC 8017 §9.2, note 1).
    private static func digestMechanisms(_ digest: DigestAlgorithm)
        throws -> (hash: CK_MECHANISM_TYPE, mgf1: CK_RSA_PKCS_MGF_TYPE, ecdsa: CK_MECHANISM_TYPE, digestInfoPrefix: [UInt8]) {
        switch digest {
        case .sha256:
            return (CK_MECHANISM_TYPE(CKM_SHA256), CK_RSA_PKCS_MGF_TYPE(CKG_MGF1_SHA256), CK_MECHANISM_TYPE(CKM_ECDSA_SHA256),
                    [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20])
        case .sha384:
            return (CK_MECHANISM_TYPE(CKM_SHA384), CK_RSA_PKCS_MGF_TYPE(CKG_MGF1_SHA384), CK_MECHANISM_TYPE(CKM_ECDSA_SHA384),
                    [0x30, 0x41, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30])
        case .sha512:
            return (CK_MECHANISM_TYPE(CKM_SHA512), CK_RSA_PKCS_MGF_TYPE(CKG_MGF1_SHA512), CK_MECHANISM_TYPE(CKM_ECDSA_SHA512),
                    [0x30, 0x51, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40])
        default:
            throw PKCS11Error(.unsupportedMechanism, "\(digest) is not used for new signatures")
        }
    }
}
