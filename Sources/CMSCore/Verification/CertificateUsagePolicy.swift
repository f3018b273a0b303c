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
        problem(with: Array(certificate.extensions), requirement: requirement)
    }

    /// Why a certificate with `extensions` does not meet `requirement`, or `nil` when it does.
    static func problem(with extensions: [Certificate.Extension], requirement: KeyUsageRequirement) -> String? {
        let keyUsage: KeyUsage?
        let extendedKeyUsage: [ASN1ObjectIdentifier]?
        let ekuExtension = extensions.first { $0.oid == .X509ExtensionID.extendedKeyUsage }
        do {
            keyUsage = try extensions.first { $0.oid == .X509ExtensionID.keyUsage }.map(KeyUsage.init)
            extendedKeyUsage = try ekuExtension.map { try DER.sequence(of: ASN1ObjectIdentifier.self, identifier: .sequence, rootNode: DER.parse($0.value)) }
        } catch {
            return "the certificate's key usage extensions cannot be read: \(error)"
        }
        let signs = keyUsage.map { $0.digitalSignature || $0.nonRepudiation } ?? true
        switch requirement.kind {
        case .none:
            return nil
        case .signature:
            if !signs { return "keyUsage allows neither digitalSignature nor nonRepudiation" }
            return nil
        case .timeStamping:
            guard let ekuExtension, ekuExtension.critical else {
                return "a TSA certificate needs a critical extendedKeyUsage (RFC 3161 §2.3)"
            }
            guard extendedKeyUsage == [timeStampingEKU] else {
                return "a TSA certificate's extendedKeyUsage must hold id-kp-timeStamping only"
            }
            if !signs { return "keyUsage allows neither digitalSignature nor nonRepudiation" }
            return nil
        }
    }
}
