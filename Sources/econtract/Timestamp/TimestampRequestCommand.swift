import ArgumentParser
import CMSCore
import Foundation
import TimestampClient

/// `econtract timestamp --tsa URL --in FILE --out REPLY.tsr`.
struct TimestampRequestCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Time-stamp a file at a TSA and write the whole TimeStampResp (as `openssl ts -reply` does)."
    )

    @Option(name: .long, help: "The TSA's URL.")
    var tsa: String

    @Option(name: .long, help: "The file to time-stamp.")
    var `in`: String

    @Option(name: .long, help: "Where to write the reply, a DER TimeStampResp.")
    var out: String

    @Option(name: .long, help: "Hash algorithm: sha256, sha384 or sha512.")
    var digest: String = "sha256"

    @Option(name: .long, help: "TSA policy OID to request.")
    var policy: String?

    @Option(name: .long, help: "Timeout per attempt, in seconds.")
    var timeout: Int = 20

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await runReportingErrors {
            let algorithm = try parseDigest(digest)
            let authority = HTTPTimestampAuthority(
                url: try parseHTTPURL(tsa, option: "--tsa"), requestedPolicy: try policy.map { try parseOID($0, option: "--policy") },
                digestAlgorithm: algorithm, timeout: .seconds(timeout))
            let fileDigest = try FileDigest.digest(ofFileAt: `in`, algorithm: algorithm)
            let response = try await authority.requestResponse(digest: fileDigest, algorithm: algorithm)
            try writeFile(out, response.derEncoded)
            if let token = response.token {
                print("time-stamp \(token.serialNumberHex) at \(formatISO8601(token.genTime)), policy \(token.policy); reply written to \(out)")
            }
        }
    }
}
