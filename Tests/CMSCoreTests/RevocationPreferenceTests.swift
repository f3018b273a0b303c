@testable import CMSCore
import Foundation
import Testing
import X509
import TestSupport

/// Which kind of evidence each certificate of a chain is checked with, by preference.
@Suite("Revocation: evidence preference per certificate")
struct RevocationPreferenceTests {
    typealias PKI = RevocationTestPKI

    /// A leaf naming an OCSP responder, like real signer certificates; the test intermediate
    /// names none, as intermediates under a root usually publish only a CRL.
    static let leafWithResponder = TestPKI.leaf(
        .p256, name: "With Responder",
        authorityInformationAccess: AuthorityInformationAccess([
            .init(method: .ocspServer, location: .uniformResourceIdentifier("http://ocsp.invalid/interm"))
        ]))

    /// Answers from the in-process authorities and records what it was asked. Like
    /// `HTTPRevocationDataSource`, it has no OCSP answer for a certificate naming no responder.
    final class RecordingSource: RevocationDataSource, @unchecked Sendable {
        // @unchecked: `asked` is guarded by `lock`.
        private let lock = NSLock()
        private var asked: [String] = []
        let intermediateAuthority: LocalRevocationAuthority
        let rootAuthority: LocalRevocationAuthority

        init() throws {
            intermediateAuthority = try PKI.authority()
            rootAuthority = try PKI.rootAuthority()
        }

        var requests: [String] { lock.withLock { asked } }

        private func authority(for issuer: Certificate) -> LocalRevocationAuthority {
            issuer == TestPKI.root ? rootAuthority : intermediateAuthority
        }

        func ocspResponse(for certificate: Certificate, issuer: Certificate) async throws -> [UInt8]? {
            lock.withLock { asked.append("ocsp \(certificate.subject)") }
            guard !certificate.ocspResponderURLs.isEmpty else { return nil }
            return try await authority(for: issuer).ocspResponse(for: certificate, issuer: issuer)
        }

        func crls(for certificate: Certificate, issuer: Certificate) async throws -> [[UInt8]] {
            lock.withLock { asked.append("crl \(certificate.subject)") }
            return try await authority(for: issuer).crls(for: certificate, issuer: issuer)
        }
    }

    @Test("OCSP where the certificate names a responder, CRLs for the intermediate that names none")
    func ocspWhereNamedElseCRL() async throws {
        let source = try RecordingSource()
        let checker = RevocationChecker(policy: .online(source, preference: .ocspWhereNamedElseCRL))
        let leaf = await checker.status(of: Self.leafWithResponder, issuer: TestPKI.intermediate, at: PKI.now)
        #expect(leaf.outcome == .good, "\(leaf.outcome)")
        #expect(leaf.source == .ocsp)
        let intermediate = await checker.status(of: TestPKI.intermediate, issuer: TestPKI.root, at: PKI.now)
        #expect(intermediate.outcome == .good, "\(intermediate.outcome)")
        #expect(intermediate.source == .crl)
        #expect(source.requests == ["ocsp \(Self.leafWithResponder.subject)", "crl \(TestPKI.intermediate.subject)"])
    }

    @Test("OCSP only leaves an intermediate without a responder unknown (what --ocsp used to do)")
    func ocspOnlyFailsOnTheIntermediate() async throws {
        let source = try RecordingSource()
        let checker = RevocationChecker(policy: .online(source, preference: .ocspOnly))
        let leaf = await checker.status(of: Self.leafWithResponder, issuer: TestPKI.intermediate, at: PKI.now)
        #expect(leaf.outcome == .good, "\(leaf.outcome)")
        let intermediate = await checker.status(of: TestPKI.intermediate, issuer: TestPKI.root, at: PKI.now)
        #expect(PKI.unknownReason(intermediate)?.contains("no OCSP responder") == true, "\(intermediate.outcome)")
        #expect(!source.requests.contains { $0.hasPrefix("crl ") })
    }

    @Test("the verifier passes a chain whose intermediate has only a CRL")
    func verifierWithMixedChain() async throws {
        let key = try TestPKI.signingKey(.p256, leaf: Self.leafWithResponder)
        let content = Array("契約".utf8)
        let signature = try await CAdESSigner(key: key).sign(content: content)
        let source = try RecordingSource()
        var policy = TestPKI.policy(at: PKI.now)
        policy.revocation = .online(source, preference: .ocspWhereNamedElseCRL)
        let report = await CMSSignatureVerifier(policy: policy).verify(signature, content: .bytes(content))
        #expect(report.indication == .totalPassed, "\(report.checks)")
        #expect(Set(source.requests) == ["ocsp \(Self.leafWithResponder.subject)", "crl \(TestPKI.intermediate.subject)"])
    }
}
