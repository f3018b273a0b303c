import ContractDefaults
import ArgumentParser
import ContractModel
import Foundation

/// `--store DIR` and `--json`, shared by every `contract` subcommand.
struct ContractStoreOptions: ParsableArguments {
    @Option(name: .long, help: "Folder of the contract store (SQLite, documents, outbox, sandbox PKI); created when missing.")
    var store: String = "econtract-store"

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func open() throws -> ContractEnvironment { try ContractEnvironment(path: store) }

    /// Prints `value` as JSON (sorted keys, ISO 8601 dates) when `--json`, else `text()`.
    func output<Value: Encodable>(_ value: Value, text: () -> String) throws {
        if json {
            print(String(decoding: try ContractJSON.encode(value), as: UTF8.self))
        } else {
            print(text())
        }
    }
}

/// A `contract` subcommand: its logging comes from ``ContractStoreOptions``.
protocol ContractSubcommand: LoggingCommand {
    var options: ContractStoreOptions { get }
}

extension ContractSubcommand {
    var logging: LoggingOptions { options.logging }
}

/// The CLI's JSON form: pretty, sorted keys, ISO 8601 dates.
enum ContractJSON {
    static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }
}

/// Text for a contract: state and each participant.
enum ContractText {
    static func describe(_ contract: Contract) -> String {
        var lines = ["contract \(contract.id): \(contract.title)", "  state: \(state(contract.state))"]
        for participant in contract.participants {
            let method: String
            switch participant.signingMethod {
            case .partyCertificate: method = "party (当事者型)"
            case .witness(let policy): method = "witness (立会人型: \(policy.requiredFactors.map(\.rawValue).joined(separator: "+")))"
            }
            lines.append("  [\(participant.orderGroup)] \(participant.name) <\(participant.email)> id \(participant.id) \(participant.role.rawValue), \(method): \(participant.state.rawValue)")
        }
        lines.append("  document sha256 \(contract.latestRevision.sha256)")
        return lines.joined(separator: "\n")
    }

    static func state(_ state: ContractState) -> String {
        switch state {
        case .declined(let reason): return "declined (\(reason))"
        case .cancelled(let reason): return "cancelled (\(reason))"
        default: return state.kind.rawValue
        }
    }
}
