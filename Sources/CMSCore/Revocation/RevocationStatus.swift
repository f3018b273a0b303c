import Foundation
import X509

/// The revocation status of one certificate at one time, with the evidence that decided it.
public struct RevocationStatus: Sendable, Hashable {
    /// What the evidence says.
    public enum Outcome: Sendable, Hashable {
        /// Not revoked at the time asked about.
        case good
        /// Revoked at `revocationTime` (at or before the time asked about).
        case revoked(revocationTime: Date, reason: String?)
        /// No usable evidence: none available, stale, badly signed, or the responder said "unknown".
        case unknown(reason: String)
    }

    /// Where the evidence came from.
    public enum Source: String, Sendable, Hashable {
        /// An OCSP response (RFC 6960).
        case ocsp
        /// A CRL (RFC 5280).
        case crl
        /// No evidence was used.
        case none
    }

    /// What the evidence says.
    public var outcome: Outcome
    /// Which kind of evidence decided ``outcome``.
    public var source: Source
    /// The DER OCSPResponse or CRL that decided ``outcome``, to be embedded for LTV.
    public var evidence: [UInt8]?
    /// When the evidence was issued (OCSP thisUpdate / CRL thisUpdate).
    public var thisUpdate: Date?
    /// When the issuer promises newer evidence.
    public var nextUpdate: Date?
    /// Certificates needed to check the evidence (a delegated OCSP responder's certificate).
    public var evidenceSignerCertificates: [Certificate]

    /// A status with its evidence.
    public init(outcome: Outcome, source: Source, evidence: [UInt8]? = nil, thisUpdate: Date? = nil,
                nextUpdate: Date? = nil, evidenceSignerCertificates: [Certificate] = []) {
        self.outcome = outcome
        self.source = source
        self.evidence = evidence
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.evidenceSignerCertificates = evidenceSignerCertificates
    }
}

/// Which evidence the verifier may use, and how fresh it must be.
public struct RevocationPolicy: Sendable {
    /// Whether and where to look for revocation evidence.
    public enum Mode: Sendable {
        /// Do not check revocation (the report says so).
        case disabled
        /// Use only the given data; never the network.
        case offline
        /// Use the given data first, then ask ``RevocationPolicy/source``.
        case online
    }

    /// Which kinds of evidence to use, in order of preference.
    public enum Preference: Sendable, Hashable {
        /// OCSP responses first, then CRLs.
        case ocspThenCRL
        /// OCSP for each certificate that names a responder (an `http:` id-ad-ocsp access
        /// location in its Authority Information Access), CRLs for the others. This is how
        /// real chains are published: signer certificates usually name an OCSP responder,
        /// intermediates under a root usually only a CRL distribution point.
        case ocspWhereNamedElseCRL
        /// OCSP responses only, for every certificate (one without a responder stays unknown).
        case ocspOnly
        /// CRLs only.
        case crlOnly
    }

    /// Whether and where to look for evidence.
    public var mode: Mode
    /// Which kinds of evidence to use, in order.
    public var preference: Preference
    /// Data supplied by the caller (for example from a PDF's DSS).
    public var data: RevocationData
    /// Where to fetch data when ``mode`` is ``Mode/online``.
    public var source: (any RevocationDataSource)?
    /// How long evidence *without* a nextUpdate stays current after its thisUpdate. Evidence
    /// with a nextUpdate is current until then (RFC 5280 §6.3.3), however old it is.
    public var maximumAge: Duration
    /// An optional stricter freshness constraint (ETSI EN 319 102-1 §5.2.5): evidence issued
    /// more than this before the validation time is refused even when its nextUpdate has not
    /// passed. `nil` (the default) applies none.
    public var freshnessConstraint: Duration?
    /// Tolerated clock difference when comparing evidence times.
    public var clockSkew: Duration
    /// Whether a certificate without usable evidence makes validation INDETERMINATE
    /// (TRY_LATER); when `false` it is only reported.
    public var requiresEvidence: Bool

    /// A policy; see the properties for the meaning of each parameter.
    public init(mode: Mode, preference: Preference = .ocspThenCRL, data: RevocationData = .empty,
                source: (any RevocationDataSource)? = nil, maximumAge: Duration = .seconds(7 * 24 * 3600),
                freshnessConstraint: Duration? = nil, clockSkew: Duration = .seconds(300), requiresEvidence: Bool = true) {
        self.mode = mode
        self.preference = preference
        self.data = data
        self.source = source
        self.maximumAge = maximumAge
        self.freshnessConstraint = freshnessConstraint
        self.clockSkew = clockSkew
        self.requiresEvidence = requiresEvidence
    }

    /// No revocation checking.
    public static let disabled = RevocationPolicy(mode: .disabled, requiresEvidence: false)

    /// Only the given data.
    public static func offline(_ data: RevocationData, preference: Preference = .ocspThenCRL) -> RevocationPolicy {
        RevocationPolicy(mode: .offline, preference: preference, data: data)
    }

    /// The given data first, then the network through `source`.
    public static func online(_ source: any RevocationDataSource = HTTPRevocationDataSource(), data: RevocationData = .empty,
                              preference: Preference = .ocspThenCRL) -> RevocationPolicy {
        RevocationPolicy(mode: .online, preference: preference, data: data, source: source)
    }
}
