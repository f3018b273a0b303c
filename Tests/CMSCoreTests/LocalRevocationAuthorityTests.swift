@testable import CMSCore
import Crypto
import Foundation
import SwiftASN1
import Testing
import X509
import TestSupport

/// An in-process PKI with revocation: authorities for the test issuing CA and the test root.
enum RevocationTestPKI {
    /// Whole seconds, as OCSP and CRL times are written.
    static let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    static let revocationTime = now.addingTimeInterval(-3_600)

    static let good = TestPKI.leaf(.p256, name: "Good")
    static let revoked = TestPKI.leaf(.p256, name: "Revoked")

    static let caKey = try! SoftwareSigningKey(privateKeyDER: Array(TestPKI.intermediateKey.derRepresentation),
                                               certificateChain: [TestPKI.intermediate, TestPKI.root])
    static let rootSigningKey = try! SoftwareSigningKey(privateKeyDER: Array(TestPKI.rootKey.derRepresentation),
                                                        certificateChain: [TestPKI.root])

    static let responderKey = P256.Signing.PrivateKey()

    /// A delegated responder certificate issued by the test CA, with or without id-kp-OCSPSigning.
    static func responderCertificate(ocspSigning: Bool) -> Certificate {
        let usage = try! ExtendedKeyUsage(ocspSigning ? [.ocspSigning] : [.emailProtection])
        return try! Certificate(
            version: .v3, serialNumber: TestPKI.serialNumber(), publicKey: .init(responderKey.publicKey),
            notValidBefore: TestPKI.now.addingTimeInterval(-86_400 * 60), notValidAfter: TestPKI.now.addingTimeInterval(86_400 * 60),
            issuer: TestPKI.intermediate.subject,
            subject: try! DistinguishedName { CommonName(ocspSigning ? "Test OCSP Responder" : "Test Non-OCSP Responder") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try! Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                usage
            },
            issuerPrivateKey: .init(TestPKI.intermediateKey))
    }

    static func responderKeyProvider(_ certificate: Certificate) -> SoftwareSigningKey {
        try! SoftwareSigningKey(privateKeyDER: Array(responderKey.derRepresentation), certificateChain: [certificate])
    }

    /// An authority for the test CA with `revoked` revoked for keyCompromise an hour ago.
    static func authority(clock: Date = now, responder: LocalRevocationAuthority.DelegatedResponder? = nil,
                          responderID: LocalRevocationAuthority.ResponderIDForm = .byKey) throws -> LocalRevocationAuthority {
        try LocalRevocationAuthority(
            issuer: TestPKI.intermediate, issuerKey: caKey, responder: responder,
            revocations: [.init(certificate: revoked, revocationTime: revocationTime, reason: .keyCompromise)],
            configuration: .init(responderID: responderID, clock: { clock }))
    }

    /// The root's authority, which reports on the issuing CA.
    static func rootAuthority() throws -> LocalRevocationAuthority {
        try LocalRevocationAuthority(issuer: TestPKI.root, issuerKey: rootSigningKey, configuration: .init(clock: { now }))
    }

    /// A leaf of an unrelated CA.
    static let foreignLeaf: Certificate = try! Certificate(
        version: .v3, serialNumber: TestPKI.serialNumber(), publicKey: TestPKI.publicKey(.p256),
        notValidBefore: TestPKI.now.addingTimeInterval(-3600), notValidAfter: TestPKI.now.addingTimeInterval(86_400),
        issuer: TestPKI.otherRoot.subject, subject: try! DistinguishedName { CommonName("Foreign leaf") },
        signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(),
        issuerPrivateKey: .init(TestPKI.otherRootKey))

    static func unknownReason(_ status: RevocationStatus) -> String? {
        if case .unknown(let reason) = status.outcome { return reason }
        return nil
    }

    static func offline(_ certificate: Certificate, _ data: RevocationData, at time: Date = now,
                        preference: RevocationPolicy.Preference, issuer: Certificate = TestPKI.intermediate) async -> RevocationStatus {
        await RevocationChecker(policy: .offline(data, preference: preference)).status(of: certificate, issuer: issuer, at: time)
    }

    /// `der` (an OCSPResponse) with one bit of its signature flipped.
    static func tamperedOCSP(_ der: [UInt8]) throws -> [UInt8] {
        var response = try OCSPResponse(derBytes: der)
        var signature = Array(response.basicResponse!.signature)
        signature[signature.count / 2] ^= 0x01
        response.basicResponse!.signature = signature[...]
        var coder = DER.Serializer()
        try coder.serialize(response)
        return coder.serializedBytes
    }

    /// `der` (a CRL) with one bit of its signature flipped.
    static func tamperedCRL(_ der: [UInt8]) throws -> [UInt8] {
        var crl = try CRLCertificateList(derBytes: der)
        var signature = Array(crl.signature)
        signature[signature.count / 2] ^= 0x01
        crl.signature = signature[...]
        var coder = DER.Serializer()
        try coder.serialize(crl)
        return coder.serializedBytes
    }
}

@Suite("Local revocation authority: OCSP")
struct LocalRevocationAuthorityOCSPTests {
    typealias PKI = RevocationTestPKI

    @Test func goodRevokedAndUnknownOffline() async throws {
        let authority = try PKI.authority()
        let goodDER = try #require(try await authority.ocspResponse(for: PKI.good, issuer: TestPKI.intermediate))
        let good = await PKI.offline(PKI.good, RevocationData(ocspResponses: [goodDER]), preference: .ocspOnly)
        #expect(good.outcome == .good, "\(good.outcome)")
        #expect(good.source == .ocsp)
        #expect(good.evidence == goodDER)
        #expect(good.thisUpdate == PKI.now)
        #expect(good.nextUpdate == PKI.now.addingTimeInterval(86_400))
        #expect(good.evidenceSignerCertificates.isEmpty)

        let revokedDER = try #require(try await authority.ocspResponse(for: PKI.revoked, issuer: TestPKI.intermediate))
        let revoked = await PKI.offline(PKI.revoked, RevocationData(ocspResponses: [revokedDER]), preference: .ocspOnly)
        #expect(revoked.outcome == .revoked(revocationTime: PKI.revocationTime, reason: "keyCompromise"), "\(revoked.outcome)")

        // The good response does not speak for the revoked certificate.
        let mismatch = await PKI.offline(PKI.revoked, RevocationData(ocspResponses: [goodDER]), preference: .ocspOnly)
        #expect(PKI.unknownReason(mismatch)?.contains("does not cover") == true, "\(mismatch.outcome)")

        // A certificate of another CA: the SingleResponse says unknown and nothing validates.
        let foreignDER = try #require(try await authority.ocspResponse(for: PKI.foreignLeaf, issuer: TestPKI.otherRoot))
        let parsed = try OCSPResponse(derBytes: foreignDER)
        #expect(parsed.basicResponse?.responseData.responses.first?.certStatus == .unknown)
        let foreign = await PKI.offline(PKI.foreignLeaf, RevocationData(ocspResponses: [foreignDER]), preference: .ocspOnly,
                                        issuer: TestPKI.otherRoot)
        #expect(PKI.unknownReason(foreign) != nil, "\(foreign.outcome)")
        // Asked with our CA as issuer, a certificate it did not issue is still unknown.
        let claimed = try #require(try await authority.ocspResponse(for: PKI.foreignLeaf, issuer: TestPKI.intermediate))
        let claimedStatus = await PKI.offline(PKI.foreignLeaf, RevocationData(ocspResponses: [claimed]), preference: .ocspOnly)
        #expect(PKI.unknownReason(claimedStatus)?.contains("certStatus unknown") == true, "\(claimedStatus.outcome)")
    }

    @Test func responseStructure() async throws {
        let authority = try PKI.authority(responderID: .byName)
        let der = try #require(try await authority.ocspResponse(for: PKI.revoked, issuer: TestPKI.intermediate))
        let response = try OCSPResponse(derBytes: der)
        #expect(response.responseStatus == 0)
        let basic = try #require(response.basicResponse)
        #expect(basic.responseData.responderID == .byName(TestPKI.intermediate.subject))
        #expect(basic.responseData.producedAt == PKI.now)
        #expect(basic.signatureAlgorithm.algorithm == CMSObjectIdentifier.Signature.ecdsaWithSHA256)
        #expect(basic.certs.isEmpty)
        let single = try #require(basic.responseData.responses.first)
        #expect(single.certID.hashAlgorithm.algorithm == DigestAlgorithm.sha1.oid)
        #expect(single.certStatus == .revoked(time: PKI.revocationTime, reason: 1))
        // Re-encoding what was parsed gives the same bytes (our serializers are DER).
        #expect(try basic.responseData.derEncoded == Array(basic.tbsResponseDataBytes))
        let byName = await PKI.offline(PKI.revoked, RevocationData(ocspResponses: [der]), preference: .ocspOnly)
        #expect(byName.outcome == .revoked(revocationTime: PKI.revocationTime, reason: "keyCompromise"))
    }

    @Test func onlineModeAsksTheAuthority() async throws {
        let authority = try PKI.authority()
        let checker = RevocationChecker(policy: .online(authority, preference: .ocspOnly))
        let good = await checker.status(of: PKI.good, issuer: TestPKI.intermediate, at: PKI.now)
        #expect(good.outcome == .good, "\(good.outcome)")
        #expect(good.source == .ocsp)
        let revoked = await checker.status(of: PKI.revoked, issuer: TestPKI.intermediate, at: PKI.now)
        #expect(revoked.outcome == .revoked(revocationTime: PKI.revocationTime, reason: "keyCompromise"))
        let foreign = await checker.status(of: PKI.foreignLeaf, issuer: TestPKI.otherRoot, at: PKI.now)
        #expect(PKI.unknownReason(foreign) != nil, "\(foreign.outcome)")

        // Revocations added later are published at once.
        authority.revoke(PKI.good, at: PKI.now.addingTimeInterval(-60), reason: .superseded)
        let later = await checker.status(of: PKI.good, issuer: TestPKI.intermediate, at: PKI.now)
        #expect(later.outcome == .revoked(revocationTime: PKI.now.addingTimeInterval(-60), reason: "superseded"), "\(later.outcome)")
    }

    @Test func tamperedSignatureIsUnknown() async throws {
        let der = try #require(try await PKI.authority().ocspResponse(for: PKI.good, issuer: TestPKI.intermediate))
        let tampered = try PKI.tamperedOCSP(der)
        #expect(tampered != der)
        let status = await PKI.offline(PKI.good, RevocationData(ocspResponses: [tampered]), preference: .ocspOnly)
        #expect(PKI.unknownReason(status)?.contains("signature does not verify") == true, "\(status.outcome)")
    }

    @Test func staleResponseIsUnknown() async throws {
        let issued = PKI.now.addingTimeInterval(-20 * 86_400)
        let der = try #require(try await PKI.authority(clock: issued).ocspResponse(for: PKI.good, issuer: TestPKI.intermediate))
        // Validation 10 days after issue: past its nextUpdate (1 day).
        let stale = await PKI.offline(PKI.good, RevocationData(ocspResponses: [der]), at: issued.addingTimeInterval(10 * 86_400),
                                      preference: .ocspOnly)
        #expect(PKI.unknownReason(stale)?.contains("stale") == true, "\(stale.outcome)")
        // Within nextUpdate it is fine.
        let fresh = await PKI.offline(PKI.good, RevocationData(ocspResponses: [der]), at: issued.addingTimeInterval(3_600),
                                      preference: .ocspOnly)
        #expect(fresh.outcome == .good, "\(fresh.outcome)")
    }

    @Test func revocationAfterValidationTimeIsGood() async throws {
        let der = try #require(try await PKI.authority().ocspResponse(for: PKI.revoked, issuer: TestPKI.intermediate))
        let before = await PKI.offline(PKI.revoked, RevocationData(ocspResponses: [der]), at: PKI.revocationTime.addingTimeInterval(-60),
                                       preference: .ocspOnly)
        #expect(before.outcome == .good, "\(before.outcome)")
    }

    @Test func revocationDatedAfterTheClockIsNotPublishedYet() async throws {
        let authority = try PKI.authority()
        authority.revoke(PKI.good, at: PKI.now.addingTimeInterval(3_600), reason: .cessationOfOperation)
        let der = try #require(try await authority.ocspResponse(for: PKI.good, issuer: TestPKI.intermediate))
        #expect(try OCSPResponse(derBytes: der).basicResponse?.responseData.responses.first?.certStatus == .good)
        #expect(authority.revocations.count == 2)
    }

    @Test func delegatedResponderWithOCSPSigning() async throws {
        let certificate = PKI.responderCertificate(ocspSigning: true)
        let responder = LocalRevocationAuthority.DelegatedResponder(certificate: certificate, key: PKI.responderKeyProvider(certificate))
        for form in [LocalRevocationAuthority.ResponderIDForm.byKey, .byName] {
            let authority = try PKI.authority(responder: responder, responderID: form)
            let der = try #require(try await authority.ocspResponse(for: PKI.revoked, issuer: TestPKI.intermediate))
            let basic = try #require(try OCSPResponse(derBytes: der).basicResponse)
            #expect(basic.certs == [certificate])
            let status = await PKI.offline(PKI.revoked, RevocationData(ocspResponses: [der]), preference: .ocspOnly)
            #expect(status.outcome == .revoked(revocationTime: PKI.revocationTime, reason: "keyCompromise"), "\(form): \(status.outcome)")
            #expect(status.evidenceSignerCertificates == [certificate])
        }
        // CRLs are still signed by the CA.
        let crl = try await PKI.authority(responder: responder).currentCRL()
        let status = await PKI.offline(PKI.good, RevocationData(crls: [crl]), preference: .crlOnly)
        #expect(status.outcome == .good, "\(status.outcome)")
    }

    @Test func delegatedResponderWithoutOCSPSigningIsRejected() async throws {
        let certificate = PKI.responderCertificate(ocspSigning: false)
        let key = PKI.responderKeyProvider(certificate)
        // The authority refuses it...
        #expect(throws: CMSError.self) {
            try PKI.authority(responder: .init(certificate: certificate, key: key))
        }
        // ...and a response it signs anyway is refused by the validator.
        let authority = try PKI.authority(responder: .init(uncheckedCertificate: certificate, key: key))
        let der = try #require(try await authority.ocspResponse(for: PKI.good, issuer: TestPKI.intermediate))
        let status = await PKI.offline(PKI.good, RevocationData(ocspResponses: [der]), preference: .ocspOnly)
        #expect(PKI.unknownReason(status)?.contains("lacks extended key usage id-kp-OCSPSigning") == true, "\(status.outcome)")
    }

    @Test func responderNotIssuedByTheCAIsRefused() throws {
        let key = try TestPKI.signingKey(.p256)
        // The responder certificate was issued by the issuing CA, not by the root.
        #expect(throws: CMSError.self) {
            try LocalRevocationAuthority(issuer: TestPKI.root, issuerKey: PKI.rootSigningKey,
                                         responder: .init(certificate: PKI.responderCertificate(ocspSigning: true), key: key))
        }
    }

    @Test func answersRequestsAndEchoesTheNonce() async throws {
        let authority = try PKI.authority()
        let nonce: [UInt8] = (0..<16).map { UInt8($0 * 7 + 1) }
        let request = try RevocationChecker.ocspRequestDER(for: PKI.revoked, issuer: TestPKI.intermediate, nonce: nonce)
        let der = await authority.respond(toRequest: request)
        let response = try OCSPResponse(derBytes: der)
        #expect(response.responseStatus == 0)
        #expect(response.basicResponse?.responseData.nonce.map(Array.init) == nonce)
        let status = await PKI.offline(PKI.revoked, RevocationData(ocspResponses: [der]), preference: .ocspOnly)
        #expect(status.outcome == .revoked(revocationTime: PKI.revocationTime, reason: "keyCompromise"), "\(status.outcome)")

        // Without a nonce, none is echoed; several CertIDs get one SingleResponse each, in order.
        let multi = try OCSPRequest(certIDs: [try OCSPCertID(certificate: PKI.good, issuer: TestPKI.intermediate),
                                              try OCSPCertID(certificate: PKI.revoked, issuer: TestPKI.intermediate, digest: .sha256),
                                              try OCSPCertID(certificate: PKI.foreignLeaf, issuer: TestPKI.otherRoot)]).derEncoded
        let multiResponse = try OCSPResponse(derBytes: await authority.respond(toRequest: multi))
        let data = try #require(multiResponse.basicResponse?.responseData)
        #expect(data.nonce == nil)
        #expect(data.responses.map(\.certStatus) == [.good, .revoked(time: PKI.revocationTime, reason: 1), .unknown])
        #expect(data.responses[1].certID.hashAlgorithm.algorithm == DigestAlgorithm.sha256.oid)
    }

    @Test func garbageRequestsGetMalformedRequest() async throws {
        let authority = try PKI.authority()
        for garbage in [[], [0x30, 0x03, 0x02, 0x01], Array("hello".utf8), [0x30, 0x00]] as [[UInt8]] {
            let der = await authority.respond(toRequest: garbage)
            let response = try OCSPResponse(derBytes: der)
            #expect(response.responseStatus == 1)
            #expect(response.basicResponse == nil)
            #expect(der == [0x30, 0x03, 0x0A, 0x01, 0x01])
        }
    }
}

@Suite("Local revocation authority: CRL")
struct LocalRevocationAuthorityCRLTests {
    typealias PKI = RevocationTestPKI

    @Test func goodAndRevokedOfflineAndOnline() async throws {
        let authority = try PKI.authority()
        let crl = try await authority.currentCRL()
        let good = await PKI.offline(PKI.good, RevocationData(crls: [crl]), preference: .crlOnly)
        #expect(good.outcome == .good, "\(good.outcome)")
        #expect(good.source == .crl)
        #expect(good.nextUpdate == PKI.now.addingTimeInterval(7 * 86_400))
        let revoked = await PKI.offline(PKI.revoked, RevocationData(crls: [crl]), preference: .crlOnly)
        #expect(revoked.outcome == .revoked(revocationTime: PKI.revocationTime, reason: "keyCompromise"), "\(revoked.outcome)")
        let foreign = await PKI.offline(PKI.foreignLeaf, RevocationData(crls: [crl]), preference: .crlOnly, issuer: TestPKI.otherRoot)
        #expect(PKI.unknownReason(foreign)?.contains("not by the certificate's issuer") == true, "\(foreign.outcome)")

        let checker = RevocationChecker(policy: .online(authority, preference: .crlOnly))
        #expect(await checker.status(of: PKI.good, issuer: TestPKI.intermediate, at: PKI.now).outcome == .good)
        let online = await checker.status(of: PKI.revoked, issuer: TestPKI.intermediate, at: PKI.now)
        #expect(online.outcome == .revoked(revocationTime: PKI.revocationTime, reason: "keyCompromise"))
        #expect(online.source == .crl)
        #expect(try await authority.crls(for: PKI.foreignLeaf, issuer: TestPKI.otherRoot).isEmpty)
        let none = await checker.status(of: PKI.foreignLeaf, issuer: TestPKI.otherRoot, at: PKI.now)
        #expect(PKI.unknownReason(none)?.contains("no CRL distribution point") == true, "\(none.outcome)")
    }

    @Test func crlStructure() async throws {
        let authority = try PKI.authority()
        authority.revoke(serialNumber: PKI.good.serialNumber, at: PKI.now.addingTimeInterval(-10))
        let first = try CRLCertificateList(derBytes: try await authority.currentCRL())
        let second = try CRLCertificateList(derBytes: try await authority.currentCRL())
        let tbs = first.tbsCertList
        #expect(tbs.version == 1)
        #expect(tbs.issuer == TestPKI.intermediate.subject)
        #expect(tbs.thisUpdate == PKI.now)
        #expect(tbs.revokedCertificates.count == 2)
        let entry = try #require(tbs.revokedCertificates.first { RevocationSerial.normalized($0.serialNumber) == PKI.revoked.normalizedSerial })
        #expect(entry.revocationDate == PKI.revocationTime)
        #expect(entry.reasonCode == 1)
        let plain = try #require(tbs.revokedCertificates.first { RevocationSerial.normalized($0.serialNumber) == PKI.good.normalizedSerial })
        #expect(plain.reasonCode == nil && plain.extensions.isEmpty)
        func number(_ crl: CRLCertificateList) throws -> Int {
            let ext = try #require(crl.tbsCertList.crlExtensions.first { $0.oid == RevocationOID.crlNumber })
            return try Int(derEncoded: try DER.parse(ext.value))
        }
        #expect(try number(first) == 1)
        #expect(try number(second) == 2)
        #expect(tbs.crlExtensions.contains { $0.oid == RevocationOID.authorityKeyIdentifier && !$0.critical })
        #expect(try tbs.derEncoded == Array(first.tbsCertListBytes))
        #expect(first.signatureAlgorithm.algorithm == CMSObjectIdentifier.Signature.ecdsaWithSHA256)
    }

    @Test func serialWithTopBitSetIsMinimalDERAndMatched() async throws {
        let leaf = try Certificate(
            version: .v3, serialNumber: .init(bytes: [0x80, 0x00, 0x01]), publicKey: TestPKI.publicKey(.p256),
            notValidBefore: TestPKI.now.addingTimeInterval(-3600), notValidAfter: TestPKI.now.addingTimeInterval(86_400),
            issuer: TestPKI.intermediate.subject, subject: try DistinguishedName { CommonName("High serial") },
            signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(),
            issuerPrivateKey: .init(TestPKI.intermediateKey))
        let authority = try PKI.authority()
        authority.revoke(leaf, at: PKI.revocationTime, reason: .affiliationChanged)
        let data = try await authority.revocationData(for: leaf)
        let crl = try CRLCertificateList(derBytes: try #require(data.crls.first))
        let entry = try #require(crl.tbsCertList.revokedCertificates.first { RevocationSerial.normalized($0.serialNumber) == leaf.normalizedSerial })
        #expect(entry.reasonCode == 3)
        for preference in [RevocationPolicy.Preference.ocspOnly, .crlOnly] {
            let status = await PKI.offline(leaf, data, preference: preference)
            #expect(status.outcome == .revoked(revocationTime: PKI.revocationTime, reason: "affiliationChanged"), "\(preference): \(status.outcome)")
        }
    }

    @Test func tamperedSignatureIsUnknown() async throws {
        let crl = try await PKI.authority().currentCRL()
        let status = await PKI.offline(PKI.revoked, RevocationData(crls: [try PKI.tamperedCRL(crl)]), preference: .crlOnly)
        #expect(PKI.unknownReason(status)?.contains("signature does not verify") == true, "\(status.outcome)")
    }

    @Test func staleCRLIsUnknown() async throws {
        let issued = PKI.now.addingTimeInterval(-30 * 86_400)
        let authority = try LocalRevocationAuthority(
            issuer: TestPKI.intermediate, issuerKey: PKI.caKey,
            configuration: .init(crlValidity: .init(nextUpdateOffset: .seconds(86_400)), clock: { issued }))
        let crl = try await authority.currentCRL()
        let stale = await PKI.offline(PKI.good, RevocationData(crls: [crl]), at: issued.addingTimeInterval(9 * 86_400), preference: .crlOnly)
        #expect(PKI.unknownReason(stale)?.contains("stale") == true, "\(stale.outcome)")
    }

    @Test func revocationAfterValidationTimeIsGood() async throws {
        let crl = try await PKI.authority().currentCRL()
        let status = await PKI.offline(PKI.revoked, RevocationData(crls: [crl]), at: PKI.revocationTime.addingTimeInterval(-60),
                                       preference: .crlOnly)
        #expect(status.outcome == .good, "\(status.outcome)")
    }

    @Test func rsaAndEd25519AuthoritiesSignVerifiably() async throws {
        // A CA of each other key type signs CRLs and OCSP responses our validators accept.
        for type in [TestPKI.KeyType.rsa2048, .ed25519, .p384] {
            for pss in type == .rsa2048 ? [false, true] : [false] {
                let caKey = try TestPKI.signingKey(type)
                let ca = try await caKey.signerCertificate
                let leaf = try Certificate(
                    version: .v3, serialNumber: TestPKI.serialNumber(), publicKey: TestPKI.publicKey(.p256),
                    notValidBefore: TestPKI.now.addingTimeInterval(-3600), notValidAfter: TestPKI.now.addingTimeInterval(86_400),
                    issuer: ca.subject, subject: try DistinguishedName { CommonName("Leaf of \(type)") },
                    signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(),
                    issuerPrivateKey: .init(P256.Signing.PrivateKey()))
                let authority = try LocalRevocationAuthority(
                    issuer: ca, issuerKey: caKey, revocations: [.init(certificate: leaf, revocationTime: PKI.revocationTime)],
                    configuration: .init(usesRSAPSS: pss, clock: { PKI.now }))
                let data = try await authority.revocationData(for: leaf)
                for preference in [RevocationPolicy.Preference.ocspOnly, .crlOnly] {
                    let status = await PKI.offline(leaf, data, preference: preference, issuer: ca)
                    #expect(status.outcome == .revoked(revocationTime: PKI.revocationTime, reason: nil),
                            "\(type) pss=\(pss) \(preference): \(status.outcome)")
                }
                let expected = type == .ed25519 ? CMSObjectIdentifier.Signature.ed25519
                    : type == .p384 ? CMSObjectIdentifier.Signature.ecdsaWithSHA256
                    : pss ? CMSObjectIdentifier.Signature.rsassaPSS : CMSObjectIdentifier.Signature.sha256WithRSA
                let crl = try CRLCertificateList(derBytes: try #require(data.crls.first))
                #expect(crl.signatureAlgorithm.algorithm == expected)
                if type == .rsa2048, !pss { #expect(crl.signatureAlgorithm.parameters != nil) }
            }
        }
    }
}

@Suite("Local revocation authority: CMS verification")
struct LocalRevocationAuthorityVerificationTests {
    typealias PKI = RevocationTestPKI
    static let content = Array("revocation-checked contract".utf8)

    func verify(_ key: SoftwareSigningKey, authority: LocalRevocationAuthority) async throws -> CMSValidationReport {
        let signature = try await CAdESSigner(key: key).sign(content: Self.content)
        // The issuing CA's own status comes from the root's CRL, supplied as data.
        let rootCRL = try await PKI.rootAuthority().currentCRL()
        let policy = CMSVerificationPolicy(trustAnchors: [TestPKI.root],
                                           revocation: .online(authority, data: RevocationData(crls: [rootCRL])))
        return await CMSSignatureVerifier(policy: policy).verify(signature, content: .bytes(Self.content))
    }

    @Test func goodSignerIsTotalPassed() async throws {
        let report = try await verify(try TestPKI.signingKey(.p256, leaf: PKI.good), authority: PKI.authority())
        #expect(report.indication == .totalPassed, "\(report.checks)")
        #expect(report.revocation.count == 2)
        #expect(report.revocation.map(\.status.source) == [.ocsp, .crl])
    }

    @Test func revokedSignerIsRevokedNoPOE() async throws {
        let report = try await verify(try TestPKI.signingKey(.p256, leaf: PKI.revoked), authority: PKI.authority())
        #expect(report.indication == .indeterminate, "\(report.checks)")
        #expect(report.subIndication == .revokedNoPOE, "\(report.checks)")
    }

    @Test func withoutEvidenceForTheCAItIsTryLater() async throws {
        // Only the issuing CA's authority: the CA certificate's own status is unknown.
        let signature = try await CAdESSigner(key: try TestPKI.signingKey(.p256, leaf: PKI.good)).sign(content: Self.content)
        let policy = CMSVerificationPolicy(trustAnchors: [TestPKI.root], revocation: .online(try PKI.authority()))
        let report = await CMSSignatureVerifier(policy: policy).verify(signature, content: .bytes(Self.content))
        #expect(report.subIndication == .tryLater, "\(report.checks)")
    }

    @Test func sandboxAuthority() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-revocation-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sandbox = try SandboxPKI.openOrCreate(at: directory)
        let signer = try sandbox.signer(named: "party-a", subject: try DistinguishedName { CommonName("Party A") })
        let leaf = try await signer.signerCertificate
        let authority = try sandbox.revocationAuthority()
        let data = try await authority.revocationData(for: leaf)
        #expect(data.ocspResponses.count == 1 && data.crls.count == 1)
        for preference in [RevocationPolicy.Preference.ocspOnly, .crlOnly] {
            let status = await PKI.offline(leaf, data, at: Date(), preference: preference, issuer: sandbox.issuingCA)
            #expect(status.outcome == .good, "\(preference): \(status.outcome)")
        }
        let when = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down) - 5)
        authority.revoke(leaf, at: when, reason: .keyCompromise)
        let status = await RevocationChecker(policy: .online(authority, preference: .ocspOnly))
            .status(of: leaf, issuer: sandbox.issuingCA, at: Date())
        #expect(status.outcome == .revoked(revocationTime: when, reason: "keyCompromise"), "\(status.outcome)")
    }
}
