import ArgumentParser

/// `econtract timestamp`: obtain (default) or verify RFC 3161 time-stamps.
struct TimestampCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timestamp",
        abstract: "Obtain or verify an RFC 3161 time-stamp.",
        subcommands: [TimestampRequestCommand.self, TimestampVerifyCommand.self],
        defaultSubcommand: TimestampRequestCommand.self
    )
}
