import Foundation
import Logging

extension ContractWorkflow {
    /// Tunables with the defaults issue 14 asks for.
    public struct Configuration: Sendable {
        /// How long an invitation link works (default 7 days).
        public var linkLifetime: TimeInterval = 7 * 86400
        /// How long an OTP works (default 10 minutes).
        public var otpLifetime: TimeInterval = 600
        /// Wrong answers allowed per factor before lock-out (default 5).
        public var maximumAttempts: Int = 5
        /// How long a factor stays locked after too many wrong answers (default 1 hour).
        public var lockoutDuration: TimeInterval = 3600
        /// The minimum time between two OTPs for the same participant and channel (default 60 s).
        public var otpResendInterval: TimeInterval = 60
        /// TOTP steps accepted either side of now (default 1).
        public var totpWindow: Int = 1
        /// Reminders go to those still to act this long after their invitation or last reminder (`nil`: none).
        public var reminderInterval: TimeInterval? = 3 * 86400
        /// Anchor the audit head every this many events, besides completion (`nil`: only at completion).
        public var anchorEvery: Int?
        /// How often a save is retried after a version conflict with another process.
        public var maximumSaveAttempts: Int = 20
        /// Default settings.
        public init() {}
    }

    /// Everything the workflow uses, injected.
    public struct Dependencies: Sendable {
        /// Contracts and audit events.
        public var store: any ContractStore
        /// PDFs and attachments.
        public var documents: any DocumentStore
        /// Message delivery.
        public var notifier: any Notifier
        /// Makes the PDF signatures.
        public var signingEngine: any ContractSigningEngine
        /// Decides every read and change.
        public var accessPolicy: any AccessPolicy
        /// The time.
        public var clock: any ContractClock
        /// Randomness for tokens, codes and salts.
        public var random: any RandomSource
        /// Anchors the audit head at completion (and every N events); `nil`: no anchors.
        public var anchoring: (any AuditAnchoring)?
        /// Checks external identity assertions; `nil`: the factor cannot be satisfied.
        public var identityProvider: (any IdentityProvider)?
        /// TOTP secrets; `nil`: the factor cannot be satisfied.
        public var totpSecrets: (any TOTPSecretSource)?
        /// Decides whether a 当事者型 certificate belongs to the participant (default: its e-mail address must be in the certificate).
        public var partyCertificatePolicy: any PartyCertificatePolicy
        /// Receives each completed contract (B-LTA, completion certificate, archive).
        public var completionHandler: (any ContractCompletionHandler)?
        /// Where the workflow logs (never secrets).
        public var logger: Logger

        /// Dependencies; the optional ones default to none, the clock and randomness to the system's,
        /// the party certificate policy to ``EmailBoundPartyCertificates``.
        public init(store: any ContractStore, documents: any DocumentStore, notifier: any Notifier, signingEngine: any ContractSigningEngine,
                    accessPolicy: any AccessPolicy, clock: any ContractClock = SystemContractClock(), random: any RandomSource = SystemRandomSource(),
                    anchoring: (any AuditAnchoring)? = nil, identityProvider: (any IdentityProvider)? = nil, totpSecrets: (any TOTPSecretSource)? = nil,
                    completionHandler: (any ContractCompletionHandler)? = nil,
                    partyCertificatePolicy: any PartyCertificatePolicy = EmailBoundPartyCertificates(),
                    logger: Logger = Logger(label: "econtract.contract")) {
            self.partyCertificatePolicy = partyCertificatePolicy
            self.store = store
            self.documents = documents
            self.notifier = notifier
            self.signingEngine = signingEngine
            self.accessPolicy = accessPolicy
            self.clock = clock
            self.random = random
            self.anchoring = anchoring
            self.identityProvider = identityProvider
            self.totpSecrets = totpSecrets
            self.completionHandler = completionHandler
            self.logger = logger
        }
    }
}

/// A completed contract, handed to a ``ContractCompletionHandler``.
public struct CompletedContract: Sendable {
    /// The contract (state completed).
    public var contract: Contract
    /// The final signed PDF.
    public var document: [UInt8]
    /// The audit trail.
    public var events: [AuditEvent]
    /// The anchors, the last one over the `completed` event.
    public var anchors: [AuditAnchor]
}

/// Receives each completed contract once it is saved: the place for B-LTA, the completion
/// certificate (合意締結証明書) and the archive (LegalRetention). ContractModel depends on none of them.
public protocol ContractCompletionHandler: Sendable {
    /// Called after completion; an error is logged and does not undo completion.
    func contractCompleted(_ completed: CompletedContract) async throws
}
