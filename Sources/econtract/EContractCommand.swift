import ArgumentParser
import EContractKit
import Foundation
#if canImport(CMSCoreOpenSSL)
import CMSCoreOpenSSL
#endif

@main
struct EContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "econtract",
        abstract: "Sign, verify and timestamp electronic contracts (CMS/CAdES, RFC 3161, PAdES).",
        discussion: "Exit codes: 0 success (verify: valid), 1 invalid or failed, 2 bad usage or input.",
        subcommands: [DemoCommand.self, ContractCommand.self, CMSCommand.self, TimestampCommand.self, PDFCommand.self, ArchiveCommand.self, ERSCommand.self]
    )

    /// Runs the command, mapping ArgumentParser's usage errors (64) to this tool's code 2.
    static func main() async {
        #if canImport(CMSCoreOpenSSL)
        // What swift-crypto lacks (SHA-3, brainpool, Ed448, DSA, legacy PKCS#12), from the
        // system's libcrypto. Registering is free: libcrypto is first touched when used.
        CMSAlgorithmExtensions.register(OpenSSLAlgorithmExtension())
        #endif
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            // `pdf sign` in its common form without ArgumentParser's reflection (half of a small
            // signature's start-up); then the leaf alone when the arguments name one and parse
            // (cheaper than the whole tree); else the whole tree.
            if let fast = PDFSignFastArguments.parse(arguments) {
                LoggingOptions.bootstrap(level: LoggingOptions.level(verbosity: fast.verbosity))
                try await fast.job.run()
                return
            }
            var command: any ParsableCommand
            if let leaf = parseLeaf(arguments) {
                command = leaf
            } else {
                command = try parseAsRoot()
            }
            // Quiet by default (warnings), -v info, -vv debug; always to stderr.
            LoggingOptions.bootstrap(level: (command as? LoggingCommand)?.logging.level ?? .warning)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(CLIExit.badInput.rawValue)
            }
            exit(withError: error)
        }
    }
}
