import CMSCore
import Foundation
@testable import PDFSign
import Testing
import TimestampClient
import X509

/// Timestamps decide proof of existence, so a timestamp that fails must fail the signature and
/// one that cannot be validated must prove nothing; and a timestamp token is never an
/// approval signature. Every input is built here from the sandbox PKI.
@Suite("Validator: timestamps that do not validate, and type confusion")
struct TimestampVerdictTests {
    static func policy(_ revocation: PDFSignatureValidationPolicy.RevocationSource) -> PDFSignatureValidationPolicy {
        PDFSignatureValidationPolicy(trustAnchors: [SigningFixtures.pki.root], revocation: revocation)
    }

    static func online() throws -> PDFSignatureValidationPolicy.RevocationSource {
        .online(try SigningFixtures.pki.revocationDataSource())
    }

    /// A TSA that time-stamps other data than it is asked to.
    struct OtherDataTSA: TimestampAuthority {
        let inner: LocalTimestampAuthority
        func timestamp(digest: [UInt8], algorithm: DigestAlgorithm) async throws -> TimestampToken {
            try await inner.timestamp(digest: algorithm.hash(Array("other data".utf8)), algorithm: algorithm)
        }
    }

    static func signedBT(tsa: some TimestampAuthority) async throws -> [UInt8] {
        let signer = PDFSigner(key: try SigningFixtures.signer(), level: .t, timestampAuthority: tsa)
        return try await signer.sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
    }

    @Test("a signature timestamp over other data: the signature is TOTAL-FAILED, with or without trust")
    func timestampOverOtherData() async throws {
        let bytes = try await Self.signedBT(tsa: OtherDataTSA(inner: try SigningFixtures.tsa()))
        for policy in [Self.policy(try Self.online()), PDFSignatureValidationPolicy()] {
            let report = await PDFSignatureValidator(policy: policy).validate(try PDFDocument(bytes: bytes))
            let signature = try #require(report.signatures.first)
            #expect(signature.intact, "the signature itself is intact")
            #expect(signature.indication == .totalFailed, "\(signature.indication) \(signature.findings)")
            #expect(signature.findings.contains { $0.code == .timestampInvalid }, "\(signature.findings)")
            #expect(signature.level == .b && signature.timestampTime == nil, "a broken timestamp proves no time")
            #expect(!report.valid)
        }
    }

    @Test("a signature timestamp signed with a key that is not a TSA's: never a proof of existence, never passed")
    func timestampByANonTSAKey() async throws {
        let forger = try LocalTimestampAuthority(key: SigningFixtures.signer("not-a-tsa"), policy: [1, 3, 6, 1, 4, 1, 99999, 1])
        let bytes = try await Self.signedBT(tsa: forger)
        let report = await PDFSignatureValidator(policy: Self.policy(try Self.online())).validate(try PDFDocument(bytes: bytes))
        let signature = try #require(report.signatures.first)
        #expect(signature.indication != .totalPassed, "\(signature.findings)")
        #expect(signature.level == .b && signature.timestampTime == nil, "level \(signature.level?.rawValue ?? "none")")
        #expect(signature.findings.contains { [.timestampInvalid, .timestampIndeterminate].contains($0.code) }, "\(signature.findings)")
        #expect(!report.valid)
    }

    @Test("a revoked signer is not saved by a backdated document timestamp from an untrusted TSA")
    func backdatedDocumentTimestamp() async throws {
        let signerKey = try SigningFixtures.signer("revoked-later")
        let leaf = signerKey.certificateChain[0]
        let signed = try await PDFSigner(key: signerKey, level: .b).sign(PDFDocument(bytes: SigningFixtures.classicPDF()))
        // A TSA of another, untrusted PKI, whose clock says ten days ago.
        let other = try SandboxPKI.openOrCreate(at: FileManager.default.temporaryDirectory
            .appendingPathComponent("pdfsign-tests-untrusted-\(ProcessInfo.processInfo.processIdentifier)"))
        let backdated = try LocalTimestampAuthority(key: other.timestampAuthorityKey(), policy: [1, 3, 6, 1, 4, 1, 99999, 1],
                                                    clock: { Date().addingTimeInterval(-10 * 86_400) })
        let revocation = try SigningFixtures.pki.revocationDataSource(revocations: [
            .init(certificate: leaf, revocationTime: Date().addingTimeInterval(-86_400), reason: .keyCompromise),
        ])
        let stamped = try await PDFLongTermValidation(revocationSource: revocation, timestampAuthority: backdated)
            .addingDocumentTimestamp(to: PDFDocument(bytes: signed))
        let report = await PDFSignatureValidator(policy: Self.policy(.online(revocation))).validate(try PDFDocument(bytes: stamped))
        let signature = try #require(report.signatures.first)
        let timestamp = try #require(report.documentTimestamps.first)
        #expect(timestamp.indication == .indeterminate, "\(timestamp.indication) \(timestamp.findings)")
        #expect(timestamp.findings.contains { $0.code == .signatureIndeterminate }, "an INDETERMINATE verdict says why: \(timestamp.findings)")
        #expect(signature.indication != .totalPassed, "validated at the forged time: \(signature.findings)")
        #expect(signature.subIndication?.rawValue.contains("REVOKED") == true, "\(signature.indication) \(signature.subIndication?.rawValue ?? "")")
        #expect(signature.level == .b, "an INDETERMINATE document timestamp does not make B-T: \(signature.level?.rawValue ?? "none")")
        #expect(!report.valid)
    }

    // MARK: Type confusion

    /// `bytes` prepared for a signature (or document timestamp), `edit` applied to the
    /// signed bytes, and `contents(digest)` embedded over the edited ranges.
    static func forged(documentTimestamp: Bool, edit: (inout [UInt8]) throws -> Void,
                       contents: ([UInt8]) async throws -> [UInt8]) async throws -> [UInt8] {
        var preparer = PDFSignaturePreparer()
        preparer.isDocumentTimestamp = documentTimestamp
        var (bytes, prepared) = try preparer.prepare(PDFDocument(bytes: SigningFixtures.classicPDF()), contentsCapacity: 16_384)
        try edit(&bytes)
        let range = prepared.byteRange
        let digest = DigestAlgorithm.sha256.hash(Array(bytes[range[0]..<range[0] + range[1]] + bytes[range[2]..<range[2] + range[3]]))
        try prepared.embed(try await contents(digest), into: &bytes)
        return bytes
    }

    static func replace(_ old: String, _ new: String, in bytes: inout [UInt8]) throws {
        let (old, new) = (Array(old.utf8), Array(new.utf8))
        precondition(old.count == new.count, "same length keeps the offsets")
        let at = try #require((0...(bytes.count - old.count)).first { bytes[$0..<$0 + old.count].elementsEqual(old) })
        bytes.replaceSubrange(at..<at + old.count, with: new)
    }

    static func token(_ digest: [UInt8]) async throws -> [UInt8] {
        try await SigningFixtures.tsa().timestamp(digest: digest, algorithm: .sha256).derEncoded
    }

    static func expectTypeConfusion(_ bytes: [UInt8]) async throws {
        let report = await PDFSignatureValidator(policy: Self.policy(try Self.online())).validate(try PDFDocument(bytes: bytes))
        let all = report.signatures + report.documentTimestamps
        #expect(all.count == 1)
        #expect(all.allSatisfy { $0.indication == .totalFailed }, "\(all.map(\.indication))")
        #expect(all.contains { $0.findings.contains { $0.code == .typeConfusion } }, "\(all.map(\.findings))")
        #expect(!report.valid)
    }

    @Test("a /Sig dictionary whose /Contents is a timestamp token is not an approval signature by the TSA")
    func timestampTokenAsSignature() async throws {
        try await Self.expectTypeConfusion(try await Self.forged(documentTimestamp: false, edit: { _ in }, contents: Self.token))
    }

    @Test("/SubFilter /ETSI.RFC3161 without /Type /DocTimeStamp is refused")
    func rfc3161InASigDictionary() async throws {
        try await Self.expectTypeConfusion(try await Self.forged(
            documentTimestamp: true, edit: { try Self.replace("/DocTimeStamp", "/Sig         ", in: &$0) }, contents: Self.token))
    }

    @Test("/Type /DocTimeStamp with another /SubFilter is refused")
    func documentTimestampWithOtherSubFilter() async throws {
        try await Self.expectTypeConfusion(try await Self.forged(
            documentTimestamp: true, edit: { try Self.replace("/ETSI.RFC3161", "/ETSI.RFC3162", in: &$0) }, contents: Self.token))
    }

    @Test("controls: an untouched document timestamp and B-T signature pass")
    func controls() async throws {
        let stamp = try await Self.forged(documentTimestamp: true, edit: { _ in }, contents: Self.token)
        let timestamp = await PDFSignatureValidator(policy: Self.policy(try Self.online())).validate(try PDFDocument(bytes: stamp))
        #expect(timestamp.documentTimestamps.first?.indication == .totalPassed, "\(timestamp.documentTimestamps)")
        let signed = try await Self.signedBT(tsa: try SigningFixtures.tsa())
        let report = await PDFSignatureValidator(policy: Self.policy(try Self.online())).validate(try PDFDocument(bytes: signed))
        #expect(report.signatures.first?.indication == .totalPassed && report.signatures.first?.level == .t, "\(report.signatures)")
    }
}
