import SwiftASN1

/// Object identifiers used by OCSP (RFC 6960) and CRLs (RFC 5280).
package enum RevocationOID {
    /// id-pkix-ocsp-basic.
    package static let ocspBasic: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1, 1]
    /// id-pkix-ocsp-nonce.
    package static let ocspNonce: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1, 2]
    /// id-pkix-ocsp-nocheck.
    package static let ocspNoCheck: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1, 5]
    /// id-pkix-ocsp-extended-revoke (RFC 6960 §4.4.8), informational.
    package static let ocspExtendedRevoke: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1, 9]
    /// id-kp-OCSPSigning.
    package static let ocspSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 9]
    /// id-ce-cRLNumber.
    package static let crlNumber: ASN1ObjectIdentifier = [2, 5, 29, 20]
    /// id-ce-cRLReasons.
    package static let reasonCode: ASN1ObjectIdentifier = [2, 5, 29, 21]
    /// id-ce-invalidityDate.
    package static let invalidityDate: ASN1ObjectIdentifier = [2, 5, 29, 24]
    /// id-ce-deltaCRLIndicator.
    package static let deltaCRLIndicator: ASN1ObjectIdentifier = [2, 5, 29, 27]
    /// id-ce-issuingDistributionPoint.
    package static let issuingDistributionPoint: ASN1ObjectIdentifier = [2, 5, 29, 28]
    /// id-ce-certificateIssuer.
    package static let certificateIssuer: ASN1ObjectIdentifier = [2, 5, 29, 29]
    /// id-ce-cRLDistributionPoints.
    package static let crlDistributionPoints: ASN1ObjectIdentifier = [2, 5, 29, 31]
    /// id-ce-freshestCRL.
    package static let freshestCRL: ASN1ObjectIdentifier = [2, 5, 29, 46]
    /// id-ce-authorityKeyIdentifier.
    package static let authorityKeyIdentifier: ASN1ObjectIdentifier = [2, 5, 29, 35]
    /// id-pe-authorityInfoAccess.
    package static let authorityInfoAccess: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 1, 1]
}
