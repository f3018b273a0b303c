@testable import CMSCore
import Foundation
import Testing
import X509

@Suite("Revocation: CRL (offline, openssl-made CRLs)", .enabled(if: SharedPKI.isAvailable, SharedPKI.unavailableMessage))
struct RevocationCRLTests {
    let interm: Certificate, party: Certificate, revoked: Certificate

    init() throws {
        (interm, party, revoked) = try SharedPKI.issuerPartyAndRevoked()
    }

    func status(_ certificate: Certificate, crls: [[UInt8]], ocsp: [[UInt8]] = [], at time: Date = Date(),
                preference: RevocationPolicy.Preference = .crlOnly) async -> RevocationStatus {
        let checker = RevocationChecker(policy: .offline(RevocationData(ocspResponses: ocsp, crls: crls), preference: preference))
        return await checker.status(of: certificate, issuer: interm, at: time)
    }

    func unknownReason(_ status: RevocationStatus) -> String? {
        if case .unknown(let reason) = status.outcome { return reason }
        return nil
    }

    @Test func parsesTheCertificateList() async throws {
        let crl = try CRLCertificateList(derBytes: try await SharedPKI.crl())
        let tbs = crl.tbsCertList
        #expect(tbs.version == 1)
        #expect(tbs.issuer == interm.subject)
        #expect(tbs.nextUpdate != nil)
        #expect(tbs.revokedCertificates.count == 1)
        let entry = try #require(tbs.revokedCertificates.first)
        #expect(RevocationSerial.hex(entry.serialNumber) == "1004")
        #expect(entry.revocationDate == SharedPKI.revocationTime)
        #expect(entry.reasonCode == 1)
        #expect(tbs.crlExtensions.contains { $0.oid == RevocationOID.crlNumber })
    }

    @Test func goodWhenNotListed() async throws {
        let der = try await SharedPKI.crl()
        let status = await status(party, crls: [der])
        #expect(status.outcome == .good)
        #expect(status.source == .crl)
        #expect(status.evidence == der)
        #expect(status.thisUpdate != nil)
        #expect(status.evidenceSignerCertificates.isEmpty)
    }

    @Test func revokedWithTimeAndReason() async throws {
        let status = await status(revoked, crls: [try await SharedPKI.crl()])
        #expect(status.outcome == .revoked(revocationTime: SharedPKI.revocationTime, reason: "keyCompromise"))
        #expect(status.source == .crl)
        let before = await self.status(revoked, crls: [try await SharedPKI.crl()], at: SharedPKI.revocationTime.addingTimeInterval(-1))
        #expect(before.outcome == .good)
    }

    @Test func tamperedSignatureIsRefused() async throws {
        var der = try await SharedPKI.crl()
        der[der.count - 10] ^= 0x01 // inside signatureValue, the last field
        let reason = try #require(unknownReason(await status(party, crls: [der])))
        #expect(reason.contains("signature does not verify"))
    }

    @Test func crlOfAnotherIssuerIsRefused() async throws {
        let reason = try #require(unknownReason(await status(revoked, crls: [try await SharedPKI.crl(issuer: "root")])))
        #expect(reason.contains("Interop Test Root CA"))
    }

    @Test func staleCRLIsRefused() async throws {
        let der = try await SharedPKI.crl(days: 1)
        let reason = try #require(unknownReason(await status(revoked, crls: [der], at: Date().addingTimeInterval(86_400 * 30))))
        #expect(reason.contains("stale"))
    }

    @Test func unknownCriticalExtensionIsRefused() async throws {
        let der = try await SharedPKI.crl(extraExtensions: ["1.2.3.4 = critical,ASN1:NULL"])
        let reason = try #require(unknownReason(await status(party, crls: [der])))
        #expect(reason.contains("unsupported critical extension 1.2.3.4"))
    }

    @Test func garbageAndTruncationsNeverCrash() async throws {
        let der = try await SharedPKI.crl()
        var inputs: [[UInt8]] = [[], [0xFF], Array("-----BEGIN X509 CRL-----".utf8), [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF]]
        for length in stride(from: 0, to: der.count, by: max(1, der.count / 40)) { inputs.append(Array(der.prefix(length))) }
        for input in inputs {
            let reason = try #require(unknownReason(await status(party, crls: [input])))
            #expect(reason.contains("cannot be parsed"))
        }
    }

    @Test func largeCRLIsScanned() async throws {
        let der = try await SharedPKI.crl(extraRevoked: 20_000)
        #expect(try CRLCertificateList(derBytes: der).tbsCertList.revokedCertificates.count == 20_001)
        let clock = ContinuousClock()
        let start = clock.now
        let bad = await status(revoked, crls: [der])
        let good = await status(party, crls: [der])
        #expect(bad.outcome == .revoked(revocationTime: SharedPKI.revocationTime, reason: "keyCompromise"))
        #expect(good.outcome == .good)
        #expect(clock.now - start < .seconds(30), "a 20 000-entry CRL must be checked quickly")
    }

    @Test func oversizedCRLIsRefusedBeforeParsing() {
        let huge = [UInt8](repeating: 0, count: RevocationLimits.maxCRLSize + 1)
        #expect(throws: CMSError(.limitExceeded, "")) { try CRLCertificateList(derBytes: huge) }
    }

    @Test func fallsBackFromUnusableOCSPToCRL() async throws {
        let ocspForOther = try await SharedPKI.ocspResponse(for: "signer-party")
        let status = await status(revoked, crls: [try await SharedPKI.crl()], ocsp: [ocspForOther], preference: .ocspThenCRL)
        #expect(status.outcome == .revoked(revocationTime: SharedPKI.revocationTime, reason: "keyCompromise"))
        #expect(status.source == .crl)
        // With OCSP only, the same data leaves the status unknown.
        let ocspOnly = await self.status(revoked, crls: [try await SharedPKI.crl()], ocsp: [ocspForOther], preference: .ocspOnly)
        #expect(unknownReason(ocspOnly)?.contains("does not cover") == true)
    }

    @Test func certificateExtensionsAreRead() throws {
        #expect(party.crlDistributionPointURIs == ["\(SharedPKI.serviceBase)/crls/interm/latest.crl"])
        #expect(party.ocspResponderURLs.map(\.absoluteString) == ["\(SharedPKI.serviceBase)/ocsp/interm"])
        #expect(try SharedPKI.certificate("ocsp").hasOCSPSigningUsage)
        #expect(!party.hasOCSPSigningUsage)
        #expect(interm.isCertificateAuthority)
    }
}
