@testable import CMSCore
import Foundation
import SwiftASN1
import Testing
import X509
import TestSupport

/// A document signature must come from a certificate meant for it: not a CA, not a TSA or an
/// OCSP responder. These all verified TOTAL-PASSED before.
@Suite("The signer's certificate must fit document signing")
struct SignerPurposeTests {
    static let content = Array("売買契約書".utf8)

    static func eku(_ oids: [ASN1ObjectIdentifier], critical: Bool = false) throws -> Certificate.Extension {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            for oid in oids { try coder.serialize(oid) }
        }
        return Certificate.Extension(oid: .X509ExtensionID.extendedKeyUsage, critical: critical, value: coder.serializedBytes[...])
    }

    static func verify(_ leaf: Certificate) async throws -> CMSValidationReport {
        let signature = try await CAdESSigner(key: TestPKI.signingKey(.p256, leaf: leaf)).sign(content: content)
        return await CMSSignatureVerifier(policy: TestPKI.policy()).verify(signature, content: .bytes(content))
    }

    static let timeStamping: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 8]
    static let ocspSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 9]
    static let codeSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 3]
    static let serverAuth: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 1]
    static let clientAuth: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 2]
    static let emailProtection: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 4]
    static let documentSigning: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 3, 36]
    static let anyUsage: ASN1ObjectIdentifier = [2, 5, 29, 37, 0]
    static let adobe: ASN1ObjectIdentifier = [1, 2, 840, 113583, 1, 1, 5]
    static let microsoft: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 311, 10, 3, 12]

    @Test("a TSA certificate, an OCSP responder certificate, a code-signing or TLS-only certificate: INDETERMINATE CHAIN_CONSTRAINTS_FAILURE",
          arguments: [[timeStamping], [ocspSigning], [codeSigning], [serverAuth, clientAuth]])
    func wrongExtendedKeyUsage(usages: [ASN1ObjectIdentifier]) async throws {
        let leaf = TestPKI.leaf(.p256, extra: [try Self.eku(usages, critical: usages == [Self.timeStamping])])
        let report = try await Self.verify(leaf)
        #expect(report.integrity == .verified)
        #expect(report.indication == .indeterminate, "\(report.checks)")
        #expect(report.subIndication == .chainConstraintsFailure)
        #expect(report.notices.contains { $0.code == .signerCertificatePurpose && $0.detail.contains("extendedKeyUsage") })
    }

    @Test("a CA certificate (basicConstraints cA=TRUE) with digitalSignature is refused as a signer")
    func caCertificate() async throws {
        let leaf = TestPKI.leaf(.p256, keyUsage: KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true),
                                basicConstraints: .isCertificateAuthority(maxPathLength: nil))
        let report = try await Self.verify(leaf)
        #expect(report.indication == .indeterminate)
        #expect(report.subIndication == .chainConstraintsFailure)
        #expect(report.notices.contains { $0.code == .signerCertificatePurpose && $0.detail.contains("CA") })
    }

    @Test("document-signing purposes pass: none, emailProtection (with clientAuth), documentSigning, any, Adobe, Microsoft",
          arguments: [[], [emailProtection], [clientAuth, emailProtection], [documentSigning], [anyUsage], [adobe], [microsoft]])
    func documentSigningUsages(usages: [ASN1ObjectIdentifier]) async throws {
        let leaf = TestPKI.leaf(.p256, extra: usages.isEmpty ? [] : [try Self.eku(usages)])
        let report = try await Self.verify(leaf)
        #expect(report.indication == .totalPassed, "\(report.checks)")
        #expect(report.notices.isEmpty)
    }

    @Test("TSA tokens keep their own rule: timeStamping only, critical")
    func timeStampingRequirement() {
        let tsa = [try! Self.eku([Self.timeStamping], critical: true)]
        #expect(CertificateUsagePolicy.problem(with: tsa, requirement: .timeStamping) == nil)
        #expect(CertificateUsagePolicy.problem(with: tsa, requirement: .signature) != nil)
        #expect(CertificateUsagePolicy.problem(with: [try! Self.eku([Self.emailProtection])], requirement: .timeStamping) != nil)
    }
}
