import ArgumentParser
import Foundation
import PDFSign

/// `econtract pdf info IN.pdf`: what the reader sees — revisions, cross-reference kinds,
/// repairs, encryption, objects and pages.
struct PDFInfoCommand: AsyncParsableCommand, LoggingCommand {
    /// Fields, and for each signed one its signature dictionary's main entries.
    static func formLines(_ document: PDFDocument) -> [String] {
        guard let fields = try? document.formFields() else { return ["form: unreadable field tree"] }
        guard !fields.isEmpty else { return ["form fields: none"] }
        var lines = ["form fields: \(fields.count)"]
        for field in fields {
            var line = "  \(field.qualifiedName.isEmpty ? "(unnamed)" : field.qualifiedName) [\(field.fieldType?.string ?? "?")]"
            if field.isSignatureField {
                if field.isSigned, let signature = try? document.resolve(field.value ?? .null).dictionaryValue {
                    let subFilter = signature.name("SubFilter")?.string ?? "?"
                    let range = (try? document.resolve(signature["ByteRange"] ?? .null).arrayValue)?.compactMap(\.integerValue) ?? []
                    let time = signature["M"]?.stringValue.map { String(decoding: $0.bytes, as: UTF8.self) } ?? "?"
                    line += " signed: \(subFilter), /ByteRange \(range), /M \(time)"
                    if let certification = signature["Reference"].flatMap({ try? document.resolve($0).arrayValue })?.compactMap({ try? document.resolve($0).dictionaryValue }).first(where: { $0.name("TransformMethod") == "DocMDP" }) {
                        line += ", certification P=\(certification["TransformParams"]?.dictionaryValue?.integer("P") ?? 2)"
                    }
                } else {
                    line += " empty"
                }
            }
            lines.append(line)
        }
        return lines
    }

    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a PDF's revisions, cross-reference kinds, repairs, encryption, pages, form fields and signatures."
    )

    @Argument(help: "The PDF file.")
    var file: String

    @Flag(name: .long, help: "Print a JSON summary (header, revisions, encryption, pages, repaired) instead of text.")
    var json = false

    @OptionGroup var password: PDFPasswordOptions

    @OptionGroup var logging: LoggingOptions

    /// The `--json` summary.
    struct Summary: Codable {
        var file: String
        var header: String?
        var revisions: Int
        var encryption: PDFEncryptionInfo?
        var pages: Int?
        var repaired: Bool
    }

    /// One line describing how a document is encrypted.
    static func encryptionLine(_ encryption: PDFEncryptionInfo) -> String {
        let methods = [encryption.streamMethod, encryption.stringMethod, encryption.embeddedFileMethod]
        let method = Set(methods).count == 1 ? encryption.streamMethod.rawValue
            : "streams \(encryption.streamMethod.rawValue), strings \(encryption.stringMethod.rawValue), embedded files \(encryption.embeddedFileMethod.rawValue)"
        return "encrypted: /\(encryption.handler) V=\(encryption.version) R=\(encryption.revision), \(encryption.keyLength)-bit key, \(method)"
            + (encryption.encryptMetadata ? "" : ", metadata in clear")
            + "; opened with the \(encryption.openedWith.rawValue) password; permissions: \(encryption.permissions)"
    }

    func run() async throws {
        do {
            let document = try password.open(file)
            if json {
                let summary = Summary(file: file, header: document.headerVersion, revisions: document.revisions.count,
                                      encryption: document.encryption, pages: try? document.pageCount(), repaired: document.wasRepaired)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
                return
            }
            var lines = ["file: \(file)", "header: %PDF-\(document.headerVersion ?? "?")"]
            lines.append("revisions: \(document.revisions.count)")
            for revision in document.revisions {
                let end = revision.endOffset.map { ", ends at byte \($0)" } ?? ""
                lines.append("  #\(revision.index + 1): \(revision.kind) cross-reference at byte \(revision.xrefOffset), \(revision.entries.count) entries\(end)")
            }
            lines.append("objects in use: \(document.objectNumbers.count)")
            lines.append(document.encryption.map(Self.encryptionLine) ?? "encrypted: no")
            lines.append("pages: \((try? document.pageCount()).map(String.init) ?? "unreadable page tree")")
            lines.append("repaired: \(document.wasRepaired ? "yes" : "no")")
            for note in document.repairNotes { lines.append("  \(note)") }
            if !document.xrefIrregularities.isEmpty {
                lines.append("irregularities (tolerated):")
                for note in document.xrefIrregularities { lines.append("  \(note)") }
            }
            lines += Self.formLines(document)
            print(lines.joined(separator: "\n"))
        } catch let error as PDFError {
            FileHandle.standardError.write(Data("error: \(file): \(error)\n".utf8))
            throw CLIExit.badInput
        }
    }
}
