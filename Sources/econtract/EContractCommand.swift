import ArgumentParser
import EContractKit

@main
struct EContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "econtract",
        abstract: "Sign, verify and timestamp electronic contracts (CMS/CAdES, RFC 3161, PAdES).",
        subcommands: [DemoCommand.self, CMSCommand.self, TimestampCommand.self]
    )
}
