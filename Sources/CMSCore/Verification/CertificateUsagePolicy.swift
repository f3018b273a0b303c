import SwiftASN1
import X509

/// Checks what the end-entity certificate is allowed to do, as e-signature validation
/// requires (swift-certificates' RFC 5280 policy deliberately skips key usage).
///
/// As a ``VerifierPolicy`` it also declares the extended key usage extension handled, so
/// that a TSA certificate's critical EKU does not make chain building fail.
struct CertificateUsagePolicy: VerifierPolicy {
    let requirement: KeyUsageRequirement

    var verifyingCriticalExtensions: [ASN1ObjectIdentifier] {
        [.X509ExtensionID.extendedKeyUsage, .X509ExtensionID.keyUsage]
    }

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        if let problem = Self.problem(with: chain.leaf, requirement: requirement) {
            return .failsToMeetPolicy(reason: problem)
        }
        return .meetsPolicy
    }

    static let timeStampingEKU: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 8]

    /// Why `certificate` does not meet `requirement`, or `nil` when it does.
    static func problem(with certificate: Certificate, requirement: KeyUsageRequirement) -> String? {
        let keyUsage: KeyUsage?
        let extendedKeyUsage: ExtendedKeyUsage?
        do {
            keyUsage = try certificate.extensions.keyUsage
            extendedKeyUsage = try certificate.extensions.extendedKeyUsage
        } catch {
            return "the certificate's key usage extensions cannot be read: \(error)"
        }
        switch requirement.kind {
        case .none:
            return nil
        case .signature:
            if let keyUsage, !keyUsage.digitalSignature, !keyUsage.nonRepudiation {
                return "keyUsage allows neither digitalSignature nor nonRepudiation"
            }
            return nil
        case .timeStamping:
            guard let ekuExtension = certificate.extensions[oid: .X509ExtensionID.extendedKeyUsage], ekuExtension.critical else {
                return "a TSA certificate needs a critical extendedKeyUsage (RFC 3161 §2.3)"
            }
            guard let extendedKeyUsage, Array(extendedKeyUsage) == [ExtendedKeyUsage.Usage(oid: timeStampingEKU)] else {
                return "a TSA certificate's extendedKeyUsage must hold id-kp-timeStamping only"
            }
            if let keyUsage, !keyUsage.digitalSignature, !keyUsage.nonRepudiation {
                return "keyUsage allows neither digitalSignature nor nonRepudiation"
            }
            return nil
        }
    }
}
