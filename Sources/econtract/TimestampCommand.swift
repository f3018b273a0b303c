import ArgumentParser
import EContractKit
import Foundation
import SwiftASN1
import X509

/// `econtract timestamp`: obtain (default) or verify RFC 3161 time-stamps.
struct TimestampCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timestamp",
        abstract: "Obtain or verify an RFC 3161 time-stamp.",
        subcommands: [TimestampRequestCommand.self, TimestampVerifyCommand.self],
        defaultSubcommand: TimestampRequestCommand.self
    )
}

/// Exit codes shared by the timestamp commands: 0 success/valid, 1 failed/invalid, 2 usage or input error.
enum TimestampExit {
    static let invalid = ExitCode(1)
    static let inputError = ExitCode(2)

    static func fail(_ message: String, _ code: ExitCode) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return code
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as TimestampError: error.description
        case let error as CMSError: error.description
        default: "\(error)"
        }
    }

    static func read(_ path: String, what: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw fail("cannot read \(what) \(path)", inputError)
        }
        return Array(data)
    }
}

/// `econtract timestamp --tsa URL --in FILE --out REPLY.tsr`.
struct TimestampRequestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Time-stamp a file at a TSA and write the whole TimeStampResp."
    )

    // Required options are declared optional and checked in run() (not validate(), which
    // ArgumentParser also calls while rendering help), so that a missing one exits with 2.
    @Option(name: .long, help: "The TSA's URL (required).")
    var tsa: String?

    @Option(name: [.customLong("in")], help: "The file to time-stamp (required).")
    var input: String?

    @Option(name: .long, help: "Where to write the reply, a DER TimeStampResp (required).")
    var out: String?

    @Option(name: .long, help: "Hash algorithm: sha256, sha384 or sha512.")
    var digest: String = "sha256"

    @Option(name: .long, help: "TSA policy OID to request.")
    var policy: String?

    @Option(name: .long, help: "Timeout per attempt, in seconds.")
    var timeout: Int = 20

    func checkRequired() throws {
        for (value, name) in [(tsa, "--tsa"), (input, "--in"), (out, "--out")] where value == nil {
            throw TimestampExit.fail("missing \(name); usage: econtract timestamp --tsa URL --in FILE --out REPLY.tsr", TimestampExit.inputError)
        }
    }

    func run() async throws {
        try checkRequired()
        guard let tsa, let input, let out else { throw TimestampExit.inputError }
        guard let url = URL(string: tsa), url.scheme == "http" || url.scheme == "https" else {
            throw TimestampExit.fail("--tsa must be an http(s) URL", TimestampExit.inputError)
        }
        guard let algorithm = DigestAlgorithm(name: digest), !algorithm.isWeak else {
            throw TimestampExit.fail("--digest must be sha256, sha384 or sha512", TimestampExit.inputError)
        }
        var requestedPolicy: ASN1ObjectIdentifier?
        if let policy {
            do { requestedPolicy = try ASN1ObjectIdentifier(dotRepresentation: policy) } catch {
                throw TimestampExit.fail("--policy \(policy) is not an object identifier", TimestampExit.inputError)
            }
        }
        let data = try TimestampExit.read(input, what: "input file")
        let authority = HTTPTimestampAuthority(url: url, requestedPolicy: requestedPolicy, digestAlgorithm: algorithm,
                                               timeout: .seconds(timeout))
        let response: TimestampResponse
        do {
            response = try await authority.requestResponse(digest: algorithm.hash(data), algorithm: algorithm)
        } catch {
            throw TimestampExit.fail(TimestampExit.reason(error), TimestampExit.invalid)
        }
        guard FileManager.default.createFile(atPath: out, contents: Data(response.derEncoded)) else {
            throw TimestampExit.fail("cannot write \(out)", TimestampExit.inputError)
        }
        if let token = response.token {
            print("time-stamp \(token.serialNumberHex) at \(ISO8601DateFormatter().string(from: token.genTime)), policy \(token.policy); reply written to \(out)")
        }
    }
}

/// `econtract timestamp verify --in FILE --token REPLY.tsr --trust ROOT.pem`.
struct TimestampVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a time-stamp reply or token over a file; exit 0 only when TOTAL-PASSED."
    )

    @Option(name: [.customLong("in")], help: "The time-stamped file (required).")
    var input: String?

    @Option(name: .long, help: "The TimeStampResp (.tsr) or bare token (.tst), DER (required).")
    var token: String?

    @Option(name: .long, help: "A trust anchor certificate file (PEM or DER); repeatable.")
    var trust: [String] = []

    @Option(name: .long, help: "An intermediate certificate file; repeatable.")
    var intermediate: [String] = []

    @Option(name: .long, help: "An accepted TSA policy OID; repeatable (default: any).")
    var acceptPolicy: [String] = []

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func checkRequired() throws {
        for (value, name) in [(input, "--in"), (token, "--token")] where value == nil {
            throw TimestampExit.fail("missing \(name); usage: econtract timestamp verify --in FILE --token REPLY.tsr --trust ROOT.pem",
                                     TimestampExit.inputError)
        }
        guard !trust.isEmpty else {
            throw TimestampExit.fail("at least one --trust certificate is required", TimestampExit.inputError)
        }
    }

    func run() async throws {
        try checkRequired()
        guard let input, let token else { throw TimestampExit.inputError }
        let data = try TimestampExit.read(input, what: "input file")
        let tokenBytes = try TimestampExit.read(token, what: "token file")
        var anchors: [Certificate] = []
        var intermediates: [Certificate] = []
        var policies: [ASN1ObjectIdentifier]?
        do {
            for file in trust { anchors += try PEMFiles.certificates(inFile: file) }
            for file in intermediate { intermediates += try PEMFiles.certificates(inFile: file) }
            if !acceptPolicy.isEmpty { policies = try acceptPolicy.map { try ASN1ObjectIdentifier(dotRepresentation: $0) } }
        } catch {
            throw TimestampExit.fail(TimestampExit.reason(error), TimestampExit.inputError)
        }
        let parsed: TimestampToken
        switch TimestampVerifier.parseTokenOrResponse(tokenBytes) {
        case .success(let token): parsed = token
        case .failure(let error):
            // A reply that is well-formed but rejected, or a token of another content type, is invalid;
            // bytes that are no reply or token at all are an input error.
            let code = error.code == .malformedResponse ? TimestampExit.inputError : TimestampExit.invalid
            throw TimestampExit.fail(error.description, code)
        }
        let policy = TimestampVerificationPolicy(trustAnchors: anchors, intermediates: intermediates, acceptedPolicies: policies)
        let report = await TimestampVerifier(policy: policy).verify(parsed, data: data)
        if json {
            print(Self.json(report))
        } else {
            print(Self.text(report))
        }
        if !report.isValid { throw TimestampExit.invalid }
    }

    static func text(_ report: TimestampValidationReport) -> String {
        var lines = ["\(report.indication.rawValue)\(report.subIndication.map { " / \($0)" } ?? "")"]
        if let token = report.token {
            lines.append("genTime: \(ISO8601DateFormatter().string(from: token.genTime))")
            lines.append("serialNumber: \(token.serialNumberHex)")
            lines.append("policy: \(token.policy)")
        }
        if let tsa = report.tsaCertificate { lines.append("TSA: \(tsa.subject)") }
        for check in report.checks { lines.append("  [\(check.outcome.rawValue)] \(check.name): \(check.detail)") }
        return lines.joined(separator: "\n")
    }

    struct JSONReport: Encodable {
        var indication: String
        var subIndication: String?
        var genTime: String?
        var serialNumber: String?
        var policy: String?
        var tsa: String?
        var checks: [ValidationCheck]
    }

    static func json(_ report: TimestampValidationReport) -> String {
        let value = JSONReport(
            indication: report.indication.rawValue, subIndication: report.subIndication?.rawValue,
            genTime: report.token.map { ISO8601DateFormatter().string(from: $0.genTime) },
            serialNumber: report.token?.serialNumberHex, policy: report.token.map { "\($0.policy)" },
            tsa: report.tsaCertificate.map { "\($0.subject)" }, checks: report.checks)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
