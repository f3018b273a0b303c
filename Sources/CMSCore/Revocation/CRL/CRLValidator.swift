import Foundation
import X509

/// Checks a CRL (RFC 5280 §6.3) for one certificate and derives its status.
///
/// Only complete, direct CRLs signed by the certificate's issuer with the same key are
/// used: delta CRLs, indirect CRLs and CRLs partitioned by reason are refused, as is any
/// CRL or entry with an unsupported critical extension.
package enum CRLValidator {
    static let knownCRLExtensions = [RevocationOID.crlNumber, RevocationOID.authorityKeyIdentifier,
                                     RevocationOID.issuingDistributionPoint, RevocationOID.freshestCRL]
    static let knownEntryExtensions = [RevocationOID.reasonCode, RevocationOID.invalidityDate]
    /// removeFromCRL: an entry only meaningful in delta CRLs; the certificate is not revoked.
    static let removeFromCRL = 8

    package static func evaluate(_ der: [UInt8], certificate: Certificate, issuer: Certificate, at time: Date,
                                 freshness: RevocationFreshness) -> RevocationEvidenceVerdict {
        let crl: CRLCertificateList
        do {
            crl = try CRLCertificateList(derBytes: der)
        } catch {
            return .rejected("cannot be parsed (\(error))")
        }
        let tbs = crl.tbsCertList
        guard tbs.issuer == certificate.issuer else {
            return .rejected("it was issued by \(tbs.issuer), not by the certificate's issuer \(certificate.issuer)")
        }
        do {
            let algorithm = try SignatureAlgorithm(identifier: crl.signatureAlgorithm, digest: nil)
            let valid = try PublicKeySignatureVerifier.isValid(signature: crl.signature, message: crl.tbsCertListBytes,
                                                               algorithm: algorithm, publicKey: issuer.publicKey)
            guard valid else { return .rejected("its signature does not verify with the issuer's key") }
        } catch let error as CMSError {
            return .rejected("its signature cannot be checked: \(error.reason)")
        } catch {
            return .rejected("its signature cannot be checked: \(error)")
        }
        if tbs.crlExtensions.contains(where: { $0.oid == RevocationOID.deltaCRLIndicator }) {
            return .rejected("it is a delta CRL, which is not supported")
        }
        if let ext = tbs.crlExtensions.first(where: { $0.critical && !knownCRLExtensions.contains($0.oid) }) {
            return .rejected("it has an unsupported critical extension \(ext.oid)")
        }
        if let ext = tbs.crlExtensions.first(where: { $0.oid == RevocationOID.issuingDistributionPoint }) {
            if let problem = scopeProblem(ext.value, certificate: certificate) { return .rejected(problem) }
        }
        if let problem = freshness.problem(thisUpdate: tbs.thisUpdate, nextUpdate: tbs.nextUpdate, at: time) {
            return .rejected(problem)
        }

        let serial = certificate.normalizedSerial
        var outcome = RevocationStatus.Outcome.good
        for entry in tbs.revokedCertificates where RevocationSerial.normalized(entry.serialNumber) == serial {
            if let ext = entry.extensions.first(where: { $0.critical && !knownEntryExtensions.contains($0.oid) }) {
                return .rejected("its entry for the certificate has an unsupported critical extension \(ext.oid)")
            }
            let reason = entry.reasonCode
            if reason == removeFromCRL { continue }
            if entry.revocationDate <= time {
                outcome = .revoked(revocationTime: entry.revocationDate, reason: reason.map(CRLReason.name(of:)))
            }
            break
        }
        return .usable(RevocationStatus(outcome: outcome, source: .crl, evidence: der, thisUpdate: tbs.thisUpdate,
                                        nextUpdate: tbs.nextUpdate))
    }

    /// Why an IssuingDistributionPoint excludes `certificate`, or `nil` when the CRL covers it.
    static func scopeProblem(_ value: ArraySlice<UInt8>, certificate: Certificate) -> String? {
        let idp: CRLIssuingDistributionPoint
        do {
            idp = try CRLIssuingDistributionPoint(extensionValue: value)
        } catch {
            return "its issuingDistributionPoint cannot be parsed (\(error))"
        }
        if idp.indirectCRL { return "it is an indirect CRL, which is not supported" }
        if idp.hasOnlySomeReasons { return "it covers only some revocation reasons, which is not supported" }
        if idp.onlyContainsAttributeCerts { return "it covers only attribute certificates" }
        if idp.onlyContainsCACerts, !certificate.isCertificateAuthority { return "it covers only CA certificates" }
        if idp.onlyContainsUserCerts, certificate.isCertificateAuthority { return "it covers only end-entity certificates" }
        let certificateURIs = certificate.crlDistributionPointURIs
        if !idp.distributionPointURIs.isEmpty, !certificateURIs.isEmpty,
           !idp.distributionPointURIs.contains(where: certificateURIs.contains) {
            return "its distribution point \(idp.distributionPointURIs.joined(separator: ", ")) is not one of the certificate's (\(certificateURIs.joined(separator: ", ")))"
        }
        return nil
    }
}
