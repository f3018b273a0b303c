import ArgumentParser
import CMSCore
import Foundation
import TimestampClient

struct CMSSignCommand: AsyncParsableCommand, LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Make a detached CAdES-B-B signature (DER) of a file."
    )

    @OptionGroup var keyOptions: SigningKeyOptions

    @Option(name: .long, help: "The file to sign.")
    var `in`: String

    @Option(name: .long, help: "Where to write the signature (DER).")
    var out: String

    @Option(name: .long, help: "Digest algorithm: sha256, sha384 or sha512 (default: sha512 for Ed25519 keys, RFC 8419; else sha256).")
    var digest: String?

    @Flag(name: .long, help: "Sign RSA keys with RSASSA-PSS instead of PKCS#1 v1.5.")
    var pss = false

    @Flag(name: .long, help: "Include a signing-time attribute (not for PAdES).")
    var signingTime = false

    @Option(name: .long, help: "Time-stamp the signature at this RFC 3161 TSA (CAdES-T).")
    var tsa: String?

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await runReportingErrors {
            let digestAlgorithm = try digest.map(parseDigest)
            let key = try await keyOptions.loadKey()
            var options = CAdESSigningOptions()
            options.digestAlgorithm = digestAlgorithm
            // An explicit --digest that contradicts the key (Ed25519 with anything but sha512)
            // is refused before any file is read.
            _ = try await CAdESSigner(key: key, options: options).digestAlgorithm()
            options.usesRSAPSS = pss
            options.signingTime = signingTime ? Date() : nil
            var signature = try await CAdESSigner(key: key, options: options).sign(fileAt: `in`)
            var level = "CAdES-B-B"
            if let tsa {
                let authority = HTTPTimestampAuthority(url: try parseHTTPURL(tsa, option: "--tsa"))
                signature = try await signature.addingSignatureTimestamp(using: authority)
                level = "CAdES-T"
            }
            try writeFile(out, try signature.derEncoded())
            print("signed \(`in`) → \(out) (\(level), \(signature.signers.first?.signatureAlgorithm.map { "\($0)" } ?? "?"))")
        }
    }
}
