import CMSCore
import Foundation
import X509

/// What a PDF validation trusts and when it validates for.
public struct PDFSignatureValidationPolicy: Sendable {
    /// Where revocation data comes from.
    public enum RevocationSource: Sendable {
        /// Only what the document carries (DSS, CMS): offline long-term validation (the default).
        case embedded
        /// The document's data first, then the network.
        case online(any RevocationDataSource)
        /// No revocation checking.
        case none
    }

    /// Trust anchors; empty means trust is not judged (integrity, coverage and modifications still are).
    public var trustAnchors: [Certificate]
    /// Extra intermediates (the DSS and the CMS certificates are used anyway).
    public var intermediates: [Certificate]
    /// The current time of the validation (ETSI EN 319 102-1 §5.1); `nil` means now.
    ///
    /// A signature with a proof of existence earlier than this time (a valid signature
    /// timestamp, or a later valid document timestamp) is judged at that proof, so the verdict
    /// on a long-term signature does not change with the day it is validated on; one without
    /// is judged at this time. Set it to validate at a chosen time (`pdf verify --at`).
    public var validationTime: Date?
    /// Where revocation data comes from.
    public var revocation: RevocationSource

    /// A policy.
    public init(trustAnchors: [Certificate] = [], intermediates: [Certificate] = [], validationTime: Date? = nil,
                revocation: RevocationSource = .embedded) {
        self.trustAnchors = trustAnchors
        self.intermediates = intermediates
        self.validationTime = validationTime
        self.revocation = revocation
    }

    /// The revocation policy for chains, given the data the document carries.
    func revocationPolicy(embedded data: RevocationData) -> RevocationPolicy {
        guard !trustAnchors.isEmpty else { return .disabled }
        switch revocation {
        case .embedded: return .offline(data)
        case .online(let source): return .online(source, data: data)
        case .none: return .disabled
        }
    }
}
