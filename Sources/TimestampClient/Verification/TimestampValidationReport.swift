import CMSCore
import Foundation
import X509

/// What a ``TimestampVerifier`` found about one token, with CMSCore's ETSI indications.
///
/// ``indication``/``subIndication`` are the verdict: the worse of the token-level checks
/// (content type, imprint, nonce, policy, genTime within the TSA certificate's validity)
/// and the CMS signature's report, which is kept in ``signatureReport``.
public struct TimestampValidationReport: Sendable {
    /// The verdict.
    public var indication: ValidationIndication
    /// The reason, when not TOTAL-PASSED.
    public var subIndication: ValidationSubIndication?
    /// Every check, token-level and CMS-level, in order.
    public var checks: [ValidationCheck]
    /// The token, when it could be parsed.
    public var token: TimestampToken?
    /// The CMS verifier's report on the token's signature, when it ran.
    public var signatureReport: CMSValidationReport?

    /// Whether the token passed every check (TOTAL-PASSED).
    public var isValid: Bool { indication == .totalPassed }
    /// The token's genTime, when parsed.
    public var genTime: Date? { token?.genTime }
    /// The TSA's certificate, when found.
    public var tsaCertificate: Certificate? { signatureReport?.signerCertificate ?? token?.tsaCertificate }

    init() {
        indication = .totalPassed
        checks = []
    }

    /// The first failed check's detail, for messages.
    public var failureReason: String? {
        checks.first(where: { $0.outcome == .failed })?.detail
    }
}

extension TimestampValidationReport: ValidationRecording {}
