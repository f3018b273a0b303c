import ArgumentParser

/// `econtract ers`: RFC 4998 evidence records.
struct ERSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ers",
        abstract: "Evidence records (RFC 4998): protect many files with one timestamp, renew, verify.",
        subcommands: [ERSCreateCommand.self, ERSVerifyCommand.self, ERSRenewCommand.self]
    )
}

/// Where `ers create` and `ers renew` get their timestamps: `--tsa URL`, else the sandbox TSA.
struct ERSAuthorityOptions: ParsableArguments {
    @Option(name: .long, help: "RFC 3161 TSA URL (default: the sandbox TSA under --sandbox).")
    var tsa: String?

    @Option(name: .long, help: "Folder of the sandbox PKI used when no --tsa is given (created on first use; trust its sandbox-root.pem).")
    var sandbox: String = "econtract-sandbox"
}
