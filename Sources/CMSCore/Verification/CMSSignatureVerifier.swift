import Foundation
import SwiftASN1
import X509

/// Verifies CMS signatures (CAdES-B-B, PKCS#7, RFC 3161 tokens) and reports as ETSI EN
/// 319 102-1 does.
///
/// The checks, in order: the SignerInfo's algorithms and signed attributes (optional: without
/// them the signature is over the content itself, RFC 5652 §5.4); the signer's certificate
/// (by issuerAndSerialNumber or subjectKeyIdentifier, read field by field so that a
/// certificate swift-certificates refuses can still be used); message-digest against the
/// content; the signature over the exact received signed attributes; CMS algorithm
/// protection; the ESS signing-certificate(-v2) binding; algorithm strength; the certificate's
/// purpose; validity at the validation time; a chain to the trust anchors; revocation of every
/// certificate of the chain. Verification never throws: every problem is in the report.
///
/// What cannot be checked is INDETERMINATE, never TOTAL-FAILED: an algorithm this library
/// cannot compute (CRYPTO_CONSTRAINTS_FAILURE — no proof of existence would help —, with an
/// ``CMSValidationNotice/Code/unsupportedAlgorithm`` notice naming it), a signer certificate
/// no chain can be built from (NO_CERTIFICATE_CHAIN_FOUND). A signer certificate not meant
/// for signing documents (a CA, a TSA, an OCSP responder) is INDETERMINATE
/// CHAIN_CONSTRAINTS_FAILURE: EN 319 102-1 §5.2.6 treats key usage as an X.509 validation
/// constraint.
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
            report.record(.totalFailed, .formatFailure, .signerInfo, "there is no signer at index \(signerIndex)")
            return report
        }
        let signer = signedData.signerInfos[signerIndex]

        let algorithms = readAlgorithms(of: signer, &report)
        guard report.indication != .totalFailed else { return report }
        // RFC 5652 §5.1: digestAlgorithms lists the signers' digest algorithms. It is not
        // signed, so a mismatch is reported but does not decide the verdict.
        if let digest = algorithms?.digest, !signedData.digestAlgorithms.contains(where: { $0.algorithm == signer.digestAlgorithm.algorithm }) {
            report.warn(.digestAlgorithms, "SignedData.digestAlgorithms does not list the signer's \(digest)")
        }

        // Signed attributes, optional when the content is id-data (RFC 5652 §5.3).
        var attributes: SignedAttributeValues?
        if signer.signedAttrs == nil {
            guard signedData.encapContentInfo.eContentType == CMSObjectIdentifier.ContentType.data else {
                report.record(.totalFailed, .formatFailure, .signedAttributes,
                              "a SignerInfo over content of type \(signedData.encapContentInfo.eContentType) needs signed attributes (RFC 5652 §5.3)")
                return report
            }
            report.notices.append(CMSValidationNotice(.noSignedAttributes, "the SignerInfo has no signed attributes: the signature is over the content itself (RFC 5652 §5.4)"))
        } else {
            do {
                let values = try SignedAttributeValues(signer: signer)
                guard values.contentType == signedData.encapContentInfo.eContentType else {
                    report.record(.totalFailed, .formatFailure, .contentType,
                                  "content-type attribute \(values.contentType) differs from eContentType \(signedData.encapContentInfo.eContentType)")
                    return report
                }
                attributes = values
                report.claimedSigningTime = values.signingTime
                report.commitmentType = values.commitmentType
                report.signerAttributes = values.signerAttributes
                report.otherSignedAttributes = values.otherAttributes
            } catch {
                report.record(.totalFailed, .formatFailure, .signedAttributes, "\(error)")
                return report
            }
        }

        guard let signerCertificate = findSignerCertificate(signer, in: signature, &report) else { return report }
        guard let algorithms, let key = readKey(of: signerCertificate, &report) else { return report }

        guard checkIntegrity(signer, attributes: attributes, algorithms: algorithms, key: key,
                             content: content, encapsulated: signature.encapsulatedContent, &report)
        else { return report }

        if let protection = attributes?.algorithmProtection {
            let sameDigest = protection.digestAlgorithm.algorithm == signer.digestAlgorithm.algorithm
            let sameSignature = protection.signatureAlgorithm.map { $0 == signer.signatureAlgorithm } ?? false
            guard sameDigest && sameSignature else {
                report.record(.totalFailed, .sigCryptoFailure, .algorithmProtection,
                              "the CMS algorithm protection attribute does not match the SignerInfo's algorithms (RFC 6211)")
                return report
            }
            report.pass(.algorithmProtection, "matches the SignerInfo's algorithms")
        }

        checkSigningCertificateBinding(attributes, signerCertificate, &report)
        checkAlgorithmStrength(algorithms, key, &report)
        checkPurpose(of: signerCertificate, &report)
        guard report.indication != .totalFailed else { return report }

        if ExtensionKeyLeafChain.applies(to: signerCertificate, key: key) {
            // A brainpool, Ed448 or DSA key swift-certificates cannot read: this library checks
            // the leaf against its issuer, swift-certificates the rest of the path.
            await ExtensionKeyLeafChain(policy: policy, time: time).validate(
                leaf: signerCertificate, intermediates: signature.certificates + policy.intermediates, report: &report)
            return report
        }
        guard let leaf = signerCertificate.parsed else {
            let reason = "swift-certificates cannot parse the signer's certificate (\(signerCertificate.parseFailure ?? "?")): no chain can be built from it"
            report.notices.append(CMSValidationNotice(.unparseableSignerCertificate, reason))
            report.record(.indeterminate, .noCertificateChainFound, .chain, reason)
            return report
        }
        await ChainValidation(policy: policy, time: time).validate(
            leaf: leaf, intermediates: signature.certificates + policy.intermediates, report: &report)
        return report
    }
}

extension CMSValidationReport: ValidationRecording {
    /// Records that the signature cannot be checked because of an algorithm this library
    /// cannot compute: INDETERMINATE CRYPTO_CONSTRAINTS_FAILURE with a notice.
    mutating func recordUnsupported(_ detail: String) {
        notices.append(CMSValidationNotice(.unsupportedAlgorithm, detail))
        record(.indeterminate, .cryptoConstraintsFailure, .algorithms, detail)
    }
}
