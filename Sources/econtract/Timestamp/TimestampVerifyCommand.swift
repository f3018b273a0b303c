import ArgumentParser
import CMSCore
import Foundation
import SwiftASN1
import TimestampClient

/// `econtract timestamp verify --in FILE --token REPLY.tsr --trust ROOT.pem`.
struct TimestampVerifyCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a time-stamp reply or token over a file; exit 0 only when TOTAL-PASSED."
    )

    @Option(name: .long, help: "The time-stamped file.")
    var `in`: String

    @Option(name: .long, help: "The TimeStampResp (.tsr) or bare token (.tst), DER.")
    var token: String

    @Option(name: .long, help: "A trust anchor certificate file (PEM or DER); repeatable.")
    var trust: [String]

    @Option(name: .long, help: "An intermediate certificate file; repeatable.")
    var intermediate: [String] = []

    @Option(name: .long, help: "An accepted TSA policy OID; repeatable (default: any).")
    var acceptPolicy: [String] = []

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        var valid = false
        try await runReportingErrors {
            let data = try readFile(`in`)
            let anchors = try trust.flatMap { try PEMFiles.certificates(inFile: $0) }
            let intermediates = try intermediate.flatMap { try PEMFiles.certificates(inFile: $0) }
            let policies = acceptPolicy.isEmpty ? nil : try acceptPolicy.map { try parseOID($0, option: "--accept-policy") }
            let parsed: TimestampToken
            switch TimestampVerifier.parseTokenOrResponse(try readFile(token)) {
            case .success(let token): parsed = token
            case .failure(let error) where error.code == .malformedResponse:
                throw CMSError(.malformedEncoding, "\(token) is neither a TimeStampResp nor a token: \(error.reason)")
            case .failure(let error): throw error  // a well-formed but rejected reply: invalid
            }
            let policy = TimestampVerificationPolicy(trustAnchors: anchors, intermediates: intermediates, acceptedPolicies: policies)
            let report = await TimestampVerifier(policy: policy).verify(parsed, data: data)
            print(json ? try ReportPrinter.json(report) : ReportPrinter.text(report))
            valid = report.isValid
        }
        if !valid { throw CLIExit.invalid }
    }
}
