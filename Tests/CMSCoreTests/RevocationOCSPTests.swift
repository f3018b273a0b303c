@testable import CMSCore
import Foundation
import Testing
import X509

@Suite("Revocation: OCSP (offline, openssl-made responses)", .enabled(if: SharedPKI.isAvailable, SharedPKI.unavailableMessage))
struct RevocationOCSPTests {
    let interm: Certificate, party: Certificate, revoked: Certificate

    init() throws {
        (interm, party, revoked) = try SharedPKI.issuerPartyAndRevoked()
    }

    func status(_ certificate: Certificate, responses: [[UInt8]], at time: Date = Date(),
                preference: RevocationPolicy.Preference = .ocspOnly) async -> RevocationStatus {
        let checker = RevocationChecker(policy: .offline(RevocationData(ocspResponses: responses), preference: preference))
        return await checker.status(of: certificate, issuer: interm, at: time)
    }

    func unknownReason(_ status: RevocationStatus) -> String? {
        if case .unknown(let reason) = status.outcome { return reason }
        return nil
    }

    @Test func requestIsReadByOpenSSLWithNonce() async throws {
        let der = try RevocationChecker.ocspRequestDER(for: party, issuer: interm, nonce: Array(repeating: 0xAB, count: 16))
        let dir = try SharedPKI.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(der).write(to: dir.appendingPathComponent("req.der"))
        let text = try await SharedPKI.openssl(["ocsp", "-reqin", "req.der", "-req_text"], in: dir)
        #expect(text.contains("Serial Number: 1001"))
        #expect(text.contains("Hash Algorithm: sha1"))
        #expect(text.contains("OCSP Nonce"))
        let parsed = try OCSPRequest(derBytes: der)
        #expect(parsed.nonce.map(Array.init) == Array(repeating: 0xAB, count: 16))
        #expect(parsed.certIDs.first?.matches(certificate: party, issuer: interm) == true)
        #expect(throws: CMSError.self) { try RevocationChecker.ocspRequestDER(for: party, issuer: interm, nonce: []) }
    }

    @Test func goodFromDelegatedResponder() async throws {
        let der = try await SharedPKI.ocspResponse(for: "signer-party")
        let status = await status(party, responses: [der])
        #expect(status.outcome == .good)
        #expect(status.source == .ocsp)
        #expect(status.evidence == der)
        #expect(status.thisUpdate != nil)
        #expect(status.nextUpdate != nil)
        #expect(status.evidenceSignerCertificates == [try SharedPKI.certificate("ocsp")])
    }

    @Test func revokedWithTimeAndReason() async throws {
        let der = try await SharedPKI.ocspResponse(for: "signer-revoked")
        let status = await status(revoked, responses: [der])
        #expect(status.outcome == .revoked(revocationTime: SharedPKI.revocationTime, reason: "keyCompromise"))
        #expect(status.source == .ocsp)
    }

    @Test func revokedAfterValidationTimeIsGoodThen() async throws {
        let der = try await SharedPKI.ocspResponse(for: "signer-revoked")
        let before = SharedPKI.revocationTime.addingTimeInterval(-86_400 * 30)
        let status = await status(revoked, responses: [der], at: before)
        #expect(status.outcome == .good)
    }

    @Test func signedByIssuerWithResponderKeyID() async throws {
        let der = try await SharedPKI.ocspResponse(for: "signer-party", signer: "interm", responderIDByKey: true)
        let basic = try #require(try OCSPResponse(derBytes: der).basicResponse)
        guard case .byKey = basic.responseData.responderID else {
            Issue.record("expected a responder ID by key")
            return
        }
        let status = await status(party, responses: [der])
        #expect(status.outcome == .good)
        #expect(status.evidenceSignerCertificates.isEmpty)
    }

    @Test func responderWithoutOCSPSigningUsageIsRefused() async throws {
        // signer-witness is issued by the CA but is not authorised to sign OCSP responses.
        let der = try await SharedPKI.ocspResponse(for: "signer-party", signer: "signer-witness")
        let reason = try #require(unknownReason(await status(party, responses: [der])))
        #expect(reason.contains("id-kp-OCSPSigning"))
    }

    @Test func sha256CertIDIsMatched() async throws {
        let der = try await SharedPKI.ocspResponse(for: "signer-revoked", opensslRequestDigest: "-sha256")
        let single = try #require(try OCSPResponse(derBytes: der).basicResponse?.responseData.responses.first)
        #expect(single.certID.hashAlgorithm.algorithm == DigestAlgorithm.sha256.oid)
        let status = await status(revoked, responses: [der])
        #expect(status.outcome == .revoked(revocationTime: SharedPKI.revocationTime, reason: "keyCompromise"))
    }

    @Test func delegatedResponderCertificateMustBeIncluded() async throws {
        let der = try await SharedPKI.ocspResponse(for: "signer-party", includeResponderCertificate: false)
        let reason = try #require(unknownReason(await status(party, responses: [der])))
        #expect(reason.contains("neither the issuer nor a responder certificate included"))
    }

    @Test func tamperedSignatureIsRefused() async throws {
        var der = try await SharedPKI.ocspResponse(for: "signer-party")
        let signature = try #require(try OCSPResponse(derBytes: der).basicResponse?.signature)
        #expect(Array(der[signature.startIndex..<signature.endIndex]) == Array(signature))
        der[signature.startIndex + signature.count / 2] ^= 0x01
        let reason = try #require(unknownReason(await status(party, responses: [der])))
        #expect(reason.contains("signature"))
        #expect(reason.contains("supplied OCSP response #1"))
    }

    @Test func responseForAnotherCertificateIsRefused() async throws {
        let der = try await SharedPKI.ocspResponse(for: "signer-revoked")
        let reason = try #require(unknownReason(await status(party, responses: [der])))
        #expect(reason.contains("does not cover certificate serial 1001"))
    }

    @Test func staleResponseIsRefused() async throws {
        let der = try await SharedPKI.ocspResponse(for: "signer-party", days: 1)
        let later = Date().addingTimeInterval(86_400 * 60)
        let reason = try #require(unknownReason(await status(party, responses: [der], at: later)))
        #expect(reason.contains("stale"))
        // Within the maximum age but after nextUpdate: stale too.
        let afterNext = try #require(unknownReason(await status(party, responses: [der], at: Date().addingTimeInterval(86_400 * 2))))
        #expect(afterNext.contains("nextUpdate"))
        // Before nextUpdate: usable.
        let soon = await status(party, responses: [der], at: Date().addingTimeInterval(3_600 * 12))
        #expect(soon.outcome == .good)
    }

    @Test func garbageAndTruncationsNeverCrash() async throws {
        let der = try await SharedPKI.ocspResponse(for: "signer-party")
        var inputs: [[UInt8]] = [[], [0x30], [0x30, 0x80, 0x00, 0x00], Array("not an OCSP response".utf8),
                                 [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF]]
        for length in stride(from: 0, to: der.count, by: max(1, der.count / 40)) { inputs.append(Array(der.prefix(length))) }
        for input in inputs {
            let reason = try #require(unknownReason(await status(party, responses: [input])))
            #expect(reason.contains("cannot be parsed") || reason.contains("does not cover"))
        }
    }

    @Test func unsuccessfulResponseStatusIsReported() async throws {
        // OCSPResponse { responseStatus tryLater }
        let reason = try #require(unknownReason(await status(party, responses: [[0x30, 0x03, 0x0A, 0x01, 0x03]])))
        #expect(reason.contains("tryLater"))
    }

    @Test func disabledAndEmptyOffline() async throws {
        let disabled = await RevocationChecker(policy: .disabled).status(of: party, issuer: interm, at: Date())
        #expect(disabled.outcome == .unknown(reason: "revocation checking disabled"))
        #expect(disabled.source == RevocationStatus.Source.none)
        let empty = try #require(unknownReason(await status(party, responses: [])))
        #expect(empty.contains("offline"))
    }
}
