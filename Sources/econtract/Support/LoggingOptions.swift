import ArgumentParser
import Logging

/// `-v/--verbose`, shared by every command: repeat for more detail.
struct LoggingOptions: ParsableArguments {
    @Flag(name: [.short, .long], help: "Log to stderr: -v what was fetched, retried or failed along the way (info), -vv every request and verdict (debug). Default: warnings only.")
    var verbose: Int

    /// The level `-v` asks for: warnings by default, info with `-v`, debug with `-vv`.
    var level: Logger.Level { Self.level(verbosity: verbose) }

    static func level(verbosity: Int) -> Logger.Level {
        switch verbosity {
        case ...0: .warning
        case 1: .info
        default: .debug
        }
    }

    /// Sends every `Logger` of the SDK to stderr at `level` (stdout keeps the command's
    /// output, such as `--json` reports). Call once, before any logger is made.
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// A command that takes ``LoggingOptions``; `EContractCommand.main()` bootstraps logging
/// from them before running it. (Refining `ParsableArguments` keeps its conformances
/// nonisolated, like the commands themselves.)
protocol LoggingCommand: ParsableArguments {
    var logging: LoggingOptions { get }
}
