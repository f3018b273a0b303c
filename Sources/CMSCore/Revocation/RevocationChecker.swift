import Foundation
import X509

/// Decides the revocation status of a certificate from OCSP responses and CRLs.
///
/// Evidence is looked for in the order of ``RevocationPolicy/preference``: first in
/// ``RevocationPolicy/data``, then — in ``RevocationPolicy/Mode/online`` mode — from
/// ``RevocationPolicy/source``. A piece of evidence is used when its signature verifies (by
/// the issuer, or for OCSP by a delegated responder the issuer certified for OCSP signing),
/// it covers the certificate, and it is current at the validation time: issued then or later,
/// or thisUpdate ≤ T < nextUpdate (see ``RevocationPolicy/maximumAge`` and
/// ``RevocationPolicy/freshnessConstraint``). When nothing is usable the outcome is
/// ``RevocationStatus/Outcome/unknown(reason:)``, explaining what was tried and why each
/// piece was refused.
public struct RevocationChecker: Sendable {
    /// Which evidence may be used and how fresh it must be.
    public var policy: RevocationPolicy

    /// A checker applying `policy`.
    public init(policy: RevocationPolicy) {
        self.policy = policy
    }

    /// The status of `certificate` (issued by `issuer`) at `time`.
    ///
    /// A certificate revoked after `time` is reported ``RevocationStatus/Outcome/good`` for
    /// `time`. This method never throws: malformed, unverifiable or stale evidence and
    /// network failures end up in the reason of an ``RevocationStatus/Outcome/unknown(reason:)``.
    public func status(of certificate: Certificate, issuer: Certificate, at time: Date) async -> RevocationStatus {
        guard policy.mode != .disabled else {
            return RevocationStatus(outcome: .unknown(reason: "revocation checking disabled"), source: .none)
        }
        let freshness = RevocationFreshness(maximumAgeWithoutNextUpdate: policy.maximumAge,
                                            freshnessConstraint: policy.freshnessConstraint,
                                            clockSkew: policy.clockSkew, now: Date())
        let kinds: [RevocationStatus.Source] = switch policy.preference {
        case .ocspThenCRL: [.ocsp, .crl]
        case .ocspWhereNamedElseCRL: certificate.ocspResponderURLs.isEmpty ? [.crl] : [.ocsp]
        case .ocspOnly: [.ocsp]
        case .crlOnly: [.crl]
        }
        var notes: [String] = []

        func evaluate(_ der: [UInt8], kind: RevocationStatus.Source, label: String) -> RevocationStatus? {
            let verdict = kind == .ocsp
                ? OCSPResponseValidator.evaluate(der, certificate: certificate, issuer: issuer, at: time, freshness: freshness)
                : CRLValidator.evaluate(der, certificate: certificate, issuer: issuer, at: time, freshness: freshness)
            switch verdict {
            case .usable(let status): return status
            case .rejected(let reason):
                notes.append("\(label) rejected: \(reason)")
                return nil
            }
        }

        for kind in kinds {
            let items = kind == .ocsp ? policy.data.ocspResponses : policy.data.crls
            for (index, der) in items.enumerated() {
                let label = kind == .ocsp ? "supplied OCSP response #\(index + 1)" : "supplied CRL #\(index + 1)"
                if let status = evaluate(der, kind: kind, label: label) { return status }
            }
        }

        if policy.mode == .online {
            if let source = policy.source {
                for kind in kinds {
                    do {
                        if kind == .ocsp {
                            if let der = try await source.ocspResponse(for: certificate, issuer: issuer) {
                                if let status = evaluate(der, kind: .ocsp, label: "fetched OCSP response") { return status }
                            } else {
                                notes.append("no OCSP responder for the certificate")
                            }
                        } else {
                            let crls = try await source.crls(for: certificate, issuer: issuer)
                            if crls.isEmpty { notes.append("no CRL distribution point for the certificate") }
                            for (index, der) in crls.enumerated() {
                                if let status = evaluate(der, kind: .crl, label: "fetched CRL #\(index + 1)") { return status }
                            }
                        }
                    } catch {
                        let what = kind == .ocsp ? "fetching an OCSP response" : "fetching CRLs"
                        notes.append("\(what) failed: \((error as? CMSError)?.reason ?? "\(error)")")
                    }
                }
            } else {
                notes.append("online checking requested but no revocation data source is configured")
            }
        } else if notes.isEmpty {
            notes.append("no \(kinds.map { $0 == .ocsp ? "OCSP response" : "CRL" }.joined(separator: " or ")) supplied and offline mode forbids fetching")
        }

        let shown = notes.prefix(20)
        var reason = "no usable revocation evidence for \(certificate.subject): " + shown.joined(separator: "; ")
        if notes.count > shown.count { reason += "; and \(notes.count - shown.count) more" }
        return RevocationStatus(outcome: .unknown(reason: reason), source: .none)
    }

    /// A DER `OCSPRequest` (RFC 6960 §4.1) for `certificate` issued by `issuer`, identifying
    /// the certificate by a SHA-1 CertID as RFC 5019 responders expect (SHA-1 here only
    /// identifies, it signs nothing), with a nonce extension (RFC 8954) when `nonce` is given.
    ///
    /// - Throws: ``CMSError`` with ``CMSError/Code/invalidArgument`` when the nonce is not
    ///   1 to 32 bytes long.
    public static func ocspRequestDER(for certificate: Certificate, issuer: Certificate, nonce: [UInt8]? = nil) throws -> [UInt8] {
        try OCSPRequest(certificate: certificate, issuer: issuer, nonce: nonce).derEncoded
    }
}
