import Foundation
import X509

extension LocalRevocationAuthority {
    /// A revocation reason (`CRLReason`, RFC 5280 §5.3.1), as written into CRL entries and
    /// OCSP `RevokedInfo`. `removeFromCRL` (8) is left out: it only belongs in delta CRLs.
    public enum Reason: Int, Sendable, Hashable, CaseIterable {
        case unspecified = 0
        case keyCompromise = 1
        case cACompromise = 2
        case affiliationChanged = 3
        case superseded = 4
        case cessationOfOperation = 5
        case certificateHold = 6
        case privilegeWithdrawn = 9
        case aACompromise = 10

        /// The RFC 5280 name (`keyCompromise`, …), as ``RevocationStatus/Outcome/revoked(revocationTime:reason:)`` reports it.
        public var name: String { CRLReason.name(of: rawValue) }
    }

    /// One revoked certificate.
    public struct Revocation: Sendable, Hashable {
        /// The certificate's serial number.
        public var serialNumber: Certificate.SerialNumber
        /// When it was revoked. Written in whole seconds (fractions are dropped).
        public var revocationTime: Date
        /// Why, if said.
        public var reason: Reason?

        public init(serialNumber: Certificate.SerialNumber, revocationTime: Date, reason: Reason? = nil) {
            self.serialNumber = serialNumber
            self.revocationTime = revocationTime
            self.reason = reason
        }

        /// The revocation of `certificate`.
        public init(certificate: Certificate, revocationTime: Date, reason: Reason? = nil) {
            self.init(serialNumber: certificate.serialNumber, revocationTime: revocationTime, reason: reason)
        }
    }

    /// When evidence is said to be issued and when newer evidence is promised, relative to
    /// the authority's clock at the time the response or CRL is made.
    public struct Validity: Sendable, Hashable {
        /// Added to the clock for thisUpdate (negative to backdate).
        public var thisUpdateOffset: Duration
        /// Added to the clock for nextUpdate; `nil` leaves nextUpdate out.
        public var nextUpdateOffset: Duration?

        public init(thisUpdateOffset: Duration = .zero, nextUpdateOffset: Duration?) {
            self.thisUpdateOffset = thisUpdateOffset
            self.nextUpdateOffset = nextUpdateOffset
        }
    }

    /// How OCSP responses name their signer (RFC 6960 §4.2.1 `ResponderID`).
    public enum ResponderIDForm: Sendable, Hashable {
        /// The signer certificate's subject name.
        case byName
        /// The SHA-1 hash of the signer's public key (RFC 5019 recommends this form).
        case byKey
    }

    /// Settings of a ``LocalRevocationAuthority``.
    public struct Configuration: Sendable {
        /// thisUpdate/nextUpdate of OCSP SingleResponses (default: now, now + 1 day).
        public var ocspValidity: Validity
        /// thisUpdate/nextUpdate of CRLs (default: now, now + 7 days).
        public var crlValidity: Validity
        /// How OCSP responses name their signer.
        public var responderID: ResponderIDForm
        /// The digest of the signatures (Ed25519 keys always use SHA-512).
        public var digest: DigestAlgorithm
        /// Sign with RSASSA-PSS instead of PKCS#1 v1.5 when the key is RSA.
        public var usesRSAPSS: Bool
        /// The authority's notion of now: producedAt, thisUpdate and nextUpdate derive from it,
        /// and revocations dated after it are not published yet.
        public var clock: @Sendable () -> Date

        public init(ocspValidity: Validity = Validity(nextUpdateOffset: .seconds(86_400)),
                    crlValidity: Validity = Validity(nextUpdateOffset: .seconds(7 * 86_400)),
                    responderID: ResponderIDForm = .byKey, digest: DigestAlgorithm = .sha256, usesRSAPSS: Bool = false,
                    clock: @escaping @Sendable () -> Date = { Date() }) {
            self.ocspValidity = ocspValidity
            self.crlValidity = crlValidity
            self.responderID = responderID
            self.digest = digest
            self.usesRSAPSS = usesRSAPSS
            self.clock = clock
        }
    }

    /// A delegated OCSP responder (RFC 6960 §4.2.2.2): a certificate issued by the CA with
    /// extended key usage id-kp-OCSPSigning, and its key. Responses it signs carry the
    /// certificate; CRLs are still signed with the CA key.
    public struct DelegatedResponder: Sendable {
        public let certificate: Certificate
        public let key: any SigningKeyProvider
        /// Whether the authority refuses the responder unless the CA issued it and it has id-kp-OCSPSigning.
        let isChecked: Bool

        /// A delegated responder; ``LocalRevocationAuthority/init(issuer:issuerKey:responder:revocations:configuration:)``
        /// checks that the CA issued `certificate` and that it carries id-kp-OCSPSigning.
        public init(certificate: Certificate, key: any SigningKeyProvider) {
            self.certificate = certificate
            self.key = key
            self.isChecked = true
        }

        /// A responder that is not checked, to make responses validators must refuse (tests).
        package init(uncheckedCertificate certificate: Certificate, key: any SigningKeyProvider) {
            self.certificate = certificate
            self.key = key
            self.isChecked = false
        }
    }
}
