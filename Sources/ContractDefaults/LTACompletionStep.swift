import CMSCore
import ContractModel
import Foundation
import PDFSign
import TimestampClient
import X509

/// The CLI's first completion step: writes the final PDF to `completed/ID/contract-signed.pdf`
/// extended to PAdES B-LTA (the sandbox's chains, OCSP responses and CRLs in a DSS, then a
/// document timestamp from the local TSA), through the file-based
/// `PDFLongTermValidation.extend(fileAt:to:writingTo:)`.
public struct LTACompletionStep: ContractCompletionHandler {
    /// The B-LTA file's name.
    public static let fileName = "contract-signed.pdf"
    let directory: URL
    let revocation: any RevocationDataSource
    let tsa: LocalTimestampAuthority
    let root: Certificate

    /// Writes the B-LTA file.
    public func contractCompleted(_ completed: CompletedContract) async throws {
        let folder = directory.appendingPathComponent(completed.contract.id.rawValue)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let final = folder.appendingPathComponent("contract-final-bt.pdf").path
        try writeDefaultsFile(final, completed.document)
        defer { try? FileManager.default.removeItem(atPath: final) }
        let ltv = PDFLongTermValidation(revocationSource: revocation, timestampAuthority: tsa, extraCertificates: [root])
        try await ltv.extend(fileAt: final, to: .lta, writingTo: folder.appendingPathComponent(Self.fileName).path)
    }

    /// The B-LTA file of `id` under the store's completed folder, when completion has run.
    public static func file(in completedDirectory: URL) -> String? {
        let path = completedDirectory.appendingPathComponent(fileName).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}
