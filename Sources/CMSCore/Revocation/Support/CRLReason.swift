import SwiftASN1

/// `CRLReason` (RFC 5280 §5.3.1), shared by CRL entries and OCSP `RevokedInfo`.
///
/// ```
/// CRLReason ::= ENUMERATED {
///      unspecified             (0),
///      keyCompromise           (1),
///      cACompromise            (2),
///      affiliationChanged      (3),
///      superseded              (4),
///      cessationOfOperation    (5),
///      certificateHold         (6),
///           -- value 7 is not used
///      removeFromCRL           (8),
///      privilegeWithdrawn      (9),
///      aACompromise           (10) }
/// ```
package enum CRLReason {
    /// The RFC 5280 name of a reason code (`keyCompromise`, …), or `reason(<n>)` when unknown.
    package static func name(of code: Int) -> String {
        switch code {
        case 0: "unspecified"
        case 1: "keyCompromise"
        case 2: "cACompromise"
        case 3: "affiliationChanged"
        case 4: "superseded"
        case 5: "cessationOfOperation"
        case 6: "certificateHold"
        case 8: "removeFromCRL"
        case 9: "privilegeWithdrawn"
        case 10: "aACompromise"
        default: "reason(\(code))"
        }
    }

    /// The value of a `reasonCode` extension for `code` (the DER of the ENUMERATED).
    package static func extensionValue(_ code: Int) throws -> ArraySlice<UInt8> {
        var coder = DER.Serializer()
        try code.serialize(into: &coder, withIdentifier: .enumerated)
        return coder.serializedBytes[...]
    }

    /// Parses an ENUMERATED reason code.
    package static func parse(_ node: ASN1Node) throws -> Int {
        try Int(berEncoded: node, withIdentifier: .enumerated)
    }

    /// Parses the value of a `reasonCode` extension (the DER of the ENUMERATED).
    package static func parse(extensionValue: ArraySlice<UInt8>) throws -> Int {
        try parse(try BER.parse(extensionValue))
    }
}
