import CMSCore
import ContractModel
import Foundation
import PDFSign
import TimestampClient
import X509

/// The CLI's second completion step: the completion certificate (合意締結証明書), signed by the
/// platform's key at PAdES B-LTA (sandbox revocation data, local TSA), written to
/// `completed/ID/completion-certificate.pdf`, where `contract export` finds it.
public struct CertificateCompletionStep: ContractCompletionHandler {
    /// The certificate's file name.
    public static let fileName = "completion-certificate.pdf"
    let directory: URL
    let platformName: String
    /// The font; `nil` finds a Japanese system font, else the predefined one (with a note).
    let font: PDFFont?
    let key: SoftwareSigningKey
    let revocation: any RevocationDataSource
    let tsa: LocalTimestampAuthority
    let root: Certificate

    /// Writes the signed certificate.
    public func contractCompleted(_ completed: CompletedContract) async throws {
        let regular = try font ?? FontChoice.japanese(file: nil)
        let certificate = CompletionCertificate(completed: completed, issuer: platformName, fonts: PDFComposerFonts(regular: regular))
        var signer = PDFSigner(key: key, level: .lta, timestampAuthority: tsa)
        signer.revocationSource = revocation
        signer.extraCertificates = [root]
        signer.issuerSource = nil
        let folder = directory.appendingPathComponent(completed.contract.id.rawValue)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try writeDefaultsFile(folder.appendingPathComponent(Self.fileName).path, try await certificate.signed(by: signer))
    }
}
