import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PDFSign

/// `econtract pdf attachments`: list and extract embedded files.
struct PDFAttachmentsCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "attachments",
        abstract: "List the files embedded in a PDF (EmbeddedFiles name tree and file attachment annotations), and extract them.",
        discussion: """
            --extract DIR writes each file into DIR under a sanitized name (the last path component, without control \
            characters; never outside DIR, never over an existing file or through a symbolic link: a name taken gets \
            a numbered suffix). Each file is checked against its /Params /CheckSum and /Size.
            """
    )

    @Argument(help: "The PDF.")
    var file: String

    @Option(name: .long, help: "Extract every attachment into this existing directory.")
    var extract: String?

    @Flag(name: .long, help: "Print the list as JSON.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await runReportingErrors {
            let document = try PDFDocument(contentsOfFile: file)
            let attachments = try document.attachments()
            var written: [String?] = []
            if let extract {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: extract, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw PDFError(.invalidArgument, "--extract \(extract) is not an existing directory")
                }
                for attachment in attachments {
                    written.append(try Self.extract(attachment, from: document, into: extract))
                }
            }
            if json {
                let formatter = ISO8601DateFormatter()
                let list: [[String: Any]] = attachments.enumerated().map { index, item in
                    var entry: [String: Any] = ["fileName": item.fileName, "associated": item.isAssociatedWithDocument, "embedded": item.stream != nil]
                    switch item.location {
                    case .embeddedFiles(let key): entry["nameTreeKey"] = key
                    case .annotation(let page): entry["page"] = page + 1
                    }
                    entry["description"] = item.description
                    entry["mimeType"] = item.mimeType
                    entry["relationship"] = item.relationship?.name
                    entry["size"] = item.size
                    entry["creationDate"] = item.creationDate.map(formatter.string(from:))
                    entry["modificationDate"] = item.modificationDate.map(formatter.string(from:))
                    entry["md5"] = item.checksum.map { $0.map { String(format: "%02x", $0) }.joined() }
                    if index < written.count { entry["extractedTo"] = written[index] }
                    return entry
                }
                let data = try JSONSerialization.data(withJSONObject: list, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
            } else {
                if attachments.isEmpty { print("\(file): no attachments") }
                for (index, item) in attachments.enumerated() {
                    var line = "\(item.fileName)"
                    if let mime = item.mimeType { line += "  \(mime)" }
                    if let size = item.size { line += "  \(size) bytes" }
                    if let relationship = item.relationship { line += "  /AFRelationship /\(relationship.name)" }
                    if case .annotation(let page) = item.location { line += "  (annotation, page \(page + 1))" }
                    if index < written.count, let path = written[index] { line += "  → \(path)" }
                    print(line)
                }
            }
        }
    }

    /// Writes `attachment` into `directory` under its safe name (suffixed when taken); returns the path.
    static func extract(_ attachment: PDFAttachment, from document: PDFDocument, into directory: String) throws -> String? {
        guard attachment.stream != nil else { return nil }
        let bytes = try document.data(of: attachment)
        let base = attachment.safeFileName ?? "attachment"
        let stem = (base as NSString).deletingPathExtension, ext = (base as NSString).pathExtension
        for attempt in 1...1_000 {
            let name = attempt == 1 ? base : "\(stem) (\(attempt))" + (ext.isEmpty ? "" : ".\(ext)")
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            // O_EXCL|O_NOFOLLOW: never over an existing file, never through a symbolic link.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644)
            if descriptor < 0 {
                if errno == EEXIST || errno == ELOOP { continue }
                throw PDFError(.ioFailure, "cannot create \(path): errno \(errno)")
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            do { try handle.write(contentsOf: Data(bytes)) } catch { throw PDFError(.ioFailure, "writing \(path) failed: \(error)") }
            return path
        }
        throw PDFError(.ioFailure, "no free name for \(base) in \(directory)")
    }
}
