import CMSCore
import Foundation

/// How one signature is to be made.
public enum ContractSignatureKind: Sendable {
    /// 当事者型: with the participant's own key.
    case party(any SigningKeyProvider)
    /// 立会人型: with the platform's witness key, on the participant's instruction recorded in the evidence.
    case witness(WitnessEvidence)
}

/// What the workflow asks a ``ContractSigningEngine`` to sign.
public struct ContractSigningRequest: Sendable {
    /// The contract.
    public var contractID: ContractID
    /// Its version.
    public var contractVersion: Int
    /// Its title.
    public var title: String
    /// The signer.
    public var participant: Participant
    /// Party or witness.
    public var kind: ContractSignatureKind
    /// The signing time from the workflow's clock (for /M).
    public var signingTime: Date
    /// The signature field's name (unique per participant and version).
    public var fieldName: String
}

/// What a ``ContractSigningEngine`` returns.
public struct ContractSignatureInfo: Hashable, Codable, Sendable {
    /// The signature field.
    public var fieldName: String
    /// The signer certificate's subject (the participant's, or the witness's).
    public var certificateSubject: String
    /// /Name written in the signature dictionary.
    public var signerName: String?
    /// /Reason written in the signature dictionary.
    public var reason: String?

    /// Signature info.
    public init(fieldName: String, certificateSubject: String, signerName: String?, reason: String?) {
        self.fieldName = fieldName
        self.certificateSubject = certificateSubject
        self.signerName = signerName
        self.reason = reason
    }
}

/// Signs the latest revision of a contract's PDF for one participant. The workflow calls it
/// one signer at a time per contract, always with the newest revision.
public protocol ContractSigningEngine: Sendable {
    /// Signs `document` (the latest revision) and returns the new revision's bytes.
    func sign(document: [UInt8], request: ContractSigningRequest) async throws -> (pdf: [UInt8], info: ContractSignatureInfo)
}
