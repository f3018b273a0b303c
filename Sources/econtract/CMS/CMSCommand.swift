import ArgumentParser

struct CMSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cms",
        abstract: "Detached CMS/CAdES signatures of any file.",
        subcommands: [CMSSignCommand.self, CMSVerifyCommand.self]
    )
}
