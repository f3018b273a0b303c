import ArgumentParser
import Foundation
import PDFSign

/// `econtract pdf attach`: embed files before signing.
struct PDFAttachCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Embed files in a PDF before signing (EmbeddedFiles name tree and PDF 2.0 /AF), as an incremental update.",
        discussion: """
            Each --file is PATH[,relationship=REL][,mime=TYPE/SUBTYPE][,desc=TEXT]; REL is Source, Data (the default), \
            Alternative, Supplement, FormData, Schema or Unspecified. A signed PDF is refused: attach first, then sign, \
            so that the signatures cover the files.

            Example: econtract pdf attach --in contract.pdf --out attached.pdf --file terms.xml,relationship=Data,mime=application/xml
            """
    )

    @Option(name: .long, help: "The PDF.")
    var `in`: String

    @Option(name: .long, help: "Where to write the result (not the input).")
    var out: String

    @Option(name: .long, help: "A file to embed: PATH[,relationship=REL][,mime=TYPE/SUBTYPE][,desc=TEXT] (repeatable).")
    var file: [String] = []

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if file.isEmpty { throw ValidationError("give at least one --file PATH") }
        for spec in file { _ = try Self.parse(spec) }
    }

    func run() async throws {
        try await runReportingErrors {
            guard URL(fileURLWithPath: `in`).standardizedFileURL != URL(fileURLWithPath: out).standardizedFileURL else {
                throw PDFError(.invalidArgument, "the output \(out) is the input file")
            }
            let files = try file.map { spec -> PDFNewAttachment in
                let (path, relationship, mime, description) = try Self.parse(spec)
                return try PDFNewAttachment(contentsOfFile: path, mimeType: mime, relationship: relationship, description: description)
            }
            let bytes = try PDFAttachmentEmbedder().adding(files, to: PDFDocument(contentsOfFile: `in`))
            try writeFile(out, bytes)
            print("attached \(files.map(\.fileName).joined(separator: ", ")) → \(out)")
        }
    }

    static func parse(_ spec: String) throws -> (String, PDFAttachmentRelationship, String?, String?) {
        let parts = spec.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let path = parts.first, !path.isEmpty else { throw ValidationError("--file \(spec): no path") }
        var relationship = PDFAttachmentRelationship.data, mime: String?, description: String?
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { throw ValidationError("--file \(spec): \(part) is not key=value") }
            let key = part[..<equals], value = String(part[part.index(after: equals)...])
            switch key {
            case "relationship": relationship = PDFAttachmentRelationship(name: value)
            case "mime": mime = value
            case "desc": description = value
            default: throw ValidationError("--file \(spec): unknown key \(key) (relationship, mime, desc)")
            }
        }
        return (path, relationship, mime, description)
    }
}
