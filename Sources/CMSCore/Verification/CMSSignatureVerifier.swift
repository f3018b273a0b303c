import Foundation
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509
import _CryptoExtras

/// Verifies CMS signatures (CAdES-B-B, RFC 3161 tokens) and reports as ETSI EN 319 102-1 does.
///
/// The checks, in order: the SignerInfo's algorithms and signed attributes; the signer's
/// certificate (by issuerAndSerialNumber or subjectKeyIdentifier); message-digest against
/// the content; the signature over the exact received signed attributes; CMS algorithm
/// protection; the ESS signing-certificate(-v2) binding; key usage; validity at the
/// validation time; a chain to the trust anchors; revocation of every certificate of the
/// chain; algorithm strength. Verification never throws: every problem is in the report.
///
/// ```swift
/// let policy = CMSVerificationPolicy(trustAnchors: [root], revocation: .online())
/// let report = await CMSSignatureVerifier(policy: policy).verify(signature, content: .bytes(data))
/// if report.isValid { … }
/// ```
public struct CMSSignatureVerifier: Sendable {
    public var policy: CMSVerificationPolicy

    public init(policy: CMSVerificationPolicy) {
        self.policy = policy
    }

    /// Verifies the signer at `signerIndex` of `signature` over `content`.
    public func verify(_ signature: CMSSignature, content: SignedContent, signerIndex: Int = 0) async -> CMSValidationReport {
        let time = policy.validationTime ?? Date()
        var report = CMSValidationReport(validationTime: time)
        let signedData = signature.signedData
        guard signedData.signerInfos.indices.contains(signerIndex) else {
            report.record(.totalFailed, .formatFailure, "signerInfo", "there is no signer at index \(signerIndex)")
            return report
        }
        let signer = signedData.signerInfos[signerIndex]

        // Algorithms.
        guard let digestAlgorithm = DigestAlgorithm(oid: signer.digestAlgorithm.algorithm) else {
            report.record(.totalFailed, .formatFailure, "algorithms", "unsupported digest algorithm \(signer.digestAlgorithm.algorithm)")
            return report
        }
        report.digestAlgorithm = digestAlgorithm
        let signatureAlgorithm: SignatureAlgorithm
        do {
            signatureAlgorithm = try SignatureAlgorithm(identifier: signer.signatureAlgorithm, digest: digestAlgorithm)
        } catch {
            report.record(.totalFailed, .formatFailure, "algorithms", "\(error)")
            return report
        }
        report.signatureAlgorithm = signatureAlgorithm

        // RFC 5652 §5.1: digestAlgorithms lists the signers' digest algorithms. It is not
        // signed, so a mismatch is reported but does not decide the verdict.
        if !signedData.digestAlgorithms.contains(where: { $0.algorithm == signer.digestAlgorithm.algorithm }) {
            report.warn("digestAlgorithms", "SignedData.digestAlgorithms does not list the signer's \(digestAlgorithm)")
        }

        // Signed attributes.
        let attributes: SignedAttributeValues
        do {
            attributes = try SignedAttributeValues(signer: signer)
        } catch {
            report.record(.totalFailed, .formatFailure, "signedAttributes", "\(error)")
            return report
        }
        guard attributes.contentType == signedData.encapContentInfo.eContentType else {
            report.record(.totalFailed, .formatFailure, "contentType",
                          "content-type attribute \(attributes.contentType) differs from eContentType \(signedData.encapContentInfo.eContentType)")
            return report
        }
        report.claimedSigningTime = attributes.signingTime

        // Signer's certificate.
        let embedded = signature.certificates
        let candidates = embedded + policy.intermediates
        guard let signerCertificate = candidates.first(where: { CMSSignerSummary(signer).identifies($0) }) else {
            report.record(.indeterminate, .noSigningCertificateFound, "signerCertificate",
                          "no certificate in the signature or the policy matches the SignerInfo's sid")
            return report
        }
        report.signerCertificate = signerCertificate
        report.pass("signerCertificate", "\(signerCertificate.subject)")

        // Integrity: message digest.
        do {
            guard let digest = try content.digest(with: digestAlgorithm, encapsulated: signature.encapsulatedContent) else {
                report.record(.indeterminate, .signedDataNotFound, "messageDigest", "the signature is detached and no content was supplied")
                return report
            }
            guard digest[...] == attributes.messageDigest else {
                report.record(.totalFailed, .hashFailure, "messageDigest", "the content's \(digestAlgorithm) digest differs from the message-digest attribute")
                return report
            }
            report.pass("messageDigest", "\(digestAlgorithm) digest matches")
        } catch {
            report.record(.indeterminate, .signedDataNotFound, "messageDigest", "\(error)")
            return report
        }

        // Integrity: signature value over the received signed attributes.
        do {
            guard let signedBytes = try signer.dataToBeSigned(),
                  try PublicKeySignatureVerifier.isValid(signature: signer.signature, message: signedBytes,
                                                         algorithm: signatureAlgorithm, publicKey: signerCertificate.publicKey)
            else {
                report.record(.totalFailed, .sigCryptoFailure, "signatureValue", "the \(signatureAlgorithm) signature does not verify with the signer's key")
                return report
            }
            report.pass("signatureValue", "\(signatureAlgorithm) signature verifies")
        } catch {
            report.record(.totalFailed, .sigCryptoFailure, "signatureValue", "\(error)")
            return report
        }

        if let protection = attributes.algorithmProtection {
            let sameDigest = protection.digestAlgorithm.algorithm == signer.digestAlgorithm.algorithm
            let sameSignature = protection.signatureAlgorithm.map { $0 == signer.signatureAlgorithm } ?? false
            guard sameDigest && sameSignature else {
                report.record(.totalFailed, .sigCryptoFailure, "algorithmProtection",
                              "the CMS algorithm protection attribute does not match the SignerInfo's algorithms (RFC 6211)")
                return report
            }
            report.pass("algorithmProtection", "matches the SignerInfo's algorithms")
        }

        checkSigningCertificateBinding(attributes, signerCertificate, &report)
        checkAlgorithmStrength(signatureAlgorithm, signerCertificate, &report)
        if let problem = CertificateUsagePolicy.problem(with: signerCertificate, requirement: policy.keyUsage) {
            report.record(.indeterminate, .chainConstraintsFailure, "keyUsage", problem)
        } else if policy.keyUsage != .none {
            report.pass("keyUsage", "the certificate may be used for this signature")
        }
        guard report.indication != .totalFailed else { return report }

        await ChainValidation(policy: policy, time: time).validate(
            leaf: signerCertificate, intermediates: embedded + policy.intermediates, report: &report)
        return report
    }

    private func checkSigningCertificateBinding(_ attributes: SignedAttributeValues, _ certificate: Certificate, _ report: inout CMSValidationReport) {
        guard let binding = attributes.signingCertificate else {
            if policy.requiresSigningCertificateAttribute {
                report.record(.indeterminate, .sigConstraintsFailure, "signingCertificate", "no ESS signing-certificate(-v2) attribute binds the signer's certificate")
            } else {
                report.warn("signingCertificate", "no ESS signing-certificate attribute")
            }
            return
        }
        do {
            guard let first = binding.certs.first, try first.matches(certificate) else {
                report.record(.indeterminate, .noSigningCertificateFound, "signingCertificate",
                              "the ESS signing-certificate attribute names another certificate than the one that verifies the signature")
                return
            }
            report.pass("signingCertificate", "ESS signing-certificate\(attributes.signingCertificateIsV2 ? "-v2" : "") binds the signer's certificate")
        } catch {
            report.record(.indeterminate, .noSigningCertificateFound, "signingCertificate", "\(error)")
        }
    }

    private func checkAlgorithmStrength(_ algorithm: SignatureAlgorithm, _ certificate: Certificate, _ report: inout CMSValidationReport) {
        var weaknesses: [String] = []
        if algorithm.isWeak { weaknesses.append("\(algorithm.digest) is a weak digest") }
        if let rsa = _RSA.Signing.PublicKey(certificate.publicKey), rsa.keySizeInBits < 2048 {
            weaknesses.append("RSA-\(rsa.keySizeInBits) is below 2048 bits")
        }
        if weaknesses.isEmpty {
            report.pass("algorithmStrength", "\(algorithm) meets the policy")
        } else {
            report.record(.indeterminate, .cryptoConstraintsFailureNoPOE, "algorithmStrength", weaknesses.joined(separator: "; "))
        }
    }
}

extension CMSValidationReport: ValidationRecording {}
