import ArgumentParser
import Foundation
import PDFSign

/// `econtract pdf add-fields`: empty signature fields for the parties of a contract, in one
/// incremental update.
struct PDFAddFieldsCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-fields",
        abstract: "Add empty signature fields (placeholders) for later signers, as one incremental update.",
        discussion: """
            Each --field is NAME,PAGE,X,Y,W,H (page from 1, points from the lower-left corner) or NAME,PAGE for an \
            invisible field. Sign one later with `econtract pdf sign --field NAME`. Into a signed document only what \
            the earlier signatures allow is added: nothing after a certification with P=1, only invisible fields after \
            a certification with P=2/3 or for names an earlier FieldMDP lock covers.

            Example: econtract pdf add-fields --in contract.pdf --out fields.pdf \\
              --field PartyA,1,60,60,200,60 --field PartyB,1,320,60,200,60 \\
              --hint "PartyA=甲: 代表取締役 山田 太郎" --lock "PartyB=include:PartyA"
            """
    )

    @Option(name: .long, help: "The PDF to add fields to.")
    var `in`: String

    @Option(name: .long, help: "Where to write the result (not the input).")
    var out: String

    @Option(name: .long, help: "A field: NAME,PAGE,X,Y,W,H, or NAME,PAGE for an invisible one (repeatable).")
    var field: [String] = []

    @Option(name: .long, help: "Signer hint shown by viewers (/TU): NAME=TEXT (repeatable).")
    var hint: [String] = []

    @Option(name: .long, help: "Fields the signature in NAME will lock (/Lock, FieldMDP): NAME=all, NAME=include:F1;F2 or NAME=exclude:F1;F2 (repeatable).")
    var lock: [String] = []

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if field.isEmpty { throw ValidationError("give at least one --field NAME,PAGE[,X,Y,W,H]") }
        _ = try placeholders()
    }

    func run() async throws {
        try await runReportingErrors {
            guard URL(fileURLWithPath: `in`).standardizedFileURL != URL(fileURLWithPath: out).standardizedFileURL else {
                throw PDFError(.invalidArgument, "the output \(out) is the input file")
            }
            let fields = try placeholders()
            let bytes = try PDFSignatureFieldAdder().adding(fields, to: PDFDocument(contentsOfFile: `in`))
            try writeFile(out, bytes)
            print("added \(fields.map(\.name).joined(separator: ", ")) → \(out)")
        }
    }

    /// The placeholders from --field, --hint and --lock.
    func placeholders() throws -> [PDFSignatureFieldPlaceholder] {
        let hints = try Self.assignments(hint, option: "--hint")
        let locks = try Self.assignments(lock, option: "--lock").mapValues(Self.parseLock)
        var result: [PDFSignatureFieldPlaceholder] = []
        for spec in field {
            let parts = spec.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let numbers = parts.dropFirst().map(Double.init)
            guard parts.count == 2 || parts.count == 6, !numbers.contains(nil), let page = numbers[0], page >= 1, page == page.rounded() else {
                throw ValidationError("--field \(spec): expected NAME,PAGE,X,Y,W,H or NAME,PAGE (page from 1)")
            }
            let values = numbers.compactMap { $0 }
            let rectangle = parts.count == 6 ? try PDFRectangle(x: values[1], y: values[2], width: values[3], height: values[4]) : nil
            result.append(try PDFSignatureFieldPlaceholder(
                name: parts[0], pageIndex: Int(page) - 1, rectangle: rectangle, signerHint: hints[parts[0]], lock: try locks[parts[0]].map { try $0.get() }))
        }
        let names = Set(result.map(\.name))
        for name in Set(hints.keys).union(locks.keys) where !names.contains(name) {
            throw ValidationError("--hint/--lock name \(name) is not one of the --field names")
        }
        return result
    }

    static func assignments(_ values: [String], option: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for value in values {
            guard let equals = value.firstIndex(of: "="), equals != value.startIndex else {
                throw ValidationError("\(option) \(value): expected NAME=VALUE")
            }
            result[String(value[..<equals])] = String(value[value.index(after: equals)...])
        }
        return result
    }

    static func parseLock(_ text: String) -> Result<PDFFieldLock, ValidationError> {
        if text == "all" { return .success(.all) }
        for (prefix, make) in [("include:", PDFFieldLock.include), ("exclude:", PDFFieldLock.exclude)] where text.hasPrefix(prefix) {
            let names = text.dropFirst(prefix.count).split(separator: ";").map(String.init)
            guard !names.isEmpty else { break }
            return .success(make(names))
        }
        return .failure(ValidationError("lock \(text): expected all, include:F1;F2 or exclude:F1;F2"))
    }
}
