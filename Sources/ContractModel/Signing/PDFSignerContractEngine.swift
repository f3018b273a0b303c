import CMSCore
import Foundation
import PDFSign
import TimestampClient

/// The ``ContractSigningEngine`` built on PDFSign's `PDFSigner`: party signatures with the
/// participant's key, witness signatures with the platform's witness key, whose /Name is the
/// participant and whose /Reason says the witness signs on the participant's instruction.
public struct PDFSignerContractEngine: ContractSigningEngine {
    /// The platform's witness key (立会人型).
    public var witnessKey: any SigningKeyProvider
    /// The platform's name, for the /Reason of witness signatures.
    public var platformName: String
    /// The TSA for B-T (or higher) signatures; `nil` signs B-B.
    public var timestampAuthority: (any TimestampAuthority)?
    /// The level of each participant signature (default B-T with a TSA, else B-B). Completion
    /// (B-LTA) is done once at the end by the completion handler.
    public var level: PAdESLevel?
    /// A last say over each signature's options (appearance, location, more signed attributes).
    /// Witness signatures already carry a ``WitnessEvidenceAttribute`` (the contract id and the
    /// ``WitnessEvidence/digest``) as a signed attribute when this runs.
    public var customizeOptions: @Sendable (inout PDFSignatureOptions, ContractSigningRequest) -> Void

    /// An engine.
    public init(witnessKey: any SigningKeyProvider, platformName: String = "EContractKit", timestampAuthority: (any TimestampAuthority)? = nil,
                level: PAdESLevel? = nil, customizeOptions: @escaping @Sendable (inout PDFSignatureOptions, ContractSigningRequest) -> Void = { _, _ in }) {
        self.witnessKey = witnessKey
        self.platformName = platformName
        self.timestampAuthority = timestampAuthority
        self.level = level
        self.customizeOptions = customizeOptions
    }

    /// The /Reason of a witness signature for `participant`.
    public func witnessReason(for participant: Participant) -> String {
        "\(platformName) signs as witness (立会人) on the instruction of \(participant.name) <\(participant.email)>: 利用者の指示に基づき署名"
    }

    /// Signs the latest revision.
    public func sign(document: [UInt8], request: ContractSigningRequest) async throws -> (pdf: [UInt8], info: ContractSignatureInfo) {
        var options = PDFSignatureOptions()
        options.fieldName = request.fieldName
        options.signingTime = request.signingTime
        let key: any SigningKeyProvider
        switch request.kind {
        case .party(let provider):
            key = provider
            options.signerName = request.participant.name
            options.reason = "\(request.participant.name) signs \(request.title) (当事者型署名)"
        case .witness(let evidence):
            key = witnessKey
            options.signerName = request.participant.name
            options.contactInfo = request.participant.email
            // The evidence digest is computed once, for both the /Reason and the signed attribute.
            let attribute = WitnessEvidenceAttribute(evidence: evidence)
            options.reason = witnessReason(for: request.participant) + " (evidence sha256:\(attribute.evidenceDigestHex))"
            options.additionalSignedAttributes.append(try attribute.signedAttribute())
        }
        customizeOptions(&options, request)
        let signer = PDFSigner(key: key, options: options, level: level, timestampAuthority: timestampAuthority)
        let pdf = try await signer.sign(PDFDocument(bytes: document))
        let subject = try await key.signerCertificate.subject.description
        return (pdf, ContractSignatureInfo(fieldName: request.fieldName, certificateSubject: subject,
                                           signerName: options.signerName, reason: options.reason))
    }
}
