import CMSCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One secret the command line takes (a PKCS#12 password, a PDF password), from wherever the
/// user gave it — never requiring it in argv, where `ps` and the shell history show it.
///
/// In order: `--NAME-file FILE` (its first line), `--NAME VALUE` (discouraged, kept for
/// scripts), the environment variable, then a prompt without echo when standard input is a
/// terminal. Giving both `--NAME` and `--NAME-file` is a usage error. The secret is never
/// logged, printed or put into an error message.
struct SecretInput {
    /// The option's name without dashes, e.g. `password`.
    let option: String
    /// The value of `--NAME`, if given.
    let value: String?
    /// The path of `--NAME-file`, if given.
    let file: String?
    /// The environment variable read when neither option was given.
    let environmentVariable: String
    /// What the prompt asks for, e.g. `PKCS#12 password`.
    let purpose: String

    /// How a secret was obtained; for messages (never the secret itself).
    enum Origin: Equatable { case file, option, environment, prompt }

    /// The secret, or `nil` when none was given and no prompt was possible (or `prompting`
    /// is false).
    ///
    /// - Throws: `CMSError` (`invalidArgument`) when both `--NAME` and `--NAME-file` were
    ///   given, the file cannot be read or the prompt was aborted.
    func resolve(prompting: Bool = true,
                 environment: (String) -> String? = Self.processEnvironment) throws -> (secret: String, origin: Origin)? {
        if value != nil, file != nil {
            throw CMSError(.invalidArgument, "give --\(option) or --\(option)-file, not both")
        }
        if let file { return (try Self.firstLine(ofFile: file, option: "--\(option)-file"), .file) }
        if let value { return (value, .option) }
        if let fromEnvironment = environment(environmentVariable) { return (fromEnvironment, .environment) }
        guard prompting, isatty(STDIN_FILENO) == 1 else { return nil }
        return (try Self.prompt("\(purpose): "), .prompt)
    }

    /// One variable of this process's environment (getenv: no dictionary of all of them, as
    /// `ProcessInfo.environment` builds on every call).
    static func processEnvironment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The first line of a file (without its line ending), as `openssl -passin file:` reads it.
    static func firstLine(ofFile path: String, option: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CMSError(.invalidArgument, "\(option): cannot read \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CMSError(.invalidArgument, "\(option): \(path) is not UTF-8 text")
        }
        // Cut at the first LF by bytes: as Characters, "\r\n" is one grapheme that a split at
        // "\n" does not see, so a CRLF file's whole text would have been the password.
        var line = text.utf8.prefix { $0 != UInt8(ascii: "\n") }
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        return String(line) ?? ""
    }

    /// Asks on the terminal with echo off (the prompt goes to stderr, so stdout stays clean).
    ///
    /// Echo is turned off before the prompt appears, so that nothing typed in answer to it
    /// is echoed or discarded by the switch; the terminal is restored afterwards.
    static func prompt(_ text: String) throws -> String {
        var original = termios()
        let canSilence = tcgetattr(STDIN_FILENO, &original) == 0
        if canSilence {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            silent.c_lflag |= tcflag_t(ECHONL)
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        defer { if canSilence { _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &original) } }
        FileHandle.standardError.write(Data(text.utf8))
        guard let line = readLine(strippingNewline: true) else {
            FileHandle.standardError.write(Data("\n".utf8))
            throw CMSError(.invalidArgument, "no password entered")
        }
        return line
    }
}
