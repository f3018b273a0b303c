import ArgumentParser
import Foundation
import Hummingbird
import SigningPortalApp

/// `swift run SigningPortal [--port 8080] [--host 127.0.0.1] [--data DIR] …` serves the portal;
/// `SigningPortal issue-token --data DIR --name NAME` prints an API bearer token.
@main
struct SigningPortalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "SigningPortal", abstract: "The EContractKit signing portal (sandbox).",
                                                    subcommands: [Serve.self, IssueToken.self], defaultSubcommand: Serve.self)
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the portal (the default).")
    @Option(help: "Port to listen on (0: any free port).") var port = 8080
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Folder for the stores, documents, archive, outbox.jsonl and sandbox-root.pem.") var data = "SigningPortalData"
    @Option(help: "How long an invitation link works, in seconds.") var invitationLifetime: Double = 7 * 86400
    @Option(help: "Public base URL of links (default http://HOST:PORT).") var baseURL: String?
    @Option(help: "OTP attempts allowed per client address in 10 minutes.") var otpAttemptsPerAddress = 200

    func run() async throws {
        let configuration = PortalConfiguration(dataDirectory: URL(fileURLWithPath: data), host: host, port: port, baseURL: baseURL,
                                                invitationLifetime: invitationLifetime, otpAttemptsPerAddress: otpAttemptsPerAddress)
        let portal = try await Portal(configuration: configuration)
        try await buildApplication(portal).runService()
    }
}

struct IssueToken: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "issue-token", abstract: "Print a new API bearer token (only its hash is stored).")
    @Option(help: "The portal's data folder.") var data = "SigningPortalData"
    @Option(help: "A name for the token (who or what uses it).") var name: String

    func run() throws {
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        print(try APITokens(directory: URL(fileURLWithPath: data)).issue(name: name))
    }
}

