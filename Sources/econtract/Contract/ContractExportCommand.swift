import ContractDefaults
import ArgumentParser
import ContractModel
import Foundation

/// `econtract contract export ID --out DIR`: the signed PDF (the B-LTA copy once completed), the
/// audit trail as JSON and, when a completion step wrote one, the completion certificate.
struct ContractExportCommand: AsyncParsableCommand, ContractSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the signed PDF (B-LTA once completed), the audit trail as JSON and the completion certificate if present.")

    @OptionGroup var options: ContractStoreOptions

    @Argument(help: "The contract id.")
    var id: String

    @Option(name: .long, help: "The folder to write into (created when missing).")
    var out: String

    /// The completion certificate's file name in `STORE/completed/ID/` (written by a completion step).
    static let certificateFileName = CertificateCompletionStep.fileName

    /// The JSON of `export`.
    struct Exported: Codable {
        var contractID: ContractID
        var state: ContractState.Kind
        var signedPDF: String
        var level: String
        var auditTrail: String
        var completionCertificate: String?
    }

    func run() async throws {
        try await runReportingErrors {
            let environment = try options.open()
            let contract = try await environment.contract(id)
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let completed = environment.completedDirectory(contract.id)
            let pdfPath = folder.appendingPathComponent("\(contract.id.rawValue)-signed.pdf").path
            let level: String
            if let lta = LTACompletionStep.file(in: completed) {
                try writeFile(pdfPath, try readFile(lta))
                level = "B-LTA"
            } else {
                try writeFile(pdfPath, try await environment.workflow.document(contract.id, by: ContractEnvironment.caller))
                level = contract.state == .completed ? "as signed (completion wrote no B-LTA copy)" : "as signed so far (\(contract.state.kind.rawValue))"
            }
            let trail = try await environment.workflow.auditTrail(contract.id, by: ContractEnvironment.caller)
            let trailPath = folder.appendingPathComponent("\(contract.id.rawValue)-audit-trail.json").path
            try writeFile(trailPath, Array(try ContractJSON.encode(AuditTrailExport(events: trail.events, anchors: trail.anchors))))
            var certificatePath: String?
            let certificate = completed.appendingPathComponent(Self.certificateFileName).path
            if FileManager.default.fileExists(atPath: certificate) {
                certificatePath = folder.appendingPathComponent("\(contract.id.rawValue)-\(Self.certificateFileName)").path
                try writeFile(certificatePath!, try readFile(certificate))
            }
            let exported = Exported(contractID: contract.id, state: contract.state.kind, signedPDF: pdfPath, level: level,
                                    auditTrail: trailPath, completionCertificate: certificatePath)
            try options.output(exported) {
                ["exported \(contract.id) (\(contract.state.kind.rawValue))", "  signed PDF (\(level)): \(pdfPath)",
                 "  audit trail: \(trailPath) (\(trail.events.count) events, \(trail.anchors.count) anchors)",
                 "  completion certificate: \(certificatePath ?? "none")"].joined(separator: "\n")
            }
        }
    }
}
