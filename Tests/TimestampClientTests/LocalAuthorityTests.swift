import CMSCore
import Foundation
import SwiftASN1
import Testing
import X509
@testable import TimestampClient
import TestSupport

@Suite("Local TSA and verification")
struct LocalAuthorityTests {
    let pki = TestPKI.shared
    let data = Array("contract v1".utf8)

    @Test func tokenVerifies() async throws {
        let tsa = try pki.localTSA()
        let token = try await tsa.timestamp(data: data)
        #expect(token.signature.contentType == CMSObjectIdentifier.ContentType.tstInfo)
        #expect(token.signature.signers.first?.signedAttributeTypes.contains(CMSObjectIdentifier.Attribute.signingCertificateV2) == true)
        #expect(token.tsaCertificate == pki.tsa.certificate)
        let report = await pki.verifier(acceptedPolicies: [TestPKI.policy]).verify(token, data: data)
        #expect(report.isValid, "\(report.checks)")
        #expect(report.indication == .totalPassed)
        #expect(report.signatureReport?.validationTime == token.genTime)
        #expect(report.checks.contains { $0.name == .genTime && $0.outcome == .passed })
        let viaToken = await token.verify(digest: DigestAlgorithm.sha256.hash(data), algorithm: .sha256,
                                          policy: TimestampVerificationPolicy(trustAnchors: [pki.root.certificate]))
        #expect(viaToken.isValid)
    }

    @Test func serialNumbersIncrease() async throws {
        let tsa = try pki.localTSA()
        var previous: UInt64 = 0
        for _ in 0..<5 {
            let serial = try await tsa.timestamp(data: data).serialNumber
            #expect(serial.count <= 8)
            let value = serial.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(value > previous)
            previous = value
        }
        let generator = TimestampSerialNumberGenerator(start: 10)
        let values = [await generator.next(), await generator.next(), await generator.next()]
        #expect(values[0] < values[1] && values[1] < values[2])
    }

    @Test func otherDataFailsWithHashFailure() async throws {
        let token = try await pki.localTSA().timestamp(data: data)
        let report = await pki.verifier().verify(token, data: Array("contract v2".utf8))
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .hashFailure)
        let wrongAlgorithm = await pki.verifier().verify(token, digest: DigestAlgorithm.sha384.hash(data), algorithm: .sha384)
        #expect(wrongAlgorithm.subIndication == .hashFailure)
    }

    @Test func nonceIsChecked() async throws {
        let tsa = try pki.localTSA()
        let digest = DigestAlgorithm.sha256.hash(data)
        let token = try await tsa.issueToken(digest: digest, options: TimestampRequestOptions(nonce: .fixed([0x42, 0x43])))
        #expect(await pki.verifier().verify(token, digest: digest, algorithm: .sha256, nonce: [0x42, 0x43]).isValid)
        let report = await pki.verifier().verify(token, digest: digest, algorithm: .sha256, nonce: [0x42, 0x44])
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .sigConstraintsFailure)
        #expect(report.checks.contains { $0.name == .nonce && $0.outcome == .failed })
    }

    @Test func policyAllowList() async throws {
        let token = try await pki.localTSA(policy: TestPKI.otherPolicy).timestamp(data: data)
        let report = await pki.verifier(acceptedPolicies: [TestPKI.policy]).verify(token, data: data)
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .sigConstraintsFailure)
    }

    @Test func tsaWithoutCriticalEKUIsRefused() async throws {
        let token = try await pki.localTSA(pki.tsaNonCriticalEKU).timestamp(data: data)
        let report = await pki.verifier().verify(token, data: data)
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .chainConstraintsFailure)
        #expect(report.failureReason?.contains("critical") == true)
    }

    @Test func untrustedTSAIsRefused() async throws {
        let token = try await pki.localTSA(pki.untrustedTSA).timestamp(data: data)
        let report = await pki.verifier().verify(token, data: data)
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .noCertificateChainFound)
    }

    @Test func genTimeOutsideTSACertificateValidity() async throws {
        let late = pki.notAfter.addingTimeInterval(86_400)
        let token = try await pki.localTSA(clock: { late }).timestamp(data: data)
        let report = await pki.verifier().verify(token, data: data)
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .outOfBoundsNoPOE)
        let early = pki.notBefore.addingTimeInterval(-86_400)
        let earlyToken = try await pki.localTSA(clock: { early }).timestamp(data: data)
        #expect(await pki.verifier().verify(earlyToken, data: data).subIndication == .notYetValid)
    }

    @Test func nonTSTInfoContentIsAFormatFailure() async throws {
        var options = CAdESSigningOptions()
        options.contentType = CMSObjectIdentifier.ContentType.data
        let signature = try await CAdESSigner(key: pki.tsa.provider(), options: options).sign(encapsulating: data)
        #expect(throws: TimestampError(.unexpectedContentType, "")) { try TimestampToken(signature: signature) }
        let report = await pki.verifier().verify(signature: signature, digest: DigestAlgorithm.sha256.hash(data), algorithm: .sha256)
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .formatFailure)
        let bytesReport = await pki.verifier().verify(tokenOrResponse: try signature.derEncoded(), data: data)
        #expect(bytesReport.subIndication == .formatFailure)
    }

    @Test func respondRejectsBadRequests() async throws {
        let tsa = try pki.localTSA()
        let digest = DigestAlgorithm.sha256.hash(data)
        func failInfo(_ request: [UInt8]) async throws -> PKIFailureInfo? {
            let reply = try TimestampResponse(derEncoded: await tsa.respond(to: request))
            #expect(reply.statusInfo.status == .rejection)
            #expect(reply.token == nil)
            return reply.statusInfo.failInfo
        }
        #expect(try await failInfo(Array("garbage".utf8)) == .badDataFormat)
        let sha1 = TimeStampReq(messageImprint: MessageImprint(algorithm: .sha1, digest: DigestAlgorithm.sha1.hash(data)))
        #expect(try await failInfo(sha1.derEncoded()) == .badAlg)
        let policy = TimeStampReq(messageImprint: MessageImprint(algorithm: .sha256, digest: digest), reqPolicy: TestPKI.otherPolicy)
        #expect(try await failInfo(policy.derEncoded()) == .unacceptedPolicy)
        let short = TimeStampReq(messageImprint: MessageImprint(algorithm: .sha256, digest: [1, 2, 3]))
        #expect(try await failInfo(short.derEncoded()) == .badDataFormat)
        let withExtensions = TimeStampReq(messageImprint: MessageImprint(algorithm: .sha256, digest: digest),
                                          extensions: ASN1Any(derEncoded: try DER.parse([0xa0, 0x00])))
        #expect(try await failInfo(withExtensions.derEncoded()) == .unacceptedExtension)
    }

    @Test func certReqFalseLeavesCertificatesOut() async throws {
        let tsa = try pki.localTSA()
        let token = try await tsa.issueToken(digest: DigestAlgorithm.sha256.hash(data), options: TimestampRequestOptions(requestsCertificate: false))
        #expect(token.signature.certificates.isEmpty)
        var policy = TimestampVerificationPolicy(trustAnchors: [pki.root.certificate])
        #expect(await TimestampVerifier(policy: policy).verify(token, data: data).subIndication == .noSigningCertificateFound)
        policy.intermediates = [pki.tsa.certificate]
        #expect(await TimestampVerifier(policy: policy).verify(token, data: data).isValid)
    }

    @Test func revocationPolicyIsPassedThrough() async throws {
        let token = try await pki.localTSA().timestamp(data: data)
        var policy = TimestampVerificationPolicy(trustAnchors: [pki.root.certificate])
        #expect(await TimestampVerifier(policy: policy).verify(token, data: data).checks.contains { $0.name == .revocation && $0.outcome == .skipped })
        // Offline with no data and evidence required: the TSA certificate's status is unknown.
        policy.revocation = .offline(.empty)
        let report = await TimestampVerifier(policy: policy).verify(token, data: data)
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .tryLater)
    }
}
