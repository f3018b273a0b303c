import ArgumentParser
import CMSCore
import Foundation

struct CMSVerifyCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a detached CMS signature; exit 0 only on TOTAL-PASSED."
    )

    @Option(name: .long, help: "The signed file.")
    var `in`: String

    @Option(name: .long, help: "The signature (DER or BER; PEM 'CMS'/'PKCS7' also accepted).")
    var sig: String

    @Option(name: .long, help: "Trust anchor certificate (repeatable).")
    var trust: [String] = []

    @Option(name: .long, help: "Extra intermediate certificates (repeatable).")
    var untrusted: [String] = []

    @Option(name: .long, help: "Validation time (ISO 8601); default now.")
    var at: String?

    @Flag(name: .long, help: "Check revocation with OCSP where a certificate names a responder, with CRLs for the others (typically intermediates).")
    var ocsp = false

    @Flag(name: .customLong("ocsp-only"), help: "Check revocation with OCSP only, for every certificate (one without a responder fails).")
    var ocspOnly = false

    @Flag(name: .long, help: "Check revocation with CRLs only.")
    var crl = false

    @Flag(name: .customLong("no-revocation"), help: "Don't check revocation.")
    var noRevocation = false

    @Flag(name: .long, help: "Require CAdES-B-B: an ESS signing-certificate(-v2) attribute must bind the signer's certificate.")
    var cades = false

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if [ocsp, ocspOnly, crl, noRevocation].filter({ $0 }).count > 1 {
            throw ValidationError("give at most one of --ocsp, --ocsp-only, --crl, --no-revocation")
        }
    }

    func run() async throws {
        var valid = false
        try await runReportingErrors {
            let signature = try CMSSignature(berEncoded: try SignatureFile.read(sig))
            let anchors = try trust.flatMap { try PEMFiles.certificates(inFile: $0) }
            let intermediates = try untrusted.flatMap { try PEMFiles.certificates(inFile: $0) }
            let revocation: RevocationPolicy = if noRevocation {
                .disabled
            } else {
                .online(preference: ocsp ? .ocspWhereNamedElseCRL : ocspOnly ? .ocspOnly : crl ? .crlOnly : .ocspThenCRL)
            }
            let policy = CMSVerificationPolicy(
                trustAnchors: anchors, intermediates: intermediates,
                validationTime: try at.map(parseISO8601), revocation: revocation,
                requiresSigningCertificateAttribute: cades)
            let report = await CMSSignatureVerifier(policy: policy).verify(signature, content: .file(path: `in`))
            print(json ? try ReportPrinter.json(report) : ReportPrinter.text(report))
            valid = report.isValid
        }
        if !valid { throw CLIExit.invalid }
    }
}

/// Reads a signature file in DER/BER, or PEM with a CMS/PKCS7 header.
enum SignatureFile {
    static func read(_ path: String) throws -> [UInt8] {
        let bytes = try readFile(path)
        guard let text = String(bytes: bytes, encoding: .utf8), text.contains("-----BEGIN") else { return bytes }
        // Lines by Character.isNewline: "\r\n" is one Character, which a split at "\n" would not cut.
        let body = text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
        guard let decoded = Data(base64Encoded: body) else {
            throw CMSError(.malformedEncoding, "\(path) has a PEM header but no base64 body")
        }
        return Array(decoded)
    }
}
