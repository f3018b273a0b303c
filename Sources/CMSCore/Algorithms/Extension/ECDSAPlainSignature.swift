import SwiftASN1

/// The plain ECDSA signature format of BSI TR-03111 §5.2.1 (`r ‖ s`, each as many octets as the
/// curve order), converted to the `ECDSA-Sig-Value` of RFC 5480 §2.2 that ECDSA checks read.
///
/// ```
/// ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
/// ```
enum ECDSAPlainSignature {
    /// The DER `ECDSA-Sig-Value` for a plain signature; `nil` when it cannot be one (empty or of odd length).
    static func derEncoding(ofPlain plain: [UInt8]) -> [UInt8]? {
        guard !plain.isEmpty, plain.count % 2 == 0, plain.count <= 264 else { return nil }
        let half = plain.count / 2
        var coder = DER.Serializer()
        coder.appendConstructedNode(identifier: .sequence) { coder in
            for part in [plain[..<half], plain[half...]] {
                coder.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: unsignedInteger(part)) }
            }
        }
        return coder.serializedBytes
    }

    /// The content octets of a positive INTEGER with the big-endian magnitude `bytes`.
    private static func unsignedInteger(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let trimmed = bytes.drop { $0 == 0 }
        guard let first = trimmed.first else { return [0] }
        return first & 0x80 == 0 ? Array(trimmed) : [0] + trimmed
    }
}
