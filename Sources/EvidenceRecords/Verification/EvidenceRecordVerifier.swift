import CMSCore
import Foundation
import TimestampClient

/// Verifies an RFC 4998 evidence record against the data objects it protects.
///
/// For each chain, oldest first, with the chain's hash algorithm:
/// 1. the first archive timestamp's reduced hash tree holds each data object's hash (for a
///    later chain: `H(h(d) ‖ ha)`, `ha` the hash of the sequence before it) and leads to its
///    token's imprint (``HashTreeRule``); each following one holds the hash of the timestamp
///    before it;
/// 2. each token verifies (`TimestampVerifier`: signature, TSA certificate and chain at genTime),
///    and its TSA certificate is still valid at the time the next timestamp proves (the last
///    one at the validation time);
/// 3. the chain's hash algorithm is acceptable until the hash-tree renewal that replaces it.
///
/// Verification never throws; every problem is in the report.
public struct EvidenceRecordVerifier: Sendable {
    /// How records are judged.
    public var policy: EvidenceRecordVerificationPolicy

    /// A verifier applying `policy`.
    public init(policy: EvidenceRecordVerificationPolicy = .init()) {
        self.policy = policy
    }

    /// Verifies `record` over `dataObjects` (every one must be covered; the record may cover more).
    public func verify(_ record: EvidenceRecord, dataObjects: [DataObject]) async -> EvidenceRecordValidationReport {
        let time = policy.validationTime ?? Date()
        var report = EvidenceRecordValidationReport(validationTime: time, trustJudged: !(policy.timestamps?.trustAnchors.isEmpty ?? true))
        guard !dataObjects.isEmpty else {
            report.record(.indeterminate, .signedDataNotFound, .dataObject, "no data object was given")
            report.isIntact = false
            return report
        }
        let chains = record.archiveTimeStampSequence.chains
        let stamps = chains.flatMap(\.archiveTimeStamps)
        var position = 0
        for (chainIndex, chain) in chains.enumerated() {
            guard let algorithm = chain.archiveTimeStamps[0].digestAlgorithm else {
                report.record(.indeterminate, .cryptoConstraintsFailure, .hashAlgorithm,
                              "chain \(chainIndex) uses hash algorithm \(chain.archiveTimeStamps[0].digestAlgorithmOID), which cannot be computed here")
                report.isIntact = false
                return report
            }
            guard let objectValues = objectValues(record, chain: chainIndex, algorithm: algorithm, dataObjects: dataObjects, into: &report) else {
                return report
            }
            // The chain's algorithm must hold until the next chain re-protects the data (or now).
            let provedAt = chainIndex + 1 < chains.count ? chains[chainIndex + 1].archiveTimeStamps[0].timeStamp.genTime : time
            if let sunset = policy.hashAlgorithmSunsets[algorithm], sunset <= provedAt {
                report.record(.indeterminate, .cryptoConstraintsFailureNoPOE, .hashAlgorithm,
                              "chain \(chainIndex)'s \(algorithm) ended on \(sunset), before \(provedAt), when it was last proven")
            } else {
                report.pass(.hashAlgorithm, "chain \(chainIndex)'s \(algorithm) is acceptable at \(provedAt)")
            }
            var previousToken: [UInt8]?
            for (index, stamp) in chain.archiveTimeStamps.enumerated() {
                let mustBeValidAt = position + 1 < stamps.count ? stamps[position + 1].timeStamp.genTime : time
                let covered: [[UInt8]] = previousToken.map { [algorithm.hash($0)] } ?? objectValues
                let kind: ArchiveTimeStampResult.Kind = index > 0 ? .timestampRenewal : chainIndex == 0 ? .initial : .hashTreeRenewal
                let result = await check(stamp, chain: chainIndex, index: index, kind: kind, algorithm: algorithm, covered: covered,
                                         mustBeValidAt: mustBeValidAt, into: &report)
                report.archiveTimeStamps.append(result)
                previousToken = stamp.timeStamp.derEncoded
                position += 1
            }
        }
        return report
    }

    /// The values the first timestamp of chain `chain` must cover: the data objects' hashes, or
    /// for a later chain `H(h(d) ‖ ha)`.
    private func objectValues(_ record: EvidenceRecord, chain: Int, algorithm: DigestAlgorithm, dataObjects: [DataObject],
                              into report: inout EvidenceRecordValidationReport) -> [[UInt8]]? {
        var sequenceHash: [UInt8]?
        if chain > 0 {
            do {
                sequenceHash = algorithm.hash(try record.archiveTimeStampSequence.encodingOfChains(prefix: chain))
            } catch {
                report.record(.totalFailed, .formatFailure, .structure, "the sequence before chain \(chain) cannot be encoded: \(error)")
                report.isIntact = false
                return nil
            }
        }
        var values: [[UInt8]] = []
        for (index, object) in dataObjects.enumerated() {
            guard let hash = object.digest(algorithm) else {
                report.record(.indeterminate, .signedDataNotFound, .dataObject, "data object \(index) has no \(algorithm) hash (chain \(chain) needs one)")
                report.isIntact = false
                return nil
            }
            values.append(sequenceHash.map { HashTreeRule.renewedObjectHash(objectHash: hash, sequenceHash: $0, algorithm: algorithm) } ?? hash)
        }
        return values
    }

    private func check(_ stamp: ArchiveTimeStamp, chain: Int, index: Int, kind: ArchiveTimeStampResult.Kind, algorithm: DigestAlgorithm,
                       covered: [[UInt8]], mustBeValidAt: Date, into report: inout EvidenceRecordValidationReport) async -> ArchiveTimeStampResult {
        let token = stamp.timeStamp
        let label = "archive timestamp \(chain).\(index)"
        var result = ArchiveTimeStampResult(
            chain: chain, index: index, kind: kind, genTime: token.genTime, digestAlgorithm: stamp.digestAlgorithm.map { "\($0)" } ?? "\(stamp.digestAlgorithmOID)",
            hashTreeIntact: false, signatureIntact: false, tsa: nil, tsaCertificateNotAfter: nil, mustBeValidAt: mustBeValidAt,
            indication: .totalPassed, subIndication: nil)
        let root = hashTreeRoot(stamp, label: label, kind: kind, algorithm: algorithm, covered: covered, into: &report)
        if let root, token.messageImprint.matches(MessageImprint(algorithm: algorithm, digest: root)) {
            result.hashTreeIntact = true
            report.pass(.hashTree, "\(label): the \(algorithm) hash tree leads to the token's imprint")
        } else if root != nil {
            report.record(.totalFailed, .hashFailure, .hashTree, "\(label): the hash tree's root is not the token's \(algorithm) imprint")
        }
        if !result.hashTreeIntact { report.isIntact = false }

        // The token itself: signature, and when trust is judged the TSA chain at genTime.
        let tokenPolicy = policy.timestamps ?? TimestampVerificationPolicy(trustAnchors: [])
        let tokenReport = await TimestampVerifier(policy: tokenPolicy).verify(
            token, digest: token.messageImprint.hashedMessage, algorithm: token.messageImprint.digestAlgorithm ?? algorithm)
        result.signatureIntact = tokenReport.signatureReport?.integrity == .verified
        result.tsa = tokenReport.tsaCertificate.map { "\($0.subject)" }
        result.tsaCertificateNotAfter = tokenReport.tsaCertificate?.notValidAfter
        result.indication = tokenReport.indication
        result.subIndication = tokenReport.subIndication
        if !result.signatureIntact {
            report.isIntact = false
            report.record(tokenReport.indication == .totalFailed ? .totalFailed : .indeterminate, tokenReport.subIndication ?? .sigCryptoFailure,
                          .signatureValue, "\(label): the token's signature does not hold: \(tokenReport.failureReason ?? "not checked")")
        } else if report.trustJudged {
            report.checks += tokenReport.checks.map { ValidationCheck(name: $0.name, outcome: $0.outcome, detail: "\(label): \($0.detail)") }
            report.lower(to: tokenReport.indication, tokenReport.subIndication)
        } else {
            report.pass(.signatureValue, "\(label): the token's signature holds (trust not judged)")
            report.lower(to: .indeterminate, .noCertificateChainFound)
        }

        // Still valid when the next timestamp (or the validation) proves it.
        if report.trustJudged, result.signatureIntact {
            let certificates = tokenReport.signatureReport?.chain ?? []
            if let expired = certificates.first(where: { $0.notValidAfter < mustBeValidAt || $0.notValidBefore > mustBeValidAt }) {
                let detail = "\(label): \(expired.subject) is outside its validity (\(expired.notValidBefore) – \(expired.notValidAfter)) at \(mustBeValidAt)"
                report.record(.indeterminate, .outOfBoundsNoPOE, .timestampValidity, detail)
                result.indication = .indeterminate
                result.subIndication = .outOfBoundsNoPOE
            } else if !certificates.isEmpty {
                report.pass(.timestampValidity, "\(label): the TSA chain is valid at \(mustBeValidAt)")
            }
        }
        return result
    }

    /// Checks what the first partial hash tree must hold and returns the tree's root.
    private func hashTreeRoot(_ stamp: ArchiveTimeStamp, label: String, kind: ArchiveTimeStampResult.Kind, algorithm: DigestAlgorithm,
                              covered: [[UInt8]], into report: inout EvidenceRecordValidationReport) -> [UInt8]? {
        guard stamp.digestAlgorithmOID == algorithm.oid else {
            report.record(.totalFailed, .hashFailure, .structure, "\(label) uses \(stamp.digestAlgorithmOID), not its chain's \(algorithm)")
            return nil
        }
        let what = kind == .timestampRenewal ? "the previous timestamp's hash" : kind == .hashTreeRenewal ? "a data object's renewed hash" : "a data object's hash"
        guard let tree = stamp.reducedHashtree, !tree.isEmpty else {
            guard covered.count == 1 else {
                report.record(.totalFailed, .hashFailure, .dataObject, "\(label) has no hash tree, so it stamps one value, but \(covered.count) data objects were given")
                return nil
            }
            report.pass(kind == .initial ? .dataObject : .renewal, "\(label) stamps \(what) directly")
            return covered[0]
        }
        let first = Set(tree[0].values)
        for (index, value) in covered.enumerated() where !first.contains(value) {
            report.record(.totalFailed, .hashFailure, kind == .initial ? .dataObject : .renewal,
                          "\(label): \(what)\(covered.count > 1 ? " (data object \(index))" : "") is not in the first partial hash tree")
            return nil
        }
        report.pass(kind == .initial ? .dataObject : .renewal, "\(label): \(what)\(covered.count > 1 ? "es are" : " is") in the first partial hash tree")
        return HashTreeRule.root(of: tree, algorithm: algorithm)
    }
}
