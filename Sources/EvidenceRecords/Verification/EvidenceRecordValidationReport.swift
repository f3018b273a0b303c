import CMSCore
import Foundation

/// What an ``EvidenceRecordVerifier`` found, with CMSCore's ETSI indications.
///
/// ``indication``/``subIndication`` are the verdict over every archive timestamp and hash tree;
/// ``archiveTimeStamps`` holds one result each, oldest first. Without trust anchors
/// (``trustJudged`` false) the verdict is at best INDETERMINATE NO_CERTIFICATE_CHAIN_FOUND and
/// ``isIntact`` says whether the hash trees and token signatures hold.
public struct EvidenceRecordValidationReport: Sendable, Codable {
    /// The verdict.
    public var indication: ValidationIndication
    /// The reason, when not TOTAL-PASSED.
    public var subIndication: ValidationSubIndication?
    /// Every check, in order.
    public var checks: [ValidationCheck]
    /// One result per archive timestamp, oldest first.
    public var archiveTimeStamps: [ArchiveTimeStampResult]
    /// Whether trust was judged (trust anchors were given).
    public var trustJudged: Bool
    /// The validation time used.
    public var validationTime: Date

    /// Whether every hash tree leads from the data objects to its token and every token's
    /// signature holds, whatever the trust in the TSAs.
    public var isIntact: Bool

    /// TOTAL-PASSED with trust judged; without trust anchors, ``isIntact``.
    public var isValid: Bool { trustJudged ? indication == .totalPassed : isIntact }

    init(validationTime: Date, trustJudged: Bool) {
        indication = .totalPassed
        checks = []
        archiveTimeStamps = []
        isIntact = true
        self.trustJudged = trustJudged
        self.validationTime = validationTime
    }
}

extension EvidenceRecordValidationReport: ValidationRecording {}

/// What was found about one archive timestamp.
public struct ArchiveTimeStampResult: Sendable, Codable, Hashable {
    /// What an archive timestamp stamps.
    public enum Kind: String, Sendable, Codable, Hashable {
        /// The first of the record: the data objects' hash tree.
        case initial
        /// A timestamp renewal: the previous timestamp, in the same chain.
        case timestampRenewal
        /// The first of a later chain: the data objects and the previous sequence, with a new hash algorithm.
        case hashTreeRenewal
    }

    /// The chain's position in the sequence (0 first).
    public var chain: Int
    /// The position in its chain (0 first).
    public var index: Int
    public var kind: Kind
    /// The token's genTime.
    public var genTime: Date
    /// The hash algorithm of the reduced hash tree (its name, or the OID when unknown).
    public var digestAlgorithm: String
    /// Whether the reduced hash tree holds what it must and leads to the token's imprint.
    public var hashTreeIntact: Bool
    /// Whether the token's signature holds over its TSTInfo.
    public var signatureIntact: Bool
    /// The TSA certificate's subject, when found.
    public var tsa: String?
    /// When the TSA certificate expires, when found.
    public var tsaCertificateNotAfter: Date?
    /// The time until which this timestamp must be valid: the next one's genTime, or the validation time.
    public var mustBeValidAt: Date
    /// The token's verdict (at its genTime, then at ``mustBeValidAt``).
    public var indication: ValidationIndication
    public var subIndication: ValidationSubIndication?
}

extension ValidationCheck.Name {
    /// A data object's hash is in the first partial hash tree (or the record stamps it directly).
    public static let dataObject = Self(rawValue: "dataObject")
    /// A reduced hash tree leads to the token's message imprint.
    public static let hashTree = Self(rawValue: "hashTree")
    /// A timestamp renewal covers the previous timestamp / a hash-tree renewal the previous sequence.
    public static let renewal = Self(rawValue: "renewal")
    /// A hash algorithm is acceptable until the renewal (or validation time) that proves it.
    public static let hashAlgorithm = Self(rawValue: "hashAlgorithm")
    /// A timestamp's TSA certificate and chain are valid at the time the next timestamp proves.
    public static let timestampValidity = Self(rawValue: "timestampValidity")
    /// The record's structure (chains, algorithms).
    public static let structure = Self(rawValue: "structure")
}
