import ArgumentParser
import Foundation
import PDFSign

/// The password of an encrypted PDF (ISO 32000-2 §7.6), read through ``SecretInput``:
/// `--pdf-password-file FILE`, `$ECONTRACT_PDF_PASSWORD`, a no-echo prompt when the file needs
/// one and standard input is a terminal, or (discouraged, with a warning) `--pdf-password`.
struct PDFPasswordOptions: ParsableArguments {
    @Option(name: .customLong("pdf-password-file"), help: "File whose first line is the user or owner password of an encrypted PDF (or $\(Self.variable)).")
    var pdfPasswordFile: String?

    @Option(name: .long, help: "Password of an encrypted PDF on the command line (discouraged: `ps` shows it; use --pdf-password-file or $\(Self.variable)).")
    var pdfPassword: String?

    /// The environment variable holding the PDF password.
    static let variable = "ECONTRACT_PDF_PASSWORD"

    func validate() throws {
        if pdfPassword != nil, pdfPasswordFile != nil {
            throw ValidationError("give --pdf-password or --pdf-password-file, not both")
        }
    }

    /// Where the password comes from.
    var input: SecretInput { Self.input(value: pdfPassword, file: pdfPasswordFile) }

    /// Where the password comes from, given `--pdf-password` and `--pdf-password-file`.
    static func input(value: String?, file: String?) -> SecretInput {
        SecretInput(option: "pdf-password", value: value, file: file, environmentVariable: variable, purpose: "PDF password")
    }

    /// Opens `path` (see ``open(_:password:)``).
    func open(_ path: String) throws -> PDFDocument {
        try Self.open(path, password: input)
    }

    /// Opens `path`: with the given password, else the empty user password, else (when the
    /// file needs a password and standard input is a terminal) a prompt. A password taken
    /// from argv is warned about.
    static func open(_ path: String, password input: SecretInput) throws -> PDFDocument {
        var given: String?
        if let (secret, origin) = try input.resolve(prompting: false) {
            if origin == .option {
                FileHandle.standardError.write(Data("warning: --pdf-password is visible to other users (ps, shell history); use --pdf-password-file or $\(variable)\n".utf8))
            }
            given = secret
        }
        do {
            return try PDFDocument(contentsOfFile: path, password: given)
        } catch let error as PDFError where error.code == .passwordRequired && given == nil {
            guard let (secret, _) = try input.resolve(prompting: true) else { throw error }
            return try PDFDocument(contentsOfFile: path, password: secret)
        }
    }
}
