import Crypto
import Foundation
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// Path validation for a signer's certificate that swift-certificates cannot parse because of
/// its public key alone: a brainpool, Ed448 or DSA key that only a registered
/// ``CMSAlgorithmExtension`` reads.
///
/// Deny by default. It is used only when the key is one an active extension read, and the
/// certificate's names and extensions are ones swift-certificates reads. Its own checks are
/// the ones X.509 path validation makes of a leaf (RFC 5280 §6.1.3):
/// - the outer signatureAlgorithm equals the TBSCertificate's;
/// - the issuer is a CA certificate (basicConstraints cA, keyCertSign when keyUsage is present)
///   among the intermediates or trust anchors whose subject is the leaf's issuer name;
/// - the issuer's key verifies the signature over the TBSCertificate as received;
/// - no critical extension is unknown.
///
/// The rest of the path, from that issuer up to a trust anchor, is swift-certificates' as for
/// any leaf, and every CA's pathLenConstraint is checked again with the leaf counted
/// below it. Revocation is checked for the leaf (CRL and OCSP need only its serial number,
/// issuer and extensions) and for every CA.
struct ExtensionKeyLeafChain {
    let policy: CMSVerificationPolicy
    let time: Date

    /// Whether `leaf` is a certificate this path handles: swift-certificates refused it, the
    /// signature key is one an extension read, and its names and extensions are readable.
    static func applies(to leaf: RawCertificate, key: VerificationKey) -> Bool {
        guard leaf.parsed == nil, case .external = key else { return false }
        return (try? DistinguishedName(derEncoded: Array(leaf.issuer))) != nil
            && (try? DistinguishedName(derEncoded: Array(leaf.subject))) != nil
            && (try? Certificate.Extensions(leaf.extensions)) != nil
    }

    /// The extensions a leaf may mark critical (RFC 5280 §4.2) that this path understands.
    private static let understoodCritical: Set<ASN1ObjectIdentifier> = [
        .X509ExtensionID.keyUsage, .X509ExtensionID.basicConstraints, .X509ExtensionID.extendedKeyUsage,
        .X509ExtensionID.subjectAlternativeName, [2, 5, 29, 32],  // certificatePolicies
    ]

    func validate(leaf: RawCertificate, intermediates: [Certificate], report: inout CMSValidationReport) async {
        guard let notBefore = leaf.notBefore, let notAfter = leaf.notAfter else {
            report.record(.indeterminate, .noCertificateChainFound, .validity, "the signer's certificate's validity cannot be read")
            return
        }
        if time < notBefore {
            report.record(.indeterminate, .notYetValid, .validity, "the signer's certificate is not valid before \(notBefore)")
            return
        }
        if time > notAfter {
            report.record(.indeterminate, .outOfBoundsNoPOE, .validity,
                          "the signer's certificate expired at \(notAfter), before the validation time \(time)")
            return
        }
        report.pass(.validity, "the signer's certificate is valid at \(time)")

        guard !policy.trustAnchors.isEmpty else {
            report.record(.indeterminate, .noCertificateChainFound, .chain, "no trust anchors were given")
            return
        }
        if let unknown = leaf.extensions.first(where: { $0.critical && !Self.understoodCritical.contains($0.oid) }) {
            report.record(.indeterminate, .chainConstraintsFailure, .chain, "the signer's certificate has an unknown critical extension \(unknown.oid)")
            return
        }
        guard let issuerName = try? DistinguishedName(derEncoded: Array(leaf.issuer)) else {
            report.record(.indeterminate, .noCertificateChainFound, .chain, "the signer's certificate's issuer name cannot be read")
            return
        }
        let candidates = (intermediates + policy.trustAnchors).filter { $0.subject == issuerName && Self.mayIssue($0) }
        guard let issuer = candidates.first(where: { issued(leaf, by: $0) }) else {
            let detail = candidates.isEmpty
                ? "no CA certificate named \(issuerName) is among the intermediates or trust anchors"
                : "no CA certificate named \(issuerName) verifies the signer's certificate's signature"
            report.record(.indeterminate, .noCertificateChainFound, .chain, detail)
            return
        }

        var verifier = Verifier(rootCertificates: CertificateStore(policy.trustAnchors)) {
            RFC5280Policy(fixedExpiryValidationTime: time)
            CertificateUsagePolicy(requirement: .none)
        }
        let result = await verifier.validate(leaf: issuer, intermediates: CertificateStore(intermediates))
        let chain: [Certificate]
        switch result {
        case .validCertificate(let validated):
            chain = Array(validated)
        case .couldNotValidate(let failures):
            if failures.isEmpty {
                report.record(.indeterminate, .noCertificateChainFound, .chain, "no chain from the signer's issuer \(issuer.subject) to a trust anchor")
            } else if failures.contains(where: { $0.chain.contains { time < $0.notValidBefore || time > $0.notValidAfter } }) {
                report.record(.indeterminate, .outOfBoundsNoPOE, .chain,
                              "a CA certificate is outside its validity at \(time): \(failures.map { "\($0.policyFailureReason)" }.joined(separator: "; "))")
            } else {
                report.record(.indeterminate, .chainConstraintsFailure, .chain, failures.map { "\($0.policyFailureReason)" }.joined(separator: "; "))
            }
            return
        }
        // swift-certificates counted the CAs below each CA from the issuer; the leaf adds one.
        for (index, certificate) in chain.enumerated() where index > 0 {
            if case .isCertificateAuthority(let maxPathLength?) = try? certificate.extensions.basicConstraints, index > maxPathLength {
                report.record(.indeterminate, .chainConstraintsFailure, .chain,
                              "\(certificate.subject) allows \(maxPathLength) intermediate CA certificates below it, the path has \(index)")
                return
            }
        }
        report.chain = chain
        report.pass(.chain, "chain of \(chain.count + 1) to trust anchor \(chain.last.map { "\($0.subject)" } ?? "?") "
            + "(the signer's certificate, whose \(Self.keyDescription(leaf)) key swift-certificates cannot read, checked against its issuer by this library)")

        guard policy.revocation.mode != .disabled else {
            report.checks.append(ValidationCheck(name: .revocation, outcome: .skipped, detail: "revocation checking is disabled"))
            return
        }
        guard let standIn = Self.revocationStandIn(for: leaf, issuer: issuer) else {
            report.record(.indeterminate, .tryLater, .revocation, "the signer's certificate's serial number cannot be used to look up its revocation status")
            return
        }
        await ChainValidation(policy: policy, time: time).checkRevocation(chain: [standIn] + chain, report: &report, recordsFirst: false)
    }

    /// Whether `certificate` may issue certificates: a CA (basicConstraints cA) whose keyUsage,
    /// when present, has keyCertSign.
    private static func mayIssue(_ certificate: Certificate) -> Bool {
        guard case .isCertificateAuthority = try? certificate.extensions.basicConstraints else { return false }
        guard certificate.extensions[oid: .X509ExtensionID.keyUsage] != nil else { return true }
        return (try? certificate.extensions.keyUsage)?.keyCertSign ?? false
    }

    /// Whether `issuer`'s key verifies `leaf`'s signature over its TBSCertificate.
    private func issued(_ leaf: RawCertificate, by issuer: Certificate) -> Bool {
        guard let identifier = leaf.signatureAlgorithm, let value = leaf.signatureValue,
              let algorithm = try? SignatureAlgorithm(identifier: identifier, digest: nil),
              let issuerFields = try? RawCertificate(issuer),
              let key = try? VerificationKey(subjectPublicKeyInfo: issuerFields.subjectPublicKeyInfo)
        else { return false }
        return (try? PublicKeySignatureVerifier.isValid(signature: value, message: leaf.tbsCertificate, algorithm: algorithm, key: key)) ?? false
    }

    private static func keyDescription(_ leaf: RawCertificate) -> String {
        (try? VerificationKey(subjectPublicKeyInfo: leaf.subjectPublicKeyInfo)).flatMap {
            if case .external(let key) = $0 { return key.typeDescription }
            return nil
        } ?? "unsupported"
    }

    /// A certificate with the leaf's serial number, names, validity and extensions — what CRL
    /// and OCSP look-ups read — but a throwaway key and signature, for ``RevocationChecker``,
    /// whose API takes swift-certificates' `Certificate`. It never leaves this type: it is not
    /// put in the report's chain or revocation results, and its own signature is never checked.
    private static func revocationStandIn(for leaf: RawCertificate, issuer: Certificate) -> Certificate? {
        guard let subject = try? DistinguishedName(derEncoded: Array(leaf.subject)),
              let extensions = try? Certificate.Extensions(leaf.extensions),
              let notBefore = leaf.notBefore, let notAfter = leaf.notAfter,
              let first = leaf.serialNumber.first, first & 0x80 == 0
        else { return nil }
        let throwaway = P256.Signing.PrivateKey()
        return try? Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(bytes: RawInteger.minimal(leaf.serialNumber)),
            publicKey: Certificate.PublicKey(throwaway.publicKey), notValidBefore: notBefore, notValidAfter: notAfter,
            issuer: issuer.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
            issuerPrivateKey: Certificate.PrivateKey(throwaway))
    }
}
