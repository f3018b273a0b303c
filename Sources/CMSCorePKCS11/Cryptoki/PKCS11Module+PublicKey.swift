import _CryptoExtras
import CPKCS11
import Crypto
import SwiftASN1
import X509

extension PKCS11Module {
    /// The public key object with `CKA_ID` `id` on the session's token, or `nil` when the
    /// token holds none: RSA from `CKA_MODULUS`/`CKA_PUBLIC_EXPONENT`, EC from `CKA_EC_POINT`
    /// (P-256, P-384, P-521).
    func publicKey(session: CK_SESSION_HANDLE, id: [UInt8]) throws -> Certificate.PublicKey? {
        guard let object = try findObjects(session, [.objectClass(CK_ULONG(CKO_PUBLIC_KEY)), .id(id)], limit: 1).first else { return nil }
        switch try unsignedAttribute(CK_ATTRIBUTE_TYPE(CKA_KEY_TYPE), of: object, session: session) {
        case CK_ULONG(CKK_RSA):
            guard let modulus = try attribute(CK_ATTRIBUTE_TYPE(CKA_MODULUS), of: object, session: session),
                  let exponent = try attribute(CK_ATTRIBUTE_TYPE(CKA_PUBLIC_EXPONENT), of: object, session: session) else { return nil }
            return Certificate.PublicKey(try _RSA.Signing.PublicKey(n: modulus, e: exponent))
        case CK_ULONG(CKK_EC):
            guard var point = try attribute(CK_ATTRIBUTE_TYPE(CKA_EC_POINT), of: object, session: session) else { return nil }
            // CKA_EC_POINT is the DER OCTET STRING of the X9.62 point (some modules give it bare).
            if point.first == 0x04, let inner = try? ASN1OctetString(derEncoded: point), [65, 97, 133].contains(inner.bytes.count) {
                point = Array(inner.bytes)
            }
            switch point.count {
            case 65: return Certificate.PublicKey(try P256.Signing.PublicKey(x963Representation: point))
            case 97: return Certificate.PublicKey(try P384.Signing.PublicKey(x963Representation: point))
            case 133: return Certificate.PublicKey(try P521.Signing.PublicKey(x963Representation: point))
            default: return nil
            }
        default:
            return nil
        }
    }
}
