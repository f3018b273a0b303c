import Foundation
import X509

/// Checks an OCSP response (RFC 6960 §3.2) for one certificate and derives its status.
///
/// The response must be signed by the issuer itself, or by a delegated responder whose
/// certificate the issuer signed and which carries id-kp-OCSPSigning (§4.2.2.2). The
/// delegated responder's own revocation is not checked (test PKIs and real ones mark it
/// id-pkix-ocsp-nocheck), so validation never recurses.
package enum OCSPResponseValidator {
    /// Single-response and response extensions understood here; any other critical one
    /// makes the response unusable.
    static let knownExtensions = [RevocationOID.ocspNonce, RevocationOID.ocspExtendedRevoke]

    package static func evaluate(_ der: [UInt8], certificate: Certificate, issuer: Certificate, at time: Date,
                                 freshness: RevocationFreshness) -> RevocationEvidenceVerdict {
        let response: OCSPResponse
        do {
            response = try OCSPResponse(derBytes: der)
        } catch {
            return .rejected("cannot be parsed (\(error))")
        }
        guard response.responseStatus == 0, let basic = response.basicResponse else {
            return .rejected("the responder answered \(response.statusName)")
        }
        let data = basic.responseData
        let matching = data.responses.filter { $0.certID.matches(certificate: certificate, issuer: issuer) }
        guard !matching.isEmpty else {
            return .rejected("it does not cover certificate serial \(RevocationSerial.hex(certificate.serialNumber.bytes)) of \(issuer.subject)")
        }
        if let ext = data.responseExtensions.first(where: { $0.critical && !knownExtensions.contains($0.oid) }) {
            return .rejected("it has an unsupported critical extension \(ext.oid)")
        }

        let signer: Certificate?
        switch verifySignature(basic, issuer: issuer) {
        case .success(let delegated): signer = delegated
        case .failure(let problem): return .rejected(problem.reason)
        }

        var problems: [String] = []
        for single in matching {
            if let ext = single.singleExtensions.first(where: { $0.critical && !knownExtensions.contains($0.oid) }) {
                problems.append("its SingleResponse has an unsupported critical extension \(ext.oid)")
                continue
            }
            if let problem = freshness.problem(thisUpdate: single.thisUpdate, nextUpdate: single.nextUpdate, at: time) {
                problems.append(problem)
                continue
            }
            let outcome: RevocationStatus.Outcome
            switch single.certStatus {
            case .good:
                outcome = .good
            case .revoked(let revocationTime, let reason):
                outcome = revocationTime <= time
                    ? .revoked(revocationTime: revocationTime, reason: reason.map(CRLReason.name(of:)))
                    : .good
            case .unknown:
                problems.append("the responder does not know the certificate (certStatus unknown)")
                continue
            }
            return .usable(RevocationStatus(outcome: outcome, source: .ocsp, evidence: der, thisUpdate: single.thisUpdate,
                                            nextUpdate: single.nextUpdate,
                                            evidenceSignerCertificates: signer.map { [$0] } ?? []))
        }
        return .rejected(problems.joined(separator: "; "))
    }

    /// Verifies the response signature. On success, the delegated responder certificate
    /// (`nil` when the issuer signed it itself).
    static func verifySignature(_ basic: OCSPBasicResponse, issuer: Certificate) -> Result<Certificate?, CMSError> {
        let algorithm: SignatureAlgorithm
        do {
            algorithm = try SignatureAlgorithm(identifier: basic.signatureAlgorithm, digest: nil)
        } catch let error as CMSError {
            return .failure(CMSError(.unsupportedAlgorithm, "its signature algorithm is not supported: \(error.reason)"))
        } catch {
            return .failure(CMSError(.unsupportedAlgorithm, "its signature algorithm is not supported: \(error)"))
        }
        func verifies(_ key: Certificate.PublicKey) -> Bool {
            (try? PublicKeySignatureVerifier.isValid(signature: basic.signature, message: basic.tbsResponseDataBytes,
                                                     algorithm: algorithm, publicKey: key)) ?? false
        }
        let responderID = basic.responseData.responderID
        if responderID.identifies(issuer) {
            return verifies(issuer.publicKey)
                ? .success(nil)
                : .failure(CMSError(.badResponse, "its signature does not verify with the issuer's key"))
        }
        var problems: [String] = []
        for candidate in basic.certs where responderID.identifies(candidate) {
            guard issuer.issued(candidate) else {
                problems.append("responder certificate \(candidate.subject) was not issued by \(issuer.subject)")
                continue
            }
            guard candidate.hasOCSPSigningUsage else {
                problems.append("responder certificate \(candidate.subject) lacks extended key usage id-kp-OCSPSigning")
                continue
            }
            let producedAt = basic.responseData.producedAt
            guard candidate.notValidBefore <= producedAt, producedAt <= candidate.notValidAfter else {
                problems.append("responder certificate \(candidate.subject) was not valid at producedAt \(RevocationFreshness.format(producedAt))")
                continue
            }
            guard verifies(candidate.publicKey) else {
                problems.append("its signature does not verify with the key of responder certificate \(candidate.subject)")
                continue
            }
            return .success(candidate)
        }
        if problems.isEmpty {
            problems.append("its signer (\(responderID.summary)) is neither the issuer nor a responder certificate included in the response")
        }
        return .failure(CMSError(.badResponse, problems.joined(separator: "; ")))
    }
}
