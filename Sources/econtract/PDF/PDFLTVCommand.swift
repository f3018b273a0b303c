import ArgumentParser
import CMSCore
import Foundation
import PDFSign
import TimestampClient

/// `econtract pdf ltv`: upgrade every signature to B-LTA, or renew an LTA chain.
struct PDFLTVCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "ltv",
        abstract: "Add validation data (DSS) and a document timestamp: B-LTA, or the renewal of an LTA chain."
    )

    @Argument(help: "The signed PDF.")
    var input: String

    @Argument(help: "Where to write the extended PDF.")
    var output: String

    @Option(name: .long, help: "RFC 3161 TSA URL for the document timestamp.")
    var tsa: String

    @Option(name: .long, help: "Certificates to add to the DSS (repeatable). Issuers missing from a chain are otherwise fetched from the AIA caIssuers URL when the certificate names one.")
    var dssCert: [String] = []

    @Flag(name: .long, help: "Only add the validation data (B-LT), no document timestamp.")
    var noTimestamp = false

    @OptionGroup var password: PDFPasswordOptions

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await runReportingErrors {
            let issuers = NotingIssuerSource()
            let ltv = PDFLongTermValidation(
                timestampAuthority: HTTPTimestampAuthority(url: try parseHTTPURL(tsa, option: "--tsa")),
                extraCertificates: try dssCert.flatMap { try PEMFiles.certificates(inFile: $0) }, issuerSource: issuers)
            let original = try password.open(input)
            try await ltv.extend(fileAt: input, unlockedLike: original, to: noTimestamp ? .lt : .lta, writingTo: output)
            let renewal = try PDFLongTermValidation.renewalDate(of: PDFDocument(contentsOfFile: output, unlockedLike: original))
            print("extended \(input) → \(output) (\(noTimestamp ? "validation data" : "validation data and a document timestamp"))"
                + (renewal.map { "; renew before \(ISO8601DateFormatter().string(from: $0))" } ?? ""))
            for note in issuers.notes { print(note) }
        }
    }
}

/// `econtract pdf timestamp`: add a document timestamp.
struct PDFTimestampCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "timestamp",
        abstract: "Add a document timestamp (/DocTimeStamp, ETSI.RFC3161) over the whole PDF."
    )

    @Argument(help: "The PDF.")
    var input: String

    @Argument(help: "Where to write the timestamped PDF.")
    var output: String

    @Option(name: .long, help: "RFC 3161 TSA URL.")
    var tsa: String

    @OptionGroup var password: PDFPasswordOptions

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await runReportingErrors {
            let ltv = PDFLongTermValidation(timestampAuthority: HTTPTimestampAuthority(url: try parseHTTPURL(tsa, option: "--tsa")))
            try await ltv.addDocumentTimestamp(fileAt: input, unlockedLike: try password.open(input), writingTo: output)
            print("timestamped \(input) → \(output)")
        }
    }
}
