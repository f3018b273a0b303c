import CMSCore
import EvidenceRecords
import Foundation
import Testing
import TestSupport
import TimestampClient
import X509

/// Our own records over decades: built under a short-lived TSA certificate, renewed (timestamp,
/// then hash tree SHA-256 → SHA-512), verified long after the first TSA certificate expired, at
/// fixed times — never today's date.
@Suite("Evidence records: build, renew, verify")
struct EvidenceRecordLifecycleTests {
    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// A root valid 2029–2060, a TSA certificate valid only during 2030, and a second TSA for 2030–2045.
    struct Timeline: Sendable {
        let root: TestPKI.Identity
        let shortTSA: TestPKI.Identity
        let longTSA: TestPKI.Identity

        init() throws {
            root = try TestPKI.makeRoot(name: "ERS Test Root", notBefore: date("2029-01-01T00:00:00Z"), notAfter: date("2060-01-01T00:00:00Z"))
            let tsaExtensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                Critical(try ExtendedKeyUsage([.timeStamping]))
            }
            shortTSA = try TestPKI.issue(name: "Short-lived TSA", by: root, extensions: tsaExtensions,
                                         notBefore: date("2030-01-01T00:00:00Z"), notAfter: date("2031-01-01T00:00:00Z"))
            longTSA = try TestPKI.issue(name: "Long-lived TSA", by: root, extensions: tsaExtensions,
                                        notBefore: date("2030-06-01T00:00:00Z"), notAfter: date("2045-01-01T00:00:00Z"))
        }

        func tsa(_ identity: TestPKI.Identity, at time: String) throws -> CountingAuthority {
            let when = date(time)
            return CountingAuthority(LocalTimestampAuthority(key: try identity.provider(), policy: TestPKI.policy, clock: { when }))
        }

        func verifier(at time: String) -> EvidenceRecordVerifier {
            EvidenceRecordVerifier(policy: EvidenceRecordVerificationPolicy(
                timestamps: TimestampVerificationPolicy(trustAnchors: [root.certificate]), validationTime: date(time)))
        }
    }

    static let documents: [[UInt8]] = (0..<7).map { Array("contract \($0): 甲と乙は…".utf8) }

    /// Seven records: six single documents and one group (contract + certificate + trail).
    static func groups(_ algorithm: DigestAlgorithm = .sha256) -> [DataObjectGroup] {
        (0..<6).map { DataObjectGroup(hashing: [documents[$0]], algorithm: algorithm) }
            + [DataObjectGroup(hashing: [documents[6], Array("certificate".utf8), Array("trail".utf8)], algorithm: algorithm)]
    }

    static func objects(_ index: Int) -> [DataObject] {
        index < 6 ? [.bytes(documents[index])] : [.bytes(documents[6]), .bytes(Array("certificate".utf8)), .bytes(Array("trail".utf8))]
    }

    @Test("one TSA call for many records; each verifies, round-trips, and covers only its own data")
    func build() async throws {
        let timeline = try Timeline()
        let tsa = try timeline.tsa(timeline.shortTSA, at: "2030-03-01T00:00:00Z")
        let records = try await EvidenceRecordBuilder(authority: tsa).records(for: Self.groups())
        #expect(await tsa.calls == 1)
        #expect(records.count == 7)
        let verifier = timeline.verifier(at: "2030-06-01T00:00:00Z")
        for (index, record) in records.enumerated() {
            let parsed = try EvidenceRecord(derEncoded: try record.derEncoded())
            #expect(parsed == record)
            let report = await verifier.verify(parsed, dataObjects: Self.objects(index))
            #expect(report.indication == .totalPassed, "\(report.checks.filter { $0.outcome == .failed })")
            #expect(report.isValid)
        }
        // Record 0 does not cover document 1.
        let other = await verifier.verify(records[0], dataObjects: Self.objects(1))
        #expect(other.indication == .totalFailed && other.subIndication == .hashFailure)
        #expect(!other.isIntact)
        // Without trust anchors: intact, trust not judged.
        let integrity = await EvidenceRecordVerifier(policy: .init(validationTime: Self.date("2030-06-01T00:00:00Z"))).verify(records[3], dataObjects: Self.objects(3))
        #expect(integrity.isIntact && !integrity.trustJudged && integrity.indication == .indeterminate && integrity.subIndication == .noCertificateChainFound)
    }

    @Test("after a timestamp renewal and a hash-tree renewal, records verify past the first TSA certificate's expiry")
    func renewals() async throws {
        let timeline = try Timeline()
        let first = try timeline.tsa(timeline.shortTSA, at: "2030-03-01T00:00:00Z")
        var records = try await EvidenceRecordBuilder(authority: first).records(for: Self.groups())

        // Without renewal the first TSA's certificate has expired by 2036: no proof.
        let unrenewed = await timeline.verifier(at: "2036-01-01T00:00:00Z").verify(records[0], dataObjects: Self.objects(0))
        #expect(unrenewed.indication == .indeterminate && unrenewed.subIndication == .outOfBoundsNoPOE)

        let second = try timeline.tsa(timeline.longTSA, at: "2030-11-01T00:00:00Z")
        records = try await EvidenceRecordRenewer(authority: second).renewTimestamps(records)
        #expect(await second.calls == 1)
        let third = try timeline.tsa(timeline.longTSA, at: "2033-01-01T00:00:00Z")
        records = try await EvidenceRecordRenewer(authority: third).renewHashTrees(records, dataObjects: (0..<7).map(Self.objects), algorithm: .sha512)
        #expect(await third.calls == 1)

        let verifier = timeline.verifier(at: "2036-01-01T00:00:00Z")
        for (index, record) in records.enumerated() {
            let parsed = try EvidenceRecord(derEncoded: try record.derEncoded())
            #expect(parsed.archiveTimeStampSequence.chains.count == 2)
            #expect(parsed.digestAlgorithmOIDs == [DigestAlgorithm.sha256.oid, DigestAlgorithm.sha512.oid])
            let report = await verifier.verify(parsed, dataObjects: Self.objects(index))
            #expect(report.indication == .totalPassed, "\(report.checks.filter { $0.outcome == .failed })")
            #expect(report.archiveTimeStamps.map(\.kind) == [.initial, .timestampRenewal, .hashTreeRenewal])
            #expect(report.archiveTimeStamps[0].tsaCertificateNotAfter! < report.validationTime)
        }

        // One changed byte in a document fails its record.
        var changed = Self.documents[2]
        changed[0] ^= 0x01
        let tampered = await verifier.verify(records[2], dataObjects: [.bytes(changed)])
        #expect(tampered.indication == .totalFailed && tampered.subIndication == .hashFailure)
        #expect(!tampered.isIntact)

        // A hash algorithm past its sunset before the renewal that replaced it: no proof.
        var sunset = verifier
        sunset.policy.hashAlgorithmSunsets = [.sha256: Self.date("2032-01-01T00:00:00Z")]
        let weak = await sunset.verify(records[0], dataObjects: Self.objects(0))
        #expect(weak.indication == .indeterminate && weak.subIndication == .cryptoConstraintsFailureNoPOE)
        sunset.policy.hashAlgorithmSunsets = [.sha256: Self.date("2034-01-01T00:00:00Z")]
        #expect(await sunset.verify(records[0], dataObjects: Self.objects(0)).indication == .totalPassed)
    }

    @Test("a forged reduced hash tree fails")
    func forgedTree() async throws {
        let timeline = try Timeline()
        let records = try await EvidenceRecordBuilder(authority: try timeline.tsa(timeline.shortTSA, at: "2030-03-01T00:00:00Z")).records(for: Self.groups())
        let verifier = timeline.verifier(at: "2030-06-01T00:00:00Z")
        let forgedDocument = Array("a document nobody stamped".utf8)

        // 1. Put the forged document's hash in record 1's first level in place of the real one.
        var swapped = records[1]
        var tree = try #require(swapped.archiveTimeStampSequence.chains[0].archiveTimeStamps[0].reducedHashtree)
        tree[0].values[0] = DigestAlgorithm.sha256.hash(forgedDocument)
        swapped.archiveTimeStampSequence.chains[0].archiveTimeStamps[0].reducedHashtree = tree
        let report1 = await verifier.verify(try EvidenceRecord(derEncoded: swapped.derEncoded()), dataObjects: [.bytes(forgedDocument)])
        #expect(report1.indication == .totalFailed && report1.subIndication == .hashFailure)

        // 2. Change one sibling hash higher up.
        var sibling = records[4]
        var tree2 = try #require(sibling.archiveTimeStampSequence.chains[0].archiveTimeStamps[0].reducedHashtree)
        tree2[tree2.count - 1].values[0][5] ^= 0x80
        sibling.archiveTimeStampSequence.chains[0].archiveTimeStamps[0].reducedHashtree = tree2
        let report2 = await verifier.verify(try EvidenceRecord(derEncoded: sibling.derEncoded()), dataObjects: Self.objects(4))
        #expect(report2.indication == .totalFailed && report2.subIndication == .hashFailure)

        // 3. Add the forged hash beside the real one: the root changes, so the token no longer matches.
        var added = records[5]
        var tree3 = try #require(added.archiveTimeStampSequence.chains[0].archiveTimeStamps[0].reducedHashtree)
        tree3[0].values.append(DigestAlgorithm.sha256.hash(forgedDocument))
        added.archiveTimeStampSequence.chains[0].archiveTimeStamps[0].reducedHashtree = tree3
        let report3 = await verifier.verify(added, dataObjects: [.bytes(forgedDocument)])
        #expect(report3.indication == .totalFailed && report3.subIndication == .hashFailure)
    }

    @Test("the hash-tree renewal binds H(h(d) ‖ ha), data object first (RFC 4998 §5.2), not sorted")
    func renewalOrder() async throws {
        let timeline = try Timeline()
        let records = try await EvidenceRecordBuilder(authority: try timeline.tsa(timeline.shortTSA, at: "2030-03-01T00:00:00Z")).records(for: [Self.groups()[0]])
        let renewed = try await EvidenceRecordRenewer(authority: try timeline.tsa(timeline.longTSA, at: "2030-11-01T00:00:00Z"))
            .renewHashTrees(records, dataObjects: [Self.objects(0)], algorithm: .sha512)
        let sequenceHash = DigestAlgorithm.sha512.hash(try records[0].archiveTimeStampSequence.encodingOfChains(prefix: 1))
        let documentHash = DigestAlgorithm.sha512.hash(Self.documents[0])
        let stamped = renewed[0].archiveTimeStampSequence.chains[1].archiveTimeStamps[0].timeStamp.messageImprint.hashedMessage
        #expect(stamped == DigestAlgorithm.sha512.hash(documentHash + sequenceHash))
        #expect(stamped != DigestAlgorithm.sha512.hash(sequenceHash + documentHash))
    }

    @Test("bad input is a typed error")
    func badInput() async throws {
        let timeline = try Timeline()
        let builder = EvidenceRecordBuilder(authority: try timeline.tsa(timeline.shortTSA, at: "2030-03-01T00:00:00Z"))
        await #expect(throws: EvidenceRecordError(.invalidArgument, "")) { try await builder.records(for: []) }
        await #expect(throws: EvidenceRecordError(.invalidArgument, "")) { try await builder.records(for: [DataObjectGroup(digests: [[1, 2, 3]])]) }
        #expect(throws: EvidenceRecordError(.malformedEncoding, "")) { try EvidenceRecord(derEncoded: [0x30, 0x03, 0x02, 0x01, 0x01]) }
        #expect(throws: EvidenceRecordError(.malformedEncoding, "")) { try EvidenceRecord(derEncoded: Array("not DER".utf8)) }
    }
}

/// Counts the calls made to an authority.
actor CallCounter {
    var calls = 0
    func increment() { calls += 1 }
}

struct CountingAuthority: TimestampAuthority {
    let inner: LocalTimestampAuthority
    let counter = CallCounter()
    init(_ inner: LocalTimestampAuthority) { self.inner = inner }
    var calls: Int { get async { await counter.calls } }
    func timestamp(digest: [UInt8], algorithm: DigestAlgorithm) async throws -> TimestampToken {
        await counter.increment()
        return try await inner.timestamp(digest: digest, algorithm: algorithm)
    }
}
