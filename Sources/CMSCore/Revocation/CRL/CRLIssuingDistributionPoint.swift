import SwiftASN1

/// `IssuingDistributionPoint` (RFC 5280 §5.2.5): the scope of a CRL.
///
/// ```
/// IssuingDistributionPoint ::= SEQUENCE {
///      distributionPoint          [0] DistributionPointName OPTIONAL,
///      onlyContainsUserCerts      [1] BOOLEAN DEFAULT FALSE,
///      onlyContainsCACerts        [2] BOOLEAN DEFAULT FALSE,
///      onlySomeReasons            [3] ReasonFlags OPTIONAL,
///      indirectCRL                [4] BOOLEAN DEFAULT FALSE,
///      onlyContainsAttributeCerts [5] BOOLEAN DEFAULT FALSE }
/// ```
package struct CRLIssuingDistributionPoint: Hashable, Sendable {
    /// The `fullName` URIs of `distributionPoint` (empty when absent or a relative name).
    package var distributionPointURIs: [String] = []
    /// Whether `distributionPoint` is present at all.
    package var hasDistributionPoint = false
    package var onlyContainsUserCerts = false
    package var onlyContainsCACerts = false
    package var hasOnlySomeReasons = false
    package var indirectCRL = false
    package var onlyContainsAttributeCerts = false

    /// Parses the extension value.
    package init(extensionValue: ArraySlice<UInt8>) throws {
        let root = try DER.parse(extensionValue)
        guard root.identifier == .sequence, case .constructed(let fields) = root.content else {
            throw ASN1Error.invalidASN1Object(reason: "IssuingDistributionPoint must be a SEQUENCE")
        }
        for field in fields {
            guard field.identifier.tagClass == .contextSpecific else { throw ASN1Error.unexpectedFieldType(field.identifier) }
            func flag() throws -> Bool {
                try Bool(berEncoded: field, withIdentifier: field.identifier)
            }
            switch field.identifier.tagNumber {
            case 0:
                hasDistributionPoint = true
                if case .constructed(let inner) = field.content {
                    for name in inner { distributionPointURIs += CRLDistributionPoints.fullNameURIs(name) }
                }
            case 1: onlyContainsUserCerts = try flag()
            case 2: onlyContainsCACerts = try flag()
            case 3: hasOnlySomeReasons = true
            case 4: indirectCRL = try flag()
            case 5: onlyContainsAttributeCerts = try flag()
            default: throw ASN1Error.unexpectedFieldType(field.identifier)
            }
        }
    }
}
