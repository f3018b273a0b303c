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

    /// The extendedKeyUsage purposes that allow signing documents (RFC 5280 §4.2.1.12: when
    /// the extension is present, the certificate may be used only for the purposes it lists).
    /// A small allow-list of what document-signing CAs issue:
    /// - anyExtendedKeyUsage (2.5.29.37.0);
    /// - id-kp-documentSigning (1.3.6.1.5.5.7.3.36, RFC 9336);
    /// - id-kp-emailProtection (1.3.6.1.5.5.7.3.4), the S/MIME purpose personal signing
    ///   certificates carry;
    /// - Adobe Authentic Documents Trust (1.2.840.113583.1.1.5) and Microsoft Document
    ///   Signing (1.3.6.1.4.1.311.10.3.12), used by AATL and Windows document-signing CAs.
    ///
    /// Not allowed: code signing, TLS server/client authentication alone, OCSP signing, time
    /// stamping — certificates issued for another job.
    static let documentSigningEKUs: [ASN1ObjectIdentifier] = [
        [2, 5, 29, 37, 0],
        [1, 3, 6, 1, 5, 5, 7, 3, 36],
        [1, 3, 6, 1, 5, 5, 7, 3, 4],
        [1, 2, 840, 113583, 1, 1, 5],
        [1, 3, 6, 1, 4, 1, 311, 10, 3, 12],
    ]

    /// Why `certificate` does not meet `requirement`, or `nil` when it does.
    static func problem(with certificate: Certificate, requirement: KeyUsageRequirement) -> String? {
        problem(with: Array(certificate.extensions), requirement: requirement)
    }

    /// Why a certificate with `extensions` does not meet `requirement`, or `nil` when it does.
    ///
    /// For ``KeyUsageRequirement/signature``: not a CA (basicConstraints cA=TRUE); keyUsage,
    /// when present, with digitalSignature or nonRepudiation; extendedKeyUsage, when present,
    /// with one of ``documentSigningEKUs``.
    static func problem(with extensions: [Certificate.Extension], requirement: KeyUsageRequirement) -> String? {
        let keyUsage: KeyUsage?
        let extendedKeyUsage: [ASN1ObjectIdentifier]?
        let basicConstraints: BasicConstraints?
        let ekuExtension = extensions.first { $0.oid == .X509ExtensionID.extendedKeyUsage }
        do {
            keyUsage = try extensions.first { $0.oid == .X509ExtensionID.keyUsage }.map(KeyUsage.init)
            extendedKeyUsage = try ekuExtension.map { try DER.sequence(of: ASN1ObjectIdentifier.self, identifier: .sequence, rootNode: DER.parse($0.value)) }
            basicConstraints = try extensions.first { $0.oid == .X509ExtensionID.basicConstraints }.map(BasicConstraints.init)
        } catch {
            return "the certificate's key usage extensions cannot be read: \(error)"
        }
        let signs = keyUsage.map { $0.digitalSignature || $0.nonRepudiation } ?? true
        switch requirement.kind {
        case .none:
            return nil
        case .signature:
            if case .isCertificateAuthority? = basicConstraints {
                return "the signer's certificate is a CA certificate (basicConstraints cA=TRUE), not a signer's"
            }
            if !signs { return "keyUsage allows neither digitalSignature nor nonRepudiation" }
            if let extendedKeyUsage, !extendedKeyUsage.contains(where: documentSigningEKUs.contains) {
                let names = extendedKeyUsage.map { ExtendedKeyUsage.Usage(oid: $0).description }.joined(separator: ", ")
                return "extendedKeyUsage allows only \(names): not document signing"
            }
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
