import Foundation
import X509

extension CMSSignatureVerifier {
    /// The certificate the SignerInfo's sid names, among the signature's certificates, then the
    /// policy's; recorded in the report. `nil` (INDETERMINATE NO_SIGNING_CERTIFICATE_FOUND) when
    /// none matches.
    func findSignerCertificate(_ signer: CMSSignerInfo, in signature: CMSSignature, _ report: inout CMSValidationReport) -> RawCertificate? {
        let summary = CMSSignerSummary(signer)
        guard let certificate = signature.rawCertificates.first(where: summary.identifies)
            ?? policy.intermediates.lazy.compactMap({ try? RawCertificate($0) }).first(where: summary.identifies)
        else {
            report.record(.indeterminate, .noSigningCertificateFound, .signerCertificate,
                          "no certificate in the signature or the policy matches the SignerInfo's sid")
            return nil
        }
        report.signerCertificate = certificate.parsed
        report.signerCertificateDER = Array(certificate.encoded)
        report.signerSubject = certificate.subjectDescription
        report.pass(.signerCertificate, certificate.subjectDescription)
        return certificate
    }

    func checkSigningCertificateBinding(_ attributes: SignedAttributeValues?, _ certificate: RawCertificate, _ report: inout CMSValidationReport) {
        guard let binding = attributes?.signingCertificate else {
            let absent = attributes == nil ? "no signed attributes, so no ESS signing-certificate(-v2) attribute" : "no ESS signing-certificate(-v2) attribute"
            if policy.requiresSigningCertificateAttribute {
                report.record(.indeterminate, .sigConstraintsFailure, .signingCertificate, "\(absent) binds the signer's certificate")
            } else {
                report.warn(.signingCertificate, absent)
            }
            return
        }
        do {
            guard let first = binding.certs.first, try first.matches(certificate) else {
                report.record(.indeterminate, .noSigningCertificateFound, .signingCertificate,
                              "the ESS signing-certificate attribute names another certificate than the one that verifies the signature")
                return
            }
            report.pass(.signingCertificate, "ESS signing-certificate\(attributes?.signingCertificateIsV2 == true ? "-v2" : "") binds the signer's certificate")
        } catch {
            report.record(.indeterminate, .noSigningCertificateFound, .signingCertificate, "\(error)")
        }
    }

    /// The algorithm policy: no weak digest — neither the signature's nor the SignerInfo's
    /// digestAlgorithm, which protects the content —, RSA keys of 2048 bits or more, no DSA, and
    /// Ed25519 with SHA-512 and Ed448 with SHAKE256 as RFC 8419 §3.1 requires (other validators refuse other combinations as
    /// disallowed algorithms, not as broken signatures).
    func checkAlgorithmStrength(_ algorithms: (digest: DigestAlgorithm, signature: SignatureAlgorithm), _ key: VerificationKey,
                                _ report: inout CMSValidationReport) {
        let algorithm = algorithms.signature
        var weaknesses: [String] = []
        for digest in Set([algorithm.digest, algorithms.digest]) where digest.isWeak {
            weaknesses.append("\(digest) is a weak digest")
        }
        if algorithm.scheme == .ed25519, algorithms.digest != .sha512 {
            weaknesses.append("Ed25519 goes with SHA-512 (RFC 8419 §3.1), not \(algorithms.digest)")
        }
        if algorithm.scheme == .ed448, algorithms.digest != .shake256, algorithms.digest != .shake256Len {
            weaknesses.append("Ed448 goes with SHAKE256 (RFC 8419 §3.1), not \(algorithms.digest)")
        }
        if let bits = key.rsaKeySizeInBits, bits < 2048 { weaknesses.append("RSA-\(bits) is below 2048 bits") }
        if algorithm.scheme == .dsa {
            weaknesses.append("DSA\(key.dsaKeySizeInBits.map { "-\($0)" } ?? "") is no longer accepted for signatures (FIPS 186-5)")
        }
        if weaknesses.isEmpty {
            report.pass(.algorithmStrength, "\(algorithm) meets the policy")
        } else {
            let detail = weaknesses.joined(separator: "; ")
            report.notices.append(CMSValidationNotice(.weakAlgorithm, detail))
            report.record(.indeterminate, .cryptoConstraintsFailureNoPOE, .algorithmStrength, detail)
        }
    }

    /// The certificate must fit the policy's purpose (``KeyUsageRequirement``).
    func checkPurpose(of certificate: RawCertificate, _ report: inout CMSValidationReport) {
        if let problem = CertificateUsagePolicy.problem(with: certificate.extensions, requirement: policy.keyUsage) {
            report.notices.append(CMSValidationNotice(.signerCertificatePurpose, problem))
            report.record(.indeterminate, .chainConstraintsFailure, .keyUsage, problem)
        } else if policy.keyUsage != .none {
            report.pass(.keyUsage, "the certificate may be used for this signature")
        }
    }
}
