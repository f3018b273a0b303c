import ArgumentParser
import Foundation
import PDFSign

/// `econtract pdf info IN.pdf`: what the reader sees — revisions, cross-reference kinds,
/// repairs, encryption, objects and pages.
struct PDFInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a PDF's revisions, cross-reference kinds, repairs, encryption and page count."
    )

    @Argument(help: "The PDF file.")
    var file: String

    func run() async throws {
        do {
            let document = try PDFDocument(contentsOfFile: file)
            var lines = ["file: \(file)", "header: %PDF-\(document.headerVersion ?? "?")"]
            lines.append("revisions: \(document.revisions.count)")
            for revision in document.revisions {
                let end = revision.endOffset.map { ", ends at byte \($0)" } ?? ""
                lines.append("  #\(revision.index + 1): \(revision.kind) cross-reference at byte \(revision.xrefOffset), \(revision.entries.count) entries\(end)")
            }
            lines.append("objects in use: \(document.objectNumbers.count)")
            if let encryption = document.encryption {
                lines.append("encrypted: \(encryption.filter.map { "\($0)" } ?? "?") V=\(encryption.version.map(String.init) ?? "?") R=\(encryption.revision.map(String.init) ?? "?") (not decrypted)")
            } else {
                lines.append("encrypted: no")
                lines.append("pages: \((try? document.pageCount()).map(String.init) ?? "unreadable page tree")")
            }
            lines.append("repaired: \(document.wasRepaired ? "yes" : "no")")
            for note in document.repairNotes { lines.append("  \(note)") }
            print(lines.joined(separator: "\n"))
        } catch let error as PDFError {
            FileHandle.standardError.write(Data("error: \(file): \(error)\n".utf8))
            throw CLIExit.badInput
        }
    }
}
