import CMSCore
import Foundation
import SwiftASN1

/// Verifies RFC 3161 tokens against the datum they claim to stamp.
///
/// Checks, in order: eContentType id-ct-TSTInfo and a parseable TSTInfo; messageImprint
/// equal to the given digest and algorithm; nonce (when given); policy (when an allow-list
/// is set); then the CMS signature with `CMSSignatureVerifier` — TSA certificate with a
/// critical id-kp-timeStamping EKU, ESS signing-certificate binding, chain to the trust
/// anchors and revocation, all at genTime; finally genTime within the TSA certificate's
/// validity. Verification never throws; every problem is in the report.
public struct TimestampVerifier: Sendable {
    /// How tokens are judged.
    public var policy: TimestampVerificationPolicy

    /// Creates a verifier applying `policy`.
    public init(policy: TimestampVerificationPolicy) {
        self.policy = policy
    }

    /// Verifies `token` over `digest` made with `algorithm`.
    ///
    /// - Parameters:
    ///   - token: the token to check.
    ///   - digest: the digest the token must stamp.
    ///   - algorithm: the algorithm `digest` was made with.
    ///   - nonce: the request's nonce (big-endian magnitude bytes), when the token must echo it.
    public func verify(_ token: TimestampToken, digest: [UInt8], algorithm: DigestAlgorithm, nonce: [UInt8]? = nil) async -> TimestampValidationReport {
        var report = TimestampValidationReport()
        report.token = token
        report.pass(.contentType, "eContentType is id-ct-TSTInfo")
        await check(token, digest: digest, algorithm: algorithm, nonce: nonce, into: &report)
        return report
    }

    /// Verifies `token` over `data`, hashed with the token's own imprint algorithm.
    public func verify(_ token: TimestampToken, data: [UInt8], nonce: [UInt8]? = nil) async -> TimestampValidationReport {
        guard let algorithm = token.messageImprint.digestAlgorithm else {
            var report = TimestampValidationReport()
            report.token = token
            report.record(.totalFailed, .formatFailure, .messageImprint, "unsupported imprint algorithm \(token.messageImprint.hashAlgorithmOID)")
            return report
        }
        return await verify(token, digest: algorithm.hash(data), algorithm: algorithm, nonce: nonce)
    }

    /// Verifies a token given as bytes: a `TimeStampResp` or a bare token `ContentInfo`.
    /// Unparseable input, a reply without a granted token or a token whose content is not a
    /// TSTInfo give TOTAL-FAILED FORMAT_FAILURE.
    public func verify(tokenOrResponse bytes: [UInt8], data: [UInt8], nonce: [UInt8]? = nil) async -> TimestampValidationReport {
        switch Self.parseTokenOrResponse(bytes) {
        case .success(let token):
            return await verify(token, data: data, nonce: nonce)
        case .failure(let error):
            var report = TimestampValidationReport()
            report.record(.totalFailed, .formatFailure, error.code == .unexpectedContentType ? .contentType : .format, error.reason)
            return report
        }
    }

    /// Reads a `TimeStampResp` (requiring a granted token) or a bare token.
    public static func parseTokenOrResponse(_ bytes: [UInt8]) -> Result<TimestampToken, TimestampError> {
        do {
            let response: TimestampResponse
            do {
                response = try TimestampResponse(derEncoded: bytes)
            } catch let error as TimestampError where error.code == .malformedResponse {
                // Not a reply: a bare token, or nothing usable.
                return .success(try TimestampToken(derEncoded: bytes))
            }
            return .success(try response.requireToken())
        } catch let error as TimestampError {
            return .failure(error)
        } catch {
            return .failure(TimestampError(.malformedResponse, "\(error)"))
        }
    }

    /// Verifies a CMS signature as a token: reports FORMAT_FAILURE when its content is not a TSTInfo.
    public func verify(signature: CMSSignature, digest: [UInt8], algorithm: DigestAlgorithm, nonce: [UInt8]? = nil) async -> TimestampValidationReport {
        do {
            return await verify(try TimestampToken(signature: signature), digest: digest, algorithm: algorithm, nonce: nonce)
        } catch {
            var report = TimestampValidationReport()
            let reason = (error as? TimestampError)?.reason ?? "\(error)"
            report.record(.totalFailed, .formatFailure, .contentType, reason)
            return report
        }
    }

    private func check(_ token: TimestampToken, digest: [UInt8], algorithm: DigestAlgorithm, nonce: [UInt8]?,
                       into report: inout TimestampValidationReport) async {
        let expected = MessageImprint(algorithm: algorithm, digest: digest)
        if token.messageImprint.matches(expected) {
            report.pass(.messageImprint, "the token stamps the \(algorithm) digest given")
        } else if token.messageImprint.hashAlgorithmOID != algorithm.oid {
            report.record(.totalFailed, .hashFailure, .messageImprint,
                          "the token's imprint uses \(token.messageImprint.hashAlgorithmOID), not \(algorithm)")
        } else {
            report.record(.totalFailed, .hashFailure, .messageImprint, "the token's messageImprint differs from the \(algorithm) digest given")
        }

        if let nonce {
            if let echoed = token.nonce, IntegerBytes.equal(echoed, nonce) {
                report.pass(.nonce, "the token echoes the request's nonce")
            } else {
                report.record(.totalFailed, .sigConstraintsFailure, .nonce,
                              token.nonce == nil ? "the token has no nonce" : "the token's nonce differs from the request's")
            }
        }

        if let accepted = policy.acceptedPolicies {
            if accepted.contains(token.policy) {
                report.pass(.policy, "TSA policy \(token.policy) is accepted")
            } else {
                report.record(.indeterminate, .sigConstraintsFailure, .policy, "TSA policy \(token.policy) is not among the accepted policies")
            }
        }

        let genTime = token.genTime
        let cmsPolicy = CMSVerificationPolicy(
            trustAnchors: policy.trustAnchors, intermediates: policy.intermediates, validationTime: genTime,
            revocation: policy.revocation, keyUsage: .timeStamping,
            requiresSigningCertificateAttribute: policy.requiresSigningCertificateAttribute)
        let cmsReport = await CMSSignatureVerifier(policy: cmsPolicy).verify(token.signature, content: .encapsulated)
        report.signatureReport = cmsReport
        report.checks += cmsReport.checks
        report.lower(to: cmsReport.indication, cmsReport.subIndication)

        if let certificate = cmsReport.signerCertificate {
            if genTime < certificate.notValidBefore || genTime > certificate.notValidAfter {
                report.record(.indeterminate, .outOfBoundsNoPOE, .genTime,
                              "genTime \(genTime) is outside the TSA certificate's validity \(certificate.notValidBefore) – \(certificate.notValidAfter)")
            } else {
                report.pass(.genTime, "genTime \(genTime) is within the TSA certificate's validity")
            }
        }
    }
}

extension TimestampToken {
    /// Verifies this token over `digest` with a ``TimestampVerifier`` built from `policy`.
    public func verify(digest: [UInt8], algorithm: DigestAlgorithm, nonce: [UInt8]? = nil,
                       policy: TimestampVerificationPolicy) async -> TimestampValidationReport {
        await TimestampVerifier(policy: policy).verify(self, digest: digest, algorithm: algorithm, nonce: nonce)
    }
}
