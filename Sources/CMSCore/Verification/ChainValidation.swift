import Foundation
@_spi(FixedExpiryValidationTime) import X509

/// Validity, path building and revocation for a signer's certificate at one time.
struct ChainValidation {
    let policy: CMSVerificationPolicy
    let time: Date

    func validate(leaf: Certificate, intermediates: [Certificate], report: inout CMSValidationReport) async {
        if time < leaf.notValidBefore {
            report.record(.indeterminate, .notYetValid, .validity, "the signer's certificate is not valid before \(leaf.notValidBefore)")
            return
        }
        if time > leaf.notValidAfter {
            report.record(.indeterminate, .outOfBoundsNoPOE, .validity,
                          "the signer's certificate expired at \(leaf.notValidAfter), before the validation time \(time)")
            return
        }
        report.pass(.validity, "the signer's certificate is valid at \(time)")

        guard !policy.trustAnchors.isEmpty else {
            report.record(.indeterminate, .noCertificateChainFound, .chain, "no trust anchors were given")
            return
        }
        var verifier = Verifier(rootCertificates: CertificateStore(policy.trustAnchors)) {
            RFC5280Policy(fixedExpiryValidationTime: time)
            CertificateUsagePolicy(requirement: .none)
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(intermediates))
        let chain: [Certificate]
        switch result {
        case .validCertificate(let validated):
            chain = Array(validated)
            report.chain = chain
            report.pass(.chain, "chain of \(validated.count) to trust anchor \(validated.last.map { "\($0.subject)" } ?? "?")")
        case .couldNotValidate(let failures):
            if failures.isEmpty {
                report.record(.indeterminate, .noCertificateChainFound, .chain, "no chain from the signer's certificate to a trust anchor")
            } else if failures.contains(where: { $0.chain.contains { time < $0.notValidBefore || time > $0.notValidAfter } }) {
                report.record(.indeterminate, .outOfBoundsNoPOE, .chain,
                              "a CA certificate is outside its validity at \(time): \(failures.map { "\($0.policyFailureReason)" }.joined(separator: "; "))")
            } else {
                report.record(.indeterminate, .chainConstraintsFailure, .chain,
                              failures.map { "\($0.policyFailureReason)" }.joined(separator: "; "))
            }
            return
        }
        await checkRevocation(chain: chain, report: &report)
    }

    /// Revocation of every certificate of `chain` but the last; the statuses go to the report's
    /// ``CMSValidationReport/revocation``, the first one's only when `recordsFirst` (not for a
    /// stand-in of a certificate swift-certificates cannot read, see ``ExtensionKeyLeafChain``).
    func checkRevocation(chain: [Certificate], report: inout CMSValidationReport, recordsFirst: Bool = true) async {
        guard policy.revocation.mode != .disabled else {
            report.checks.append(ValidationCheck(name: .revocation, outcome: .skipped, detail: "revocation checking is disabled"))
            return
        }
        let checker = RevocationChecker(policy: policy.revocation)
        for index in chain.indices.dropLast() {
            let certificate = chain[index]
            let status = await checker.status(of: certificate, issuer: chain[index + 1], at: time)
            if index > 0 || recordsFirst {
                report.revocation.append(CertificateRevocationResult(certificate: certificate, status: status))
            }
            let who = index == 0 ? "the signer's certificate" : "CA certificate \(certificate.subject)"
            switch status.outcome {
            case .good:
                report.pass(.revocation, "\(who) is not revoked (\(status.source.rawValue))")
            case .revoked(let revocationTime, let reason):
                let because = reason.map { " (\($0))" } ?? ""
                if let proof = policy.proofOfExistence, proof < revocationTime {
                    report.warn(.revocation, "\(who) was revoked at \(revocationTime)\(because), after the signature was proven to exist at \(proof)")
                } else {
                    report.record(.indeterminate, index == 0 ? .revokedNoPOE : .revokedCANoPOE, .revocation,
                                  "\(who) was revoked at \(revocationTime)\(because) and nothing proves the signature existed before")
                }
            case .unknown(let reason):
                if policy.revocation.requiresEvidence {
                    report.record(.indeterminate, .tryLater, .revocation, "no usable revocation data for \(who): \(reason)")
                } else {
                    report.warn(.revocation, "no usable revocation data for \(who): \(reason)")
                }
            }
        }
    }
}
